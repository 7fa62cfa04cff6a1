// What an endpoint gets: `lead-capture/schema` in plain Node (no DOM), and the JSON Schema.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { leadSchema, parseLead } from 'lead-capture/schema';

const now = new Date().toISOString();
const lead = {
  schemaVersion: 1,
  id: randomUUID(),
  capturedAt: now,
  temperature: 'cool',
  priority: false,
  nextSteps: ['deliver-request', 'follow-up-email'],
  offer: { kind: 'download', id: 'benchmark-2026' },
  contact: { preference: 'email', email: 'ada@example.com' },
  indicators: [],
  consent: {
    receiptId: randomUUID(),
    givenAt: now,
    collectionMethod: 'web-form:lead-capture@0.1.0',
    language: 'en',
    text: 'Email me',
    textSha256: '7d20e7b6c62b4ecc516327e86bcc813d5c91717ac95123bbcf04dd5ffb513450',
    channels: { email: true, phone: false },
    gpc: false,
  },
  contactPolicy: { channels: { email: true, phone: false }, doNotContact: false },
  page: { url: 'https://example.com/' },
};

test('lead-capture/schema imports in Node without a DOM and validates leads', () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.deepEqual(parseLead(lead), { success: true, lead });
  assert.equal(leadSchema.safeParse(lead).success, true);
  const refused = parseLead({ ...lead, contact: { preference: 'email', email: 'ada@example.com', phone: '123456' } });
  assert.equal(refused.success, false);
  assert.deepEqual(refused.issues.map((issue) => issue.path), ['contact.phone']);
});

test('dist/lead.schema.json describes the lead for non-JavaScript endpoints', () => {
  const schema = JSON.parse(readFileSync(new URL('../../dist/lead.schema.json', import.meta.url), 'utf8'));
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(schema.required, ['schemaVersion', 'id', 'capturedAt', 'temperature', 'priority', 'nextSteps', 'offer', 'contact', 'indicators', 'consent', 'contactPolicy', 'page']);
  assert.deepEqual(schema.properties.contact.properties.preference.enum, ['none', 'email', 'call']);
  // Described, but left to the receiver where the page had no crypto.subtle (plain http).
  assert.equal(schema.properties.consent.properties.textSha256.pattern, '^[0-9a-f]{64}$');
  assert.ok(!schema.properties.consent.required.includes('textSha256'));
  assert.ok(schema.properties.consent.required.includes('text'));
  // Formats are patterns (enforced by every validator), whole numbers are integers.
  assert.match(lead.id, new RegExp(schema.properties.id.pattern));
  assert.doesNotMatch('2026-11-22T10:15:00', new RegExp(schema.properties.capturedAt.pattern));
  assert.equal(schema.properties.contactPolicy.properties.maxCallAttempts.type, 'integer');
  assert.equal(schema.properties.repeat.properties.count.type, 'integer');
  // A test lead (the builder's test send) says so; receivers keep it apart.
  assert.equal(schema.properties.test.type, 'boolean');
});
