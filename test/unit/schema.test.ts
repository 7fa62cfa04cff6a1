import { expect } from '@open-wc/testing';
import { leadSchema, parseLead } from '../../src/lead/schema.js';
import { consentFor, exampleLead } from '../support/leads.js';

function issuesOf(input: unknown): string[] {
  const result = parseLead(input);
  return result.success ? [] : result.issues.map((issue) => issue.path);
}

describe('leadSchema', () => {
  it('accepts the README example', () => {
    const result = parseLead(exampleLead());
    expect(result.success).to.equal(true);
  });

  it('accepts a cold download lead with no contact details at all', () => {
    const lead = exampleLead({
      temperature: 'cold',
      priority: false,
      nextSteps: ['deliver-request'],
      contact: { preference: 'none' },
      indicators: [],
      ...consentFor('none', "Just the content, please don't contact me"),
      page: { url: 'https://example.com/' },
    });
    delete lead.repeat;
    expect(parseLead(lead).success).to.equal(true);
  });

  it('accepts what other writers of ISO 8601 and UUIDs produce: an offset, fractions of a second, capitals', () => {
    const lead = exampleLead({ consent: { ...exampleLead().consent, receiptId: '9A1F0C4E-5B7D-1C2A-8E3F-1D2C3B4A5F60', givenAt: '2026-11-22T11:15:00+01:00' } });
    expect(parseLead({ ...lead, id: '9A1F0C4E-5B7D-4C2A-8E3F-1D2C3B4A5F60', capturedAt: '2026-11-22T10:15:00.123456Z' }).success).to.equal(true);
  });

  it('keeps a test lead marked as one (the builder\'s test send), and refuses a test flag that is not a boolean', () => {
    const result = parseLead({ ...exampleLead(), test: true });
    expect(result.success).to.equal(true);
    if (result.success) expect(result.lead.test).to.equal(true);
    expect(issuesOf({ ...exampleLead(), test: 'yes' })).to.include('test');
  });

  it('strips unknown fields rather than passing them on', () => {
    const result = parseLead({ ...exampleLead(), tracking: 'fingerprint' });
    expect(result.success).to.equal(true);
    if (result.success) expect(result.lead).not.to.have.property('tracking');
  });

  const invalid: [string, unknown, string][] = [
    ['a wrong schema version', { ...exampleLead(), schemaVersion: 2 }, 'schemaVersion'],
    ['an id that is not a uuid v4', { ...exampleLead(), id: 'lead-1' }, 'id'],
    ['an id of another uuid version', { ...exampleLead(), id: '9a1f0c4e-5b7d-1c2a-8e3f-1d2c3b4a5f60' }, 'id'],
    ['a consent receipt id that is not a uuid', exampleLead({ consent: { ...exampleLead().consent, receiptId: 'receipt-1' } }), 'consent.receiptId'],
    ['a timestamp that is not ISO 8601', { ...exampleLead(), capturedAt: 'yesterday' }, 'capturedAt'],
    ['a timestamp without an offset', { ...exampleLead(), capturedAt: '2026-11-22T10:15:00' }, 'capturedAt'],
    ['a timestamp without seconds', { ...exampleLead(), capturedAt: '2026-11-22T10:15Z' }, 'capturedAt'],
    ['a consent time in a thirteenth month', exampleLead({ consent: { ...exampleLead().consent, givenAt: '2026-13-22T10:15:00Z' } }), 'consent.givenAt'],
    ['a call limit that is not a whole number', exampleLead({ contactPolicy: { ...exampleLead().contactPolicy, maxCallAttempts: 2.5 } }), 'contactPolicy.maxCallAttempts'],
    ['a repeat count that is not a whole number', exampleLead({ repeat: { count: 1.5, offers: [] } }), 'repeat.count'],
    ['an unknown temperature', { ...exampleLead(), temperature: 'boiling' }, 'temperature'],
    ['an unknown offer', exampleLead({ offer: { kind: 'webinar' as never } }), 'offer.kind'],
    ['an invalid email', exampleLead({ contact: { preference: 'email', email: 'not-an-email' }, nextSteps: ['deliver-request'], ...consentFor('email', 'Email me') }), 'contact.email'],
    ['a call without a phone', exampleLead({ contact: { preference: 'call', email: 'a@example.com', callWindow: 'morning' } }), 'contact.phone'],
    ['consent channels wider than the choice', exampleLead({ consent: { ...exampleLead().consent, channels: { email: true, phone: true } } }), 'consent.channels'],
    ['policy channels wider than the choice', exampleLead({ contactPolicy: { ...exampleLead().contactPolicy, channels: { email: true, phone: true } } }), 'contactPolicy.channels'],
    ['doNotContact for a prospect who asked for a call', exampleLead({ contactPolicy: { ...exampleLead().contactPolicy, doNotContact: true } }), 'contactPolicy.doNotContact'],
    ['a call policy without its limits', exampleLead({ contactPolicy: { channels: { email: false, phone: true }, doNotContact: false, callWindow: 'morning' } }), 'contactPolicy'],
    ['call timing in an email policy', exampleLead({ contact: { preference: 'email', email: 'a@example.com' }, nextSteps: ['deliver-request'], ...consentFor('email', 'Email me'), contactPolicy: { channels: { email: true, phone: false }, doNotContact: false, timeZone: 'Europe/London' } }), 'contactPolicy'],
    ['a consent text hash that is not SHA-256 hex', exampleLead({ consent: { ...exampleLead().consent, textSha256: 'abc' } }), 'consent.textSha256'],
    ['a collection method from elsewhere', exampleLead({ consent: { ...exampleLead().consent, collectionMethod: 'import:csv' } }), 'consent.collectionMethod'],
    ['a missing contact policy', { ...exampleLead(), contactPolicy: undefined }, 'contactPolicy'],
    ['a phone the prospect was not asked for', exampleLead({ contact: { preference: 'email', email: 'a@example.com', phone: '123456' }, nextSteps: ['deliver-request'], ...consentFor('email', 'Email me') }), 'contact.phone'],
    ['an email the prospect was not asked for', exampleLead({ contact: { preference: 'none', email: 'a@example.com' }, nextSteps: ['deliver-request'], ...consentFor('none', 'x') }), 'contact.email'],
    ['an email preference without an email', exampleLead({ contact: { preference: 'email' }, nextSteps: ['deliver-request'], ...consentFor('email', 'Email me') }), 'contact.email'],
    ['a call step for an email-only prospect', exampleLead({ contact: { preference: 'email', email: 'a@example.com' }, ...consentFor('email', 'Email me') }), 'nextSteps.1'],
    ['next steps not starting with delivery', exampleLead({ nextSteps: ['individual-call', 'deliver-request'] }), 'nextSteps.0'],
    ['no next steps', exampleLead({ nextSteps: [] }), 'nextSteps'],
    ['an empty-string name instead of an absent one', exampleLead({ contact: { preference: 'call', name: '', email: 'a@example.com', phone: '12345' } }), 'contact.name'],
    ['a phone with letters', exampleLead({ contact: { preference: 'call', email: 'a@example.com', phone: 'call me maybe' } }), 'contact.phone'],
    ['more than 50 indicators', exampleLead({ indicators: Array.from({ length: 51 }, (_, index) => ({ value: `v${index}`, label: 'x' })) }), 'indicators'],
    ['a missing consent', { ...exampleLead(), consent: undefined }, 'consent'],
  ];

  for (const [what, input, path] of invalid) {
    it(`rejects ${what} at ${path}`, () => {
      expect(issuesOf(input)).to.include(path);
    });
  }

  it('rejects things that are not leads at all without throwing', () => {
    for (const input of [null, undefined, 42, 'lead', [], {}]) {
      expect(parseLead(input).success).to.equal(false);
      expect(() => leadSchema.safeParse(input)).not.to.throw();
    }
  });
});
