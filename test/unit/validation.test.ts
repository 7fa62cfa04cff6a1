import { expect } from '@open-wc/testing';
import { firstInvalidField, validateAnswers } from '../../src/form/validation.js';
import { englishStrings as strings } from '../../src/i18n/en.js';

describe('validateAnswers', () => {
  it('requires a preference first', () => {
    const errors = validateAnswers({ indicators: [] }, 'download', strings);
    expect(errors).to.deep.equal({ preference: strings.errorPreferenceMissing });
    expect(firstInvalidField(errors)).to.equal('preference');
  });

  it('asks nothing more of a "none" download', () => {
    expect(validateAnswers({ preference: 'none', indicators: [] }, 'download', strings)).to.deep.equal({});
  });

  it('requires an email for a newsletter even with "none"', () => {
    expect(validateAnswers({ preference: 'none', indicators: [] }, 'newsletter', strings)).to.deep.equal({ email: strings.errorEmailMissing });
  });

  it('explains an invalid email and a nonsense phone', () => {
    const errors = validateAnswers({ preference: 'call', email: 'ada@', phone: 'call me', indicators: [] }, 'download', strings);
    expect(errors).to.deep.equal({ email: strings.errorEmailInvalid, phone: strings.errorPhoneInvalid });
    expect(firstInvalidField(errors)).to.equal('email');
  });

  it('accepts phone numbers written the usual ways', () => {
    for (const phone of ['+1 (555) 010-0199', '020 7946 0958', '+49 30/1234567', '555.010.0199']) {
      expect(validateAnswers({ preference: 'call', email: 'a@example.com', phone, indicators: [] }, 'download', strings), phone).to.deep.equal({});
    }
  });

  it('rejects too few digits', () => {
    expect(validateAnswers({ preference: 'call', email: 'a@example.com', phone: '12', indicators: [] }, 'download', strings).phone).to.equal(strings.errorPhoneInvalid);
  });
});
