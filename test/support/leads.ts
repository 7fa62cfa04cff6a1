import type { Lead } from '../../src/lead/schema.js';

/** A valid lead matching the README's example; tests change one thing at a time. */
export function exampleLead(overrides: Partial<Lead> = {}): Lead {
  return {
    schemaVersion: 1,
    id: '3b241101-e2bb-4255-8caf-4136c566a962',
    capturedAt: '2026-11-22T10:15:00.000Z',
    temperature: 'warm',
    priority: true,
    nextSteps: ['deliver-request', 'individual-call'],
    offer: { kind: 'download', id: 'benchmark-2026', title: 'The 2026 Reporting Benchmark', assetHref: '/files/benchmark.pdf' },
    contact: { preference: 'call', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958', callWindow: 'morning' },
    indicators: [{ value: 'manual-reports', label: 'We still build reports by hand' }],
    consent: {
      receiptId: '9a1f0c4e-5b7d-4c2a-8e3f-1d2c3b4a5f60',
      givenAt: '2026-11-22T10:15:00.000Z',
      collectionMethod: 'web-form:lead-capture@0.1.0',
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
    repeat: { count: 1, offers: ['pricing-guide'] },
    page: { url: 'https://example.com/benchmark', referrer: 'https://www.example.org/', utm: { source: 'newsletter' } },
    ...overrides,
  };
}


/** The consent and policy parts for another preference, so tests can build consistent leads. */
export function consentFor(preference: 'none' | 'email' | 'call', text: string): Pick<Lead, 'consent' | 'contactPolicy'> {
  const channels = { email: preference === 'email', phone: preference === 'call' };
  const base = exampleLead();
  return {
    consent: { ...base.consent, text, channels },
    contactPolicy:
      preference === 'call'
        ? { channels, doNotContact: false, timeZone: 'Europe/London', maxCallAttempts: 2 }
        : { channels, doNotContact: preference === 'none' },
  };
}
