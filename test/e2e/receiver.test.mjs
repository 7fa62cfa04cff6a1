// The receiver (lead-capture-receiver, as startSite mounts it at /api/leads) over real HTTP:
// validation, problem answers, dedupe, CORS, the consent digest.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startSite } from './support/site.mjs';

let site;
before(async () => (site = await startSite()));
after(async () => site?.close());

function lead(overrides = {}, preference = 'none') {
  const now = new Date().toISOString();
  const channels = { email: preference === 'email', phone: false };
  return {
    schemaVersion: 1,
    id: randomUUID(),
    capturedAt: now,
    temperature: 'cold',
    priority: false,
    nextSteps: ['deliver-request'],
    offer: { kind: 'download', id: 'benchmark-2026' },
    contact: { preference: 'none' },
    indicators: [],
    consent: {
      receiptId: randomUUID(),
      givenAt: now,
      collectionMethod: 'web-form:lead-capture@0.1.0',
      language: 'en',
      text: "Just the content, please don't contact me",
      textSha256: '27021c289b3387737172a2c473cf8e10a8ed678b7eb0e1401fc4fb48340495a6',
      channels,
      gpc: false,
    },
    contactPolicy: { channels, doNotContact: preference === 'none' },
    page: { url: 'https://example.com/' },
    ...overrides,
  };
}

function post(body, headers = {}) {
  return fetch(`${site.origin}/api/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

test('stores a valid lead once, however often it is delivered with the same Idempotency-Key', async () => {
  const valid = lead();
  const first = await post(valid, { 'Idempotency-Key': valid.id });
  const second = await post(valid, { 'Idempotency-Key': valid.id });
  assert.equal(first.status, 201);
  assert.deepEqual(await first.json(), { id: valid.id, stored: true });
  assert.equal(second.status, 200);
  assert.deepEqual(await second.json(), { id: valid.id, duplicate: true });
  const stored = (await site.leads()).filter((record) => record.lead.id === valid.id);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].id, valid.id);
  assert.deepEqual(stored[0].lead, valid);
});

test('refuses an invalid lead with a problem that names the field', async () => {
  const response = await post(lead({ contact: { preference: 'email' }, temperature: 'cool' }, 'email'));
  assert.equal(response.status, 400);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  const problem = await response.json();
  assert.equal(problem.title, 'Invalid lead');
  assert.deepEqual(problem.issues, [{ path: 'contact.email', message: 'An email address is required by this preference or offer' }]);
  assert.match(problem.detail, /contact\.email/);
});

test('refuses malformed JSON, other media types, unknown methods and bodies over 64 KB', async () => {
  assert.equal((await post('{not json')).status, 400);
  const text = await fetch(`${site.origin}/api/leads`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
  assert.equal(text.status, 415);
  assert.equal((await fetch(`${site.origin}/api/leads`, { method: 'PUT' })).status, 405);
  const big = JSON.stringify({ ...lead(), padding: 'x'.repeat(65 * 1024) });
  assert.equal((await post(big)).status, 413);
});

test('answers the CORS preflight of a cross-origin widget', async () => {
  const response = await fetch(`${site.origin}/api/leads`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://landing.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
  });
  assert.equal(response.status, 204);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('access-control-allow-headers'), /Idempotency-Key/);
  assert.match(response.headers.get('access-control-expose-headers'), /Retry-After/);
});

test('computes the consent digest a page without crypto.subtle (plain http) left out', async () => {
  const { textSha256, ...consent } = lead().consent;
  const sent = lead({ consent });
  const response = await post(sent);
  assert.equal(response.status, 201);
  const stored = (await site.leads()).find((record) => record.lead.id === sent.id);
  assert.equal(stored.lead.consent.textSha256, textSha256);
});
