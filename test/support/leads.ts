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
    consent: { text: 'Call me', version: '2026-11', policyHref: '/privacy', givenAt: '2026-11-22T10:15:00.000Z', language: 'en' },
    page: { url: 'https://example.com/benchmark', referrer: 'https://www.example.org/', utm: { source: 'newsletter' } },
    ...overrides,
  };
}

