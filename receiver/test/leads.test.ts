// POST /leads, row by row of issue 20's table, against PGlite and Postgres.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshReceiver } from './support/engines.js';
import { api, call, login, postLead } from './support/http.js';
import { makeLead } from './support/leads.js';
import { forEachEngine } from './support/suite.js';

async function storedCount(receiver: Parameters<typeof login>[0], query = ''): Promise<number> {
  const cookie = await login(receiver);
  const { body } = await api(receiver, cookie, 'GET', `/api/leads?limit=100${query}`);
  return body.leads.length;
}

await forEachEngine('POST /leads', (database) => {
  test('a valid lead with a new Idempotency-Key: 201 {id, stored: true}, stored once', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ preference: 'email', name: 'Ada Lovelace' });
    const response = await postLead(receiver, lead, { headers: { 'Idempotency-Key': lead.id } });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { id: lead.id, stored: true });
    const cookie = await login(receiver);
    const { body } = await api(receiver, cookie, 'GET', `/api/leads/${lead.id}`);
    assert.deepEqual(body.lead, lead);
    assert.deepEqual(body.followUps, []);
  });

  test('without the header, the lead id is the key', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead();
    assert.equal((await postLead(receiver, lead)).status, 201);
    const again = await postLead(receiver, lead, { headers: { 'Idempotency-Key': lead.id } });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { id: lead.id, duplicate: true });
  });

  test('the same key again: 200 {id, duplicate: true}, still one row', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead();
    await postLead(receiver, lead);
    const second = await postLead(receiver, lead);
    const third = await postLead(receiver, lead);
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { id: lead.id, duplicate: true });
    assert.equal(third.status, 200);
    assert.equal(await storedCount(receiver), 1);
  });

  test('50 identical posts at once store exactly one row (a unique constraint, not a read-then-write)', async () => {
    const { receiver } = await freshReceiver(database(), { rateLimit: 1000 });
    const lead = makeLead({ preference: 'call', callWindow: 'morning', timeZone: 'Europe/Paris' });
    const responses = await Promise.all(Array.from({ length: 50 }, () => postLead(receiver, lead)));
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 201).length, 1);
    assert.equal(statuses.filter((status) => status === 200).length, 49);
    assert.equal(await storedCount(receiver), 1);
  });

  test('the same key with a different body: 409 problem JSON, the first body kept', async () => {
    const { receiver } = await freshReceiver(database());
    const first = makeLead({ preference: 'email', email: 'first@example.com' });
    await postLead(receiver, first);
    const other = { ...first, contact: { ...first.contact, email: 'second@example.com' } };
    const response = await postLead(receiver, other);
    assert.equal(response.status, 409);
    assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
    const problem = (await response.json()) as any;
    assert.equal(problem.status, 409);
    assert.equal(typeof problem.title, 'string');
    assert.equal(typeof problem.detail, 'string');
    const cookie = await login(receiver);
    const { body } = await api(receiver, cookie, 'GET', `/api/leads/${first.id}`);
    assert.equal(body.lead.contact.email, 'first@example.com');
    // Another key for a lead id already stored, with another body: a conflict too.
    const sameId = await postLead(receiver, other, { headers: { 'Idempotency-Key': 'another-key' } });
    assert.equal(sameId.status, 409);
  });

  test('the same lead with its keys in another order is the same body (canonical hash)', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ preference: 'email' });
    await postLead(receiver, lead);
    const reordered = Object.fromEntries(Object.entries(lead).reverse());
    const response = await postLead(receiver, reordered);
    assert.equal(response.status, 200);
  });

  test('a lead that fails parseLead: 400 RFC 9457 problem with the issues by field path, in English; nothing stored', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ preference: 'email' });
    const { email: _email, ...contact } = lead.contact;
    const response = await postLead(receiver, { ...lead, contact, temperature: 'scorching' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
    const problem = (await response.json()) as any;
    assert.equal(problem.type, 'about:blank');
    assert.equal(problem.title, 'Invalid lead');
    assert.equal(problem.status, 400);
    assert.match(problem.detail, /temperature/);
    assert.deepEqual(
      problem.issues.map((issue: { path: string }) => issue.path),
      ['temperature'],
    );
    assert.match(problem.issues[0].message, /^Invalid option: expected one of/);
    const missingEmail = await postLead(receiver, { ...lead, contact });
    assert.deepEqual(((await missingEmail.json()) as any).issues, [{ path: 'contact.email', message: 'An email address is required by this preference or offer' }]);
    assert.equal((await postLead(receiver, '{not json')).status, 400);
    assert.equal(await storedCount(receiver), 0);
  });

  test('not application/json: 415, nothing stored', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead();
    const response = await call(receiver, 'POST', '/leads', { body: JSON.stringify(lead), headers: { 'Content-Type': 'text/plain' } });
    assert.equal(response.status, 415);
    assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
    const form = await call(receiver, 'POST', '/leads', { body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    assert.equal(await storedCount(receiver), 0);
  });

  test('a body over 64 KB: 413, whether declared or only streamed; nothing stored', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead();
    const big = JSON.stringify({ ...lead, padding: 'x'.repeat(70 * 1024) });
    const declared = await postLead(receiver, big);
    assert.equal(declared.status, 413);
    // No Content-Length: the body arrives as a stream and is counted as it is read.
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await receiver(
      new Request('http://receiver.test/leads', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
      { clientAddress: '203.0.113.7' },
    );
    assert.equal(streamed.status, 413);
    assert.ok(sent < 8, 'reading stopped once the limit was passed');
    assert.equal(await storedCount(receiver), 0);
  });

  test('an Origin not in the list: 403, nothing stored; an allowed one: CORS headers on every answer', async () => {
    const { receiver } = await freshReceiver(database(), { allowedOrigins: ['https://www.example.com'], rateLimit: 2 });
    const lead = makeLead();
    const refused = await postLead(receiver, lead, { headers: { Origin: 'https://evil.example' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    assert.equal(await storedCount(receiver), 0);

    const origin = { Origin: 'https://www.example.com' };
    const expectCors = (response: Response) => {
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://www.example.com');
      assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
      assert.match(response.headers.get('vary')!, /Origin/);
    };
    const created = await postLead(receiver, lead, { headers: origin });
    assert.equal(created.status, 201);
    expectCors(created);
    const duplicate = await postLead(receiver, lead, { headers: origin });
    assert.equal(duplicate.status, 200);
    expectCors(duplicate);
    const limited = await postLead(receiver, makeLead(), { headers: origin });
    assert.equal(limited.status, 429);
    expectCors(limited);
    const invalid = await postLead(receiver, { nope: true }, { headers: origin, address: '198.51.100.1' });
    assert.equal(invalid.status, 400);
    expectCors(invalid);
    const wrongType = await call(receiver, 'POST', '/leads', { body: 'x', headers: { ...origin, 'Content-Type': 'text/plain' }, address: '198.51.100.2' });
    assert.equal(wrongType.status, 415);
    expectCors(wrongType);
  });

  test('the preflight: answered for allowed origins only, exposing Retry-After', async () => {
    const { receiver } = await freshReceiver(database(), { allowedOrigins: ['https://www.example.com'] });
    const preflight = (origin: string) =>
      call(receiver, 'OPTIONS', '/leads', { headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' } });
    const allowed = await preflight('https://www.example.com');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://www.example.com');
    assert.match(allowed.headers.get('vary')!, /Origin/);
    assert.equal(allowed.headers.get('access-control-allow-methods'), 'POST, HEAD, OPTIONS');
    assert.equal(allowed.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key');
    assert.equal(allowed.headers.get('access-control-expose-headers'), 'Retry-After');
    assert.equal(Number(allowed.headers.get('access-control-max-age')) > 0, true, 'max-age');
    const refused = await preflight('https://evil.example');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('without an allow-list any site may post: preflight and answers say *', async () => {
    const { receiver } = await freshReceiver(database());
    const preflight = await call(receiver, 'OPTIONS', '/leads', { headers: { Origin: 'https://anyone.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    const created = await postLead(receiver, makeLead(), { headers: { Origin: 'https://anyone.example' } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('access-control-allow-origin'), '*');
    assert.equal(created.headers.get('access-control-expose-headers'), 'Retry-After');
  });

  test('HEAD /leads: 204 with the CORS headers (the widget probes it after a failed POST)', async () => {
    const { receiver } = await freshReceiver(database(), { allowedOrigins: ['https://www.example.com'] });
    const head = await call(receiver, 'HEAD', '/leads', { headers: { Origin: 'https://www.example.com' } });
    assert.equal(head.status, 204);
    assert.equal(head.headers.get('access-control-allow-origin'), 'https://www.example.com');
    assert.equal(head.headers.get('access-control-expose-headers'), 'Retry-After');
    assert.equal((await call(receiver, 'PUT', '/leads', { body: {} })).status, 405);
  });

  test('more than N leads a minute from one address: 429 with Retry-After; other addresses unaffected', async () => {
    const { receiver, clock } = await freshReceiver(database(), { rateLimit: 3 });
    for (let index = 0; index < 3; index += 1) assert.equal((await postLead(receiver, makeLead())).status, 201);
    const limited = await postLead(receiver, makeLead());
    assert.equal(limited.status, 429);
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    assert.match(limited.headers.get('content-type')!, /^application\/problem\+json/);
    assert.equal((await postLead(receiver, makeLead(), { address: '198.51.100.9' })).status, 201);
    // X-Forwarded-For is not believed without --trust-proxy.
    assert.equal((await postLead(receiver, makeLead(), { headers: { 'X-Forwarded-For': '192.0.2.1' } })).status, 429);
    clock.advance(60_000);
    assert.equal((await postLead(receiver, makeLead())).status, 201);
    assert.equal(await storedCount(receiver), 5);
  });

  test('with trustProxy, the client is the address the nearest proxy appended to X-Forwarded-For', async () => {
    const { receiver } = await freshReceiver(database(), { rateLimit: 1, trustProxy: true });
    const from = (chain: string) => postLead(receiver, makeLead(), { headers: { 'X-Forwarded-For': chain }, address: '127.0.0.1' });
    assert.equal((await from('10.9.9.9, 192.0.2.1')).status, 201);
    // A client cannot escape by claiming another first hop: the last entry is what counts.
    assert.equal((await from('10.1.1.1, 192.0.2.1')).status, 429);
    assert.equal((await from('192.0.2.2')).status, 201);
  });

  test('an erased lead id: 200 {id, duplicate: true}, and not stored again', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ preference: 'email', email: 'Erase.Me@example.com' });
    await postLead(receiver, lead);
    const cookie = await login(receiver);
    const erased = await api(receiver, cookie, 'DELETE', '/api/people?email=erase.me@example.com');
    assert.deepEqual(erased.body, { erased: 1 });
    const retry = await postLead(receiver, lead);
    assert.equal(retry.status, 200);
    assert.deepEqual(await retry.json(), { id: lead.id, duplicate: true });
    assert.equal(await storedCount(receiver), 0);
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${lead.id}`)).status, 404);
  });

  test('a test lead: 201, stored apart, listed only with test=true', async () => {
    const { receiver } = await freshReceiver(database());
    const testLead = makeLead({ test: true, preference: 'email' });
    const real = makeLead({ preference: 'email' });
    const response = await postLead(receiver, testLead);
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { id: testLead.id, stored: true });
    await postLead(receiver, real);
    const cookie = await login(receiver);
    const plain = await api(receiver, cookie, 'GET', '/api/leads');
    assert.deepEqual(plain.body.leads.map((stored: { id: string }) => stored.id), [real.id]);
    const tests = await api(receiver, cookie, 'GET', '/api/leads?test=true');
    assert.deepEqual(tests.body.leads.map((stored: { id: string }) => stored.id), [testLead.id]);
    assert.equal(tests.body.leads[0].lead.test, true);
  });

  test('the consent digest a page on plain http left out is computed (Web Crypto)', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ withoutDigest: true });
    assert.equal((await postLead(receiver, lead)).status, 201);
    const cookie = await login(receiver);
    const { body } = await api(receiver, cookie, 'GET', `/api/leads/${lead.id}`);
    assert.equal(body.lead.consent.textSha256, '27021c289b3387737172a2c473cf8e10a8ed678b7eb0e1401fc4fb48340495a6');
  });

  test('logs hold the lead id and status only: never a name, email, phone or body', async () => {
    const { receiver, logs } = await freshReceiver(database(), { rateLimit: 3 });
    const lead = makeLead({ preference: 'call', name: 'Grace Hopper', email: 'grace@example.com', phone: '+15550100199', timeZone: 'America/New_York' });
    await postLead(receiver, lead);
    await postLead(receiver, lead);
    await postLead(receiver, { ...lead, contact: { ...lead.contact, email: 'other@example.com' } });
    await postLead(receiver, { ...lead, temperature: 'nope' });
    await postLead(receiver, lead);
    const cookie = await login(receiver);
    await api(receiver, cookie, 'GET', '/api/leads?q=grace@example.com');
    await api(receiver, cookie, 'GET', '/api/people?email=grace@example.com');
    await api(receiver, cookie, 'DELETE', '/api/people?email=grace@example.com');
    assert.ok(logs.length >= 5, logs.join('\n'));
    for (const line of logs) assert.doesNotMatch(line, /grace|Grace|Hopper|15550100199|example\.com|\{/);
    assert.ok(logs.some((line) => line.includes(lead.id) && line.includes('201')), logs.join('\n'));
  });
});
