import { expect } from '@open-wc/testing';
import { deepFreeze, sameLeadContent } from '../../src/lead/identity.js';
import { exampleLead } from '../support/leads.js';

describe('sameLeadContent', () => {
  it('sees the same lead again when only the id and the moment differ', () => {
    const first = exampleLead();
    const again = {
      ...first,
      id: '6f1c9f3e-0b6a-4d6f-9d0e-2f1a3b4c5d6e',
      capturedAt: '2030-01-01T00:00:00.000Z',
      consent: { ...first.consent, receiptId: '0b0e9a7c-1d2e-4f3a-8b5c-6d7e8f9a0b1c', givenAt: '2030-01-01T00:00:00.000Z' },
    };
    expect(sameLeadContent(first, again)).to.equal(true);
  });

  it('sees a new lead in any other change', () => {
    const first = exampleLead();
    expect(sameLeadContent(first, { ...first, contact: { ...first.contact, email: 'ada@acme.test' } })).to.equal(false);
    expect(sameLeadContent(first, { ...first, consent: { ...first.consent, text: 'Other words' } })).to.equal(false);
  });
});

describe('deepFreeze', () => {
  it('freezes every level, so a listener cannot edit a validated lead', () => {
    const lead = deepFreeze(exampleLead());
    expect(() => {
      (lead.contact as { name?: string }).name = 'x'.repeat(300);
    }).to.throw(TypeError);
    expect(() => (lead.nextSteps as string[]).push('individual-call')).to.throw(TypeError);
    expect(Object.isFrozen(lead.consent.channels)).to.equal(true);
  });
});
