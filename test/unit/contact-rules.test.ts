import { expect } from '@open-wc/testing';
import { allowedChannels, needsEmail, needsPhone, respectfulNextSteps } from '../../src/lead/contact-rules.js';

describe('contact rules', () => {
  it('asks for email only when the preference or the offer needs it', () => {
    expect(needsEmail('download', 'none')).to.equal(false);
    expect(needsEmail('follow', 'none')).to.equal(false);
    expect(needsEmail('download', 'email')).to.equal(true);
    expect(needsEmail('download', 'call')).to.equal(true);
    expect(needsEmail('newsletter', 'none')).to.equal(true);
    expect(needsEmail('event', 'none')).to.equal(true);
    expect(needsEmail('trial', undefined)).to.equal(true);
    expect(needsEmail('download', undefined)).to.equal(false);
  });

  it('asks for a phone only for a call', () => {
    expect(needsPhone('call')).to.equal(true);
    expect(needsPhone('email')).to.equal(false);
    expect(needsPhone('none')).to.equal(false);
    expect(needsPhone(undefined)).to.equal(false);
  });

  it('allows exactly the channel chosen', () => {
    expect(allowedChannels('none')).to.deep.equal({ email: false, phone: false });
    expect(allowedChannels('email')).to.deep.equal({ email: true, phone: false });
    expect(allowedChannels('call')).to.deep.equal({ email: false, phone: true });
  });

  it('cleans a custom classifier\'s steps: delivery first, no unchosen channel, no repeats', () => {
    expect(respectfulNextSteps(['individual-call', 'individual-email', 'individual-email', 'deliver-request'], 'email')).to.deep.equal([
      'deliver-request',
      'individual-email',
    ]);
    expect(respectfulNextSteps([], 'none')).to.deep.equal(['deliver-request']);
  });
});
