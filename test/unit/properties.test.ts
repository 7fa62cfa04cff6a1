import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateAnswers } from '../../src/form/validation.js';
import { englishStrings } from '../../src/i18n/en.js';
import { buildLead, type FormAnswers, type LeadContext } from '../../src/lead/build.js';
import { leadSchema, parseLead } from '../../src/lead/schema.js';
import { classifyLead } from '../../src/lead/temperature.js';
import { contactPreferences, nextStepCodes, offerKinds, temperatures } from '../../src/lead/vocabulary.js';
import { exampleLead } from '../support/leads.js';

// Property-based tests, 10,000+ runs in all: whatever comes in (arbitrary unicode, huge
// strings, missing and extra fields), nothing crashes, and every output is either a valid
// lead or a typed error.

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 1000, maxLength: 5000 }),
  fc.constantFrom('', ' ', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u0000', '\u202e', 'ada@example.com', '+44 20 7946 0958'),
);

const context: LeadContext = {
  settings: { offer: 'download' },
  indicatorOptions: [
    { value: 'manual-reports', label: 'We still build reports by hand' },
    { value: 'slow-close', label: 'Month-end close takes over a week' },
  ],
  consent: { receiptId: '9a1f0c4e-5b7d-4c2a-8e3f-1d2c3b4a5f60', text: 'Call me', textSha256: '4bec608656df5943e5506bb6aa67c5f760084eb95e114e51692a5a73a46b488a', language: 'en', gpc: false },
  timeZone: 'Europe/London',
  page: { url: 'https://example.com/' },
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  now: new Date('2026-11-22T10:15:00.000Z'),
  classify: classifyLead,
};

function expectTypedOutcome(result: ReturnType<typeof parseLead>): void {
  if (result.success) {
    expect(leadSchema.safeParse(result.lead).success).to.equal(true);
  } else {
    expect(result.issues.length).to.be.greaterThan(0);
    for (const issue of result.issues) {
      expect(issue.path).to.be.a('string');
      expect(issue.message).to.be.a('string');
    }
  }
}

describe('properties of the schema', () => {
  it('a valid lead with fields removed, replaced or added is either still valid or refused with issues (2,000 runs)', () => {
    const lead = exampleLead() as unknown as Record<string, unknown>;
    const keys = Object.keys(lead);
    fc.assert(
      fc.property(
        fc.subarray(keys),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }),
        fc.dictionary(fc.constantFrom(...keys), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }),
        (removed, extra, replaced) => {
          const candidate: Record<string, unknown> = { ...extra, ...lead, ...replaced };
          for (const key of removed) delete candidate[key];
          const result = parseLead(candidate);
          expectTypedOutcome(result);
          // Every top-level field is required but the repeat signal.
          if (removed.some((key) => key !== 'repeat')) expect(result.success).to.equal(false);
          // Unknown fields never pass through.
          if (result.success) for (const key of Object.keys(extra)) if (!keys.includes(key)) expect(Object.hasOwn(result.lead, key), key).to.equal(false);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('properties of the classifier', () => {
  it('always answers a known temperature, a boolean priority and allowed next steps (2,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...offerKinds), fc.constantFrom(...contactPreferences), fc.array(anyText, { maxLength: 60 }), (offer, preference, indicators) => {
        const result = classifyLead({ offer, preference, indicators });
        expect(temperatures).to.include(result.temperature);
        expect(result.priority).to.equal(indicators.length > 0 && preference !== 'none');
        expect(result.nextSteps[0]).to.equal('deliver-request');
        for (const step of result.nextSteps) expect(nextStepCodes).to.include(step);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('properties of the builder and serializer', () => {
  const answers = fc.record({
    preference: fc.constantFrom(...contactPreferences),
    name: fc.option(anyText, { nil: undefined }),
    email: fc.option(anyText, { nil: undefined }),
    phone: fc.option(anyText, { nil: undefined }),
    callWindow: fc.option(fc.constantFrom('', 'morning', 'afternoon', 'evening' as const), { nil: undefined }),
    indicators: fc.array(fc.oneof(anyText, fc.constantFrom('manual-reports', 'slow-close')), { maxLength: 5 }),
  }) as fc.Arbitrary<FormAnswers>;

  it('answers the form accepts always build a valid lead, which survives JSON unchanged (3,000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...offerKinds), answers, (offer, answer) => {
        const lead = buildLead(answer, { ...context, settings: { offer } });
        const result = parseLead(lead);
        expectTypedOutcome(result);
        // The form checks with the schema's own rules: what it lets through, the schema never refuses.
        const formAccepts = Object.keys(validateAnswers(answer, offer, englishStrings)).length === 0;
        if (formAccepts) expect(result.success, JSON.stringify(answer)).to.equal(true);
        if (result.success) {
          const wire = JSON.stringify(result.lead);
          expect(parseLead(JSON.parse(wire))).to.deep.equal({ success: true, lead: result.lead });
          // Nothing the preference did not need.
          if (answer.preference !== 'call') expect(result.lead.contact).not.to.have.any.keys('phone', 'callWindow');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
