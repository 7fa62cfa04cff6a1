// The signature a CRM checks: the verification snippet is taken verbatim from docs/notifications.md and
// run against what the receiver really sends, so the docs cannot drift from the code.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { httpRequest, signature } from '../src/notifications/channels.js';

const docs = readFileSync(new URL('../../docs/notifications.md', import.meta.url), 'utf8');
const snippet = /```js\n(\/\/ verify-lead-signature\.mjs\n[\s\S]*?)```/.exec(docs)?.[1];
const folder = mkdtempSync(join(tmpdir(), 'lead-signature-'));
after(() => rmSync(folder, { recursive: true, force: true }));

type Verify = (secret: string, header: string | undefined, rawBody: string | Buffer, toleranceSeconds?: number, now?: number) => boolean;

async function documentedVerifier(): Promise<Verify> {
  assert.ok(snippet, 'docs/notifications.md has the verify-lead-signature.mjs snippet');
  const file = join(folder, 'verify-lead-signature.mjs');
  writeFileSync(file, snippet);
  return ((await import(pathToFileURL(file).href)) as { verifyLeadSignature: Verify }).verifyLeadSignature;
}

const secret = 'whsec-0123456789abcdef0123456789';
const now = new Date('2026-12-02T10:00:00.000Z');

async function signedRequest() {
  const lead = { id: '6f1c0d9e-1b2a-4c3d-8e4f-5a6b7c8d9e0f', temperature: 'hot', contact: { preference: 'none' } };
  return httpRequest({ type: 'webhook', url: 'https://crm.example/hooks/leads', secret }, { kind: 'lead', notificationId: 'c0ffee00-0000-4000-8000-000000000001', summary: { title: 't', facts: [], nextStep: 'x', link: undefined }, lead }, now);
}

test('the documented snippet accepts what the receiver signs', async () => {
  const verify = await documentedVerifier();
  const request = await signedRequest();
  assert.match(request.headers['X-Lead-Signature']!, /^t=1796205600,v1=[0-9a-f]{64}$/);
  assert.equal(request.headers['X-Lead-Notification-Id'], JSON.parse(request.body).id);
  assert.equal(verify(secret, request.headers['X-Lead-Signature'], request.body, 300, now.getTime()), true);
  assert.equal(verify(secret, request.headers['X-Lead-Signature'], Buffer.from(request.body), 300, now.getTime() + 60_000), true, 'raw bytes, a minute later');
});

test('it refuses a changed body, another secret, an old timestamp and a malformed header', async () => {
  const verify = await documentedVerifier();
  const request = await signedRequest();
  const header = request.headers['X-Lead-Signature']!;
  assert.equal(verify(secret, header, request.body.replace('"hot"', '"cold"'), 300, now.getTime()), false, 'changed body');
  assert.equal(verify('another-secret-0123456789', header, request.body, 300, now.getTime()), false, 'another secret');
  assert.equal(verify(secret, header, request.body, 300, now.getTime() + 301_000), false, 'older than the tolerance');
  // A replay with a fresh t but the old v1 fails too: t is inside the signed text.
  assert.equal(verify(secret, header.replace(/t=\d+/, `t=${Math.floor(now.getTime() / 1000) + 200}`), request.body, 300, now.getTime() + 200_000), false, 'a new timestamp on an old signature');
  assert.equal(verify(secret, undefined, request.body, 300, now.getTime()), false, 'no header');
  assert.equal(verify(secret, 't=abc,v1=zz', request.body, 300, now.getTime()), false, 'malformed');
});

test('the signature is HMAC-SHA256 of "<t>.<body>", hex', async () => {
  const { createHmac } = await import('node:crypto');
  const body = '{"event":"lead.received"}';
  assert.equal(await signature(secret, body, 1764669600), `t=1764669600,v1=${createHmac('sha256', secret).update(`1764669600.${body}`).digest('hex')}`);
});
