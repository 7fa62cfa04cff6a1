import { expect } from '@open-wc/testing';
import { buildLead, normalisePhone, type LeadContext } from '../../src/lead/build.js';
import { parseLead } from '../../src/lead/schema.js';
import { classifyLead } from '../../src/lead/temperature.js';
import { widgetVersion } from '../../src/version.js';

const context: LeadContext = {
  settings: { offer: 'download', offerId: 'benchmark-2026', offerTitle: 'The Benchmark', assetHref: '/files/b.pdf', privacyHref: '/privacy', consentVersion: '2026-11', controller: 'Acme Finance Ltd', jurisdiction: 'EU' },
  indicatorOptions: [
    { value: 'manual-reports', label: 'We still build reports by hand' },
    { value: 'slow-close', label: 'Month-end close takes over a week' },
  ],
  consent: { receiptId: '9a1f0c4e-5b7d-4c2a-8e3f-1d2c3b4a5f60', text: 'Call me', textSha256: '4bec608656df5943e5506bb6aa67c5f760084eb95e114e51692a5a73a46b488a', language: 'en', gpc: false },
  timeZone: 'Europe/London',
  page: { url: 'https://example.com/benchmark' },
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  now: new Date('2026-11-22T10:15:00.000Z'),
  classify: classifyLead,
};

describe('buildLead', () => {
  it('builds the README example from a call answer', () => {
    const lead = buildLead(
      { preference: 'call', name: '  Ada ', email: ' ada@example.com ', phone: '+44 (20) 7946-0958', callWindow: 'morning', indicators: ['slow-close', 'manual-reports'] },
      context,
    );
    expect(lead).to.deep.equal({
      schemaVersion: 1,
      id: context.id,
      capturedAt: '2026-11-22T10:15:00.000Z',
      temperature: 'warm',
      priority: true,
      nextSteps: ['deliver-request', 'individual-call'],
      offer: { kind: 'download', id: 'benchmark-2026', title: 'The Benchmark', assetHref: '/files/b.pdf' },
      contact: { preference: 'call', name: 'Ada', email: 'ada@example.com', phone: '+442079460958', callWindow: 'morning' },
      // In the order offered, not the order ticked.
      indicators: [
        { value: 'manual-reports', label: 'We still build reports by hand' },
        { value: 'slow-close', label: 'Month-end close takes over a week' },
      ],
      consent: {
        receiptId: '9a1f0c4e-5b7d-4c2a-8e3f-1d2c3b4a5f60',
        givenAt: '2026-11-22T10:15:00.000Z',
        collectionMethod: `web-form:lead-capture@${widgetVersion}`,
        language: 'en',
        jurisdiction: 'EU',
        controller: 'Acme Finance Ltd',
        policyHref: '/privacy',
        version: '2026-11',
        text: 'Call me',
        textSha256: '4bec608656df5943e5506bb6aa67c5f760084eb95e114e51692a5a73a46b488a',
        channels: { email: false, phone: true },
        gpc: false,
      },
      contactPolicy: { channels: { email: false, phone: true }, doNotContact: false, callWindow: 'morning', timeZone: 'Europe/London', maxCallAttempts: 2 },
      page: { url: 'https://example.com/benchmark' },
    });
    expect(parseLead(lead).success).to.equal(true);
  });

  it('leaves out what a "none" preference did not ask for, even if it is still in the form', () => {
    const lead = buildLead({ preference: 'none', name: ' ', email: 'stale@example.com', phone: '12345', callWindow: 'evening', indicators: [] }, context);
    expect(lead.contact).to.deep.equal({ preference: 'none' });
    expect(lead.contactPolicy).to.deep.equal({ channels: { email: false, phone: false }, doNotContact: true });
    expect(lead.consent.channels).to.deep.equal({ email: false, phone: false });
    expect(lead.temperature).to.equal('cold');
    expect(parseLead(lead).success).to.equal(true);
  });

  it('keeps the email a newsletter needs but drops the phone an email preference did not', () => {
    const lead = buildLead(
      { preference: 'email', email: 'a@example.com', phone: '12345', indicators: ['unknown-value'] },
      { ...context, settings: { offer: 'newsletter' } },
    );
    expect(lead.contact).to.deep.equal({ preference: 'email', email: 'a@example.com' });
    expect(lead.indicators).to.deep.equal([]);
    expect(lead.offer).to.deep.equal({ kind: 'newsletter' });
    expect(lead.consent).not.to.have.property('version');
    expect(lead.contactPolicy).to.deep.equal({ channels: { email: true, phone: false }, doNotContact: false });
  });

  it('adds the repeat signal only when given, and a call policy with the site\'s limit', () => {
    const lead = buildLead(
      { preference: 'call', email: 'a@example.com', phone: '+1 555 010 0199', indicators: [] },
      { ...context, settings: { ...context.settings, maxCallAttempts: 1 }, repeat: { count: 2, offers: ['a', 'b'] } },
    );
    expect(lead.repeat).to.deep.equal({ count: 2, offers: ['a', 'b'] });
    expect(lead.contactPolicy).to.deep.equal({ channels: { email: false, phone: true }, doNotContact: false, timeZone: 'Europe/London', maxCallAttempts: 1 });
    expect(parseLead(lead).success).to.equal(true);
    expect(buildLead({ preference: 'none', indicators: [] }, context)).not.to.have.property('repeat');
  });

  it('limits a custom classifier to the channels the prospect allowed', () => {
    const lead = buildLead(
      { preference: 'email', email: 'a@example.com', indicators: [] },
      { ...context, classify: () => ({ temperature: 'hot', priority: true, nextSteps: ['individual-call', 'individual-email'] }) },
    );
    expect(lead.temperature).to.equal('hot');
    expect(lead.nextSteps).to.deep.equal(['deliver-request', 'individual-email']);
  });
});

describe('widgetVersion', () => {
  it('is the package version, stamped in at build time', async () => {
    const { version } = (await (await fetch('/package.json')).json()) as { version: string };
    expect(widgetVersion).to.equal(version);
  });
});

describe('normalisePhone', () => {
  it('keeps digits and a leading plus', () => {
    expect(normalisePhone(' +1 (555) 010-0199 ')).to.equal('+15550100199');
    expect(normalisePhone('020 7946 0958')).to.equal('02079460958');
    expect(normalisePhone('  ')).to.equal('');
  });
});
