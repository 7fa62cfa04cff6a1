// The inbox's API against PGlite and Postgres: session, list, lead, follow-ups, export, people, retention.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrate, migrations } from '../src/migrations/index.js';
import { freshReceiver, password } from './support/engines.js';
import { api, call, login, postLead } from './support/http.js';
import { makeLead } from './support/leads.js';
import { forEachEngine } from './support/suite.js';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

await forEachEngine('inbox API', (database, { fresh }) => {
  test('without a session every /api/ route answers 401 problem JSON and no lead data', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ preference: 'email', email: 'secret@example.com' });
    await postLead(receiver, lead);
    const routes: [string, string][] = [
      ['GET', '/api/leads'],
      ['GET', `/api/leads/${lead.id}`],
      ['POST', `/api/leads/${lead.id}/follow-ups`],
      ['GET', '/api/queue'],
      ['GET', '/api/report'],
      ['GET', '/api/export.csv'],
      ['GET', '/api/people?email=secret@example.com'],
      ['DELETE', '/api/people?email=secret@example.com'],
      ['GET', '/api/session'],
    ];
    for (const [method, path] of routes) {
      const response = await call(receiver, method, path, method === 'POST' ? { body: { channel: 'email', outcome: 'talked' } } : {});
      assert.equal(response.status, 401, `${method} ${path}`);
      assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
      const text = await response.text();
      assert.doesNotMatch(text, /secret|example\.com/);
    }
    // A made-up cookie is no session either.
    assert.equal((await call(receiver, 'GET', '/api/leads', { cookie: 'lead_inbox_session=forged' })).status, 401);
    const cookie = await login(receiver);
    assert.equal((await api(receiver, cookie, 'GET', '/api/people?email=secret@example.com')).body.leads.length, 1);
  });

  test('without an inbox password, /api/ and /inbox answer 503 saying how to set it; POST /leads still works', async () => {
    const { receiver } = await freshReceiver(database(), { inboxPassword: undefined });
    for (const path of ['/api/leads', '/api/session', '/inbox/', '/inbox']) {
      const response = await call(receiver, 'GET', path);
      assert.equal(response.status, 503, path);
      assert.match(((await response.json()) as any).detail, /LEAD_INBOX_PASSWORD/);
    }
    assert.equal((await call(receiver, 'POST', '/api/session', { body: { password: 'x' } })).status, 503);
    assert.equal((await postLead(receiver, makeLead())).status, 201);
  });

  test('log in: wrong password 401, then 429 with Retry-After after 5 a minute; right one: an HttpOnly SameSite=Strict cookie', async () => {
    const { receiver, clock } = await freshReceiver(database());
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await call(receiver, 'POST', '/api/session', { body: { password: `guess ${attempt}` } });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.headers.get('set-cookie'), null);
    }
    const limited = await call(receiver, 'POST', '/api/session', { body: { password } });
    assert.equal(limited.status, 429);
    assert.equal(Number(limited.headers.get('retry-after')) >= 1, true, 'Retry-After in seconds');
    // Another client is not held back by this one's guesses.
    assert.equal((await call(receiver, 'POST', '/api/session', { body: { password }, address: '198.51.100.4' })).status, 204);
    clock.advance(61_000);
    const right = await call(receiver, 'POST', '/api/session', { body: { password } });
    assert.equal(right.status, 204);
    const cookie = right.headers.get('set-cookie')!;
    assert.match(cookie, /^lead_inbox_session=[A-Za-z0-9_-]{40,};/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.match(cookie, /; Path=\//);
    assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure');
    const session = await api(receiver, cookie.split(';')[0]!, 'GET', '/api/session');
    assert.equal(session.status, 200);
    assert.deepEqual(session.body, { authenticated: true });
    assert.equal((await call(receiver, 'POST', '/api/session', { body: { nope: 1 } })).status, 400);
  });

  test('the cookie is Secure over https, and behind a trusted proxy that says https', async () => {
    const { receiver } = await freshReceiver(database(), { trustProxy: true });
    const https = await receiver(new Request('https://inbox.example/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) }));
    assert.match(https.headers.get('set-cookie')!, /; Secure/);
    const proxied = await call(receiver, 'POST', '/api/session', { body: { password }, headers: { 'X-Forwarded-Proto': 'https' } });
    assert.match(proxied.headers.get('set-cookie')!, /; Secure/);
    const { receiver: untrusting } = await freshReceiver(database());
    const claimed = await call(untrusting, 'POST', '/api/session', { body: { password }, headers: { 'X-Forwarded-Proto': 'https' } });
    assert.doesNotMatch(claimed.headers.get('set-cookie')!, /Secure/);
  });

  test('sessions live in the database as hashes, slide for 12 hours, and end with DELETE /api/session', async () => {
    const { receiver, clock, store } = await freshReceiver(database());
    const cookie = await login(receiver);
    const token = cookie.split('=')[1]!;
    const { rows } = await store.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM sessions');
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.token_sha256, token);
    clock.advance(11 * hour);
    assert.equal((await api(receiver, cookie, 'GET', '/api/leads')).status, 200);
    clock.advance(11 * hour);
    assert.equal((await api(receiver, cookie, 'GET', '/api/leads')).status, 200, 'used within 12 h: still valid');
    clock.advance(12 * hour + 1000);
    assert.equal((await api(receiver, cookie, 'GET', '/api/leads')).status, 401, 'unused for 12 h: expired');
    const second = await login(receiver);
    const out = await api(receiver, second, 'DELETE', '/api/session');
    assert.equal(out.status, 204);
    assert.match(out.response.headers.get('set-cookie')!, /Max-Age=0/);
    assert.equal((await api(receiver, second, 'GET', '/api/session')).status, 401);
  });

  test('a state-changing request from another origin is refused (Origin or Sec-Fetch-Site)', async () => {
    const { receiver } = await freshReceiver(database());
    const cookie = await login(receiver);
    const lead = makeLead({ preference: 'email', email: 'victim@example.com' });
    await postLead(receiver, lead);
    const crossOrigin = await call(receiver, 'DELETE', '/api/people?email=victim@example.com', { cookie, headers: { Origin: 'https://evil.example' } });
    assert.equal(crossOrigin.status, 403);
    const crossSite = await call(receiver, 'POST', `/api/leads/${lead.id}/follow-ups`, { cookie, body: { channel: 'email', outcome: 'talked' }, headers: { 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    const loginFromElsewhere = await call(receiver, 'POST', '/api/session', { body: { password }, headers: { Origin: 'https://evil.example' } });
    assert.equal(loginFromElsewhere.status, 403);
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${lead.id}`)).body.followUps.length, 0);
    const sameOrigin = await call(receiver, 'DELETE', '/api/people?email=victim@example.com', { cookie, headers: { Origin: 'http://receiver.test', 'Sec-Fetch-Site': 'same-origin' } });
    assert.equal(sameOrigin.status, 200);
  });

  test('the list: newest first, keyset pages with an opaque cursor, null after the last', async () => {
    const { receiver, clock } = await freshReceiver(database(), { rateLimit: 1000 });
    const ids: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const lead = makeLead({ preference: 'email' });
      ids.push(lead.id);
      await postLead(receiver, lead);
      clock.advance(1000);
    }
    // Two leads in the same millisecond still page without loss or repeat (the id breaks the tie).
    const twins = [makeLead(), makeLead()];
    for (const lead of twins) await postLead(receiver, lead);
    const cookie = await login(receiver);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { leads: { id: string; receivedAt: string; lead: unknown; followUps: unknown[] }[]; cursor: string | null } } = await api(receiver, cookie, 'GET', `/api/leads?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      for (const stored of page.body.leads) {
        assert.deepEqual(Object.keys(stored).sort(), ['followUps', 'id', 'lead', 'receivedAt']);
        seen.push(stored.id);
      }
      cursor = page.body.cursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 5);
    assert.equal(seen.length, 9);
    assert.deepEqual(seen.slice(2), [...ids].reverse());
    assert.deepEqual(new Set(seen.slice(0, 2)), new Set(twins.map((lead) => lead.id)));
  });

  test('list filters: temperature, offer (id, or kind without id), preference, q, from/to, test; bad values 400 naming the parameter', async () => {
    const { receiver, clock } = await freshReceiver(database(), { rateLimit: 1000 });
    const cold = makeLead({ offer: 'download', offerId: 'guide' });
    clock.set('2026-11-03T10:00:00.000Z');
    const cool = makeLead({ preference: 'email', name: 'Ada Lovelace', email: 'ADA@Example.com', offerId: 'guide' });
    clock.set('2026-11-04T10:00:00.000Z');
    const warm = makeLead({ preference: 'call', email: 'grace@example.com', offer: 'newsletter', offerId: null });
    const hot = makeLead({ preference: 'email', offer: 'event', offerId: 'webinar' });
    clock.set('2026-11-02T10:00:00.000Z');
    await postLead(receiver, cold);
    clock.set('2026-11-03T10:00:00.000Z');
    await postLead(receiver, cool);
    clock.set('2026-11-04T10:00:00.000Z');
    await postLead(receiver, warm);
    await postLead(receiver, hot);
    const cookie = await login(receiver);
    const ids = async (query: string) => (await api(receiver, cookie, 'GET', `/api/leads?${query}`)).body.leads.map((stored: { id: string }) => stored.id).sort();
    const sorted = (...leads: { id: string }[]) => leads.map((lead) => lead.id).sort();
    assert.deepEqual(await ids('temperature=cool'), sorted(cool));
    assert.deepEqual(await ids('temperature=warm'), sorted(warm));
    assert.deepEqual(await ids('offer=guide'), sorted(cold, cool));
    assert.deepEqual(await ids('offer=newsletter'), sorted(warm));
    assert.deepEqual(await ids('preference=email'), sorted(cool, hot));
    assert.deepEqual(await ids('q=lovelace'), sorted(cool));
    assert.deepEqual(await ids('q=ada%40example'), sorted(cool));
    assert.deepEqual(await ids('q=%25'), []);
    assert.deepEqual(await ids('from=2026-11-03'), sorted(cool, warm, hot));
    assert.deepEqual(await ids('to=2026-11-03T10:00:00Z'), sorted(cold));
    assert.deepEqual(await ids('from=2026-11-03&to=2026-11-04'), sorted(cool));
    assert.deepEqual(await ids('test=true'), []);
    for (const [query, parameter] of [
      ['temperature=boiling', 'temperature'],
      ['preference=fax', 'preference'],
      ['from=yesterday', 'from'],
      ['to=2026-13-45', 'to'],
      ['test=maybe', 'test'],
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=garbage', 'cursor'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ]) {
      const response = await api(receiver, cookie, 'GET', `/api/leads?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.response.headers.get('content-type')!, /^application\/problem\+json/);
      assert.equal(response.body.issues[0].path, parameter, query);
    }
  });

  test('GET /api/leads/:id: the whole lead with its consent and follow-ups; 404 for unknown ids', async () => {
    const { receiver } = await freshReceiver(database());
    const lead = makeLead({ preference: 'email' });
    await postLead(receiver, lead);
    const cookie = await login(receiver);
    const { body } = await api(receiver, cookie, 'GET', `/api/leads/${lead.id}`);
    assert.deepEqual(Object.keys(body).sort(), ['followUps', 'id', 'lead', 'receivedAt']);
    assert.equal(body.id, lead.id);
    assert.equal(body.receivedAt, '2026-11-02T10:00:00.000Z');
    assert.deepEqual(body.lead.consent, lead.consent);
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${crypto.randomUUID()}`)).status, 404);
    assert.equal((await api(receiver, cookie, 'GET', '/api/leads/not-an-id')).status, 404);
  });

  test('follow-ups: 201 with the follow-up; 409 for a channel not allowed, past the calls allowed, or after unsubscribing; 400; 404', async () => {
    const { receiver, clock } = await freshReceiver(database());
    const caller = makeLead({ preference: 'call', maxCallAttempts: 2, timeZone: 'Europe/London' });
    const emailer = makeLead({ preference: 'email' });
    const silent = makeLead({ preference: 'none' });
    for (const lead of [caller, emailer, silent]) await postLead(receiver, lead);
    const cookie = await login(receiver);
    const follow = (id: string, body: unknown) => api(receiver, cookie, 'POST', `/api/leads/${id}/follow-ups`, body);

    const first = await follow(caller.id, { channel: 'call', outcome: 'no-answer', note: 'Voicemail' });
    assert.equal(first.status, 201);
    assert.deepEqual(Object.keys(first.body).sort(), ['at', 'channel', 'id', 'note', 'outcome']);
    assert.equal(first.body.note, 'Voicemail');
    assert.equal(first.body.at, clock.now().toISOString());
    clock.advance(hour);
    assert.equal((await follow(caller.id, { channel: 'call', outcome: 'no-answer' })).status, 201);
    const third = await follow(caller.id, { channel: 'call', outcome: 'no-answer' });
    assert.equal(third.status, 409);
    assert.match(third.response.headers.get('content-type')!, /^application\/problem\+json/);
    assert.equal(third.body.detail, '2 of 2 calls already made: the prospect allowed at most 2.');
    const byEmail = await follow(caller.id, { channel: 'email', outcome: 'talked' });
    assert.equal(byEmail.status, 409, 'a call lead did not allow email');
    assert.match(byEmail.body.detail, /did not allow email/);

    assert.equal((await follow(emailer.id, { channel: 'call', outcome: 'talked' })).status, 409);
    assert.equal((await follow(emailer.id, { channel: 'email', outcome: 'unsubscribed' })).status, 201);
    const afterEnd = await follow(emailer.id, { channel: 'email', outcome: 'talked' });
    assert.equal(afterEnd.status, 409);
    assert.match(afterEnd.body.detail, /unsubscribed/);

    for (const channel of ['call', 'email']) {
      const none = await follow(silent.id, { channel, outcome: 'talked' });
      assert.equal(none.status, 409, `a "none" lead allows no ${channel}`);
    }

    for (const bad of [{ channel: 'fax', outcome: 'talked' }, { channel: 'call', outcome: 'maybe' }, { channel: 'email' }, { channel: 'email', outcome: 'talked', note: 'x'.repeat(2001) }, 'nope']) {
      const response = await follow(emailer.id, bad);
      assert.equal(response.status, 400, JSON.stringify(bad).slice(0, 60));
      if (typeof bad === 'object') assert.equal(Array.isArray(response.body.issues), true, 'issues by field');
    }
    assert.equal((await follow(crypto.randomUUID(), { channel: 'email', outcome: 'talked' })).status, 404);
    const stored = await api(receiver, cookie, 'GET', `/api/leads/${caller.id}`);
    assert.deepEqual(stored.body.followUps.map((followUp: { outcome: string }) => followUp.outcome), ['no-answer', 'no-answer']);
    const listed = await api(receiver, cookie, 'GET', '/api/leads?preference=call');
    assert.equal(listed.body.leads[0].followUps.length, 2);
  });

  test('two sellers taking the last allowed call at once: one is refused', async () => {
    const { receiver } = await freshReceiver(database());
    const caller = makeLead({ preference: 'call', maxCallAttempts: 1, timeZone: 'UTC' });
    await postLead(receiver, caller);
    const cookie = await login(receiver);
    const both = await Promise.all([0, 1, 2].map(() => api(receiver, cookie, 'POST', `/api/leads/${caller.id}/follow-ups`, { channel: 'call', outcome: 'no-answer' })));
    assert.deepEqual(both.map((response) => response.status).sort(), [201, 409, 409]);
  });

  test('export.csv: every lead of the filter, all pages, RFC 4180 quoting, formulas neutralised, as an attachment', async () => {
    const { receiver, store } = await freshReceiver(database());
    const tricky = makeLead({ preference: 'email', name: '=HYPERLINK("http://evil.example","click")', email: 'quote@example.com', offerTitle: 'Guide, "2026" edition' });
    await postLead(receiver, tricky);
    // 600 more, straight into the store: more than one page of the export.
    for (let index = 0; index < 600; index += 1) {
      const lead = makeLead({ offerId: 'bulk' });
      await store.storeLead({ idempotencyKey: lead.id, lead, bodySha256: 'x', receivedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, index)) });
    }
    const cookie = await login(receiver);
    const response = await call(receiver, 'GET', '/api/export.csv', { cookie });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
    assert.match(response.headers.get('content-disposition')!, /^attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    const lines = text.split('\r\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines.length - 2, 601);
    assert.match(lines[0]!, /^id,receivedAt,test,temperature,priority,preference,offerKind,offerId,offerTitle,name,email,phone,/);
    const row = lines[1]!;
    assert.ok(row.startsWith(tricky.id), row);
    assert.ok(row.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`), row);
    assert.ok(row.includes('"Guide, ""2026"" edition"'), row);
    const bulk = await call(receiver, 'GET', '/api/export.csv?offer=bulk&limit=5', { cookie });
    assert.equal((await bulk.text()).split('\r\n').length - 2, 600);
    assert.equal((await call(receiver, 'GET', '/api/export.csv?temperature=lukewarm', { cookie })).status, 400);
  });

  test('people: GET gives everything stored about an email (any case); DELETE erases leads and follow-ups, keeping tombstones only', async () => {
    const { receiver, store } = await freshReceiver(database(), { rateLimit: 1000 });
    const first = makeLead({ preference: 'email', email: 'Pat@Example.com' });
    const second = makeLead({ preference: 'call', email: 'pat@example.com', timeZone: 'UTC' });
    const testLead = makeLead({ preference: 'email', email: 'PAT@example.com', test: true });
    const other = makeLead({ preference: 'email', email: 'sam@example.com' });
    for (const lead of [first, second, testLead, other]) await postLead(receiver, lead, { headers: { 'Idempotency-Key': `key-${lead.id}` } });
    const cookie = await login(receiver);
    await api(receiver, cookie, 'POST', `/api/leads/${second.id}/follow-ups`, { channel: 'call', outcome: 'talked', note: 'Spoke to Pat' });
    const access = await api(receiver, cookie, 'GET', '/api/people?email=pAt@example.COM');
    assert.equal(access.status, 200);
    assert.equal(access.body.email, 'pAt@example.COM');
    assert.deepEqual(access.body.leads.map((stored: { id: string }) => stored.id).sort(), [first.id, second.id, testLead.id].sort());
    assert.equal(access.body.leads.find((stored: { id: string }) => stored.id === second.id).followUps[0].note, 'Spoke to Pat');

    const erased = await api(receiver, cookie, 'DELETE', '/api/people?email=PAT@EXAMPLE.COM');
    assert.deepEqual(erased.body, { erased: 3 });
    assert.deepEqual((await api(receiver, cookie, 'GET', '/api/people?email=pat@example.com')).body.leads, []);
    const { rows: followUps } = await store.db.query('SELECT * FROM follow_ups');
    assert.equal(followUps.length, 0);
    const { rows: tombstones } = await store.db.query<Record<string, unknown>>('SELECT * FROM tombstones ORDER BY lead_id');
    assert.deepEqual(Object.keys(tombstones[0]!).sort(), ['erased_at', 'idempotency_key', 'lead_id']);
    assert.deepEqual(tombstones.map((row) => row.idempotency_key).sort(), [first, second, testLead].map((lead) => `key-${lead.id}`).sort());
    // A queued retry under the idempotency key alone is not stored either.
    const retry = await postLead(receiver, { ...first, id: crypto.randomUUID() }, { headers: { 'Idempotency-Key': `key-${first.id}` } });
    assert.equal(retry.status, 200);
    assert.equal((await api(receiver, cookie, 'GET', '/api/people?email=pat@example.com')).body.leads.length, 0);
    assert.equal((await api(receiver, cookie, 'GET', '/api/people?email=sam@example.com')).body.leads.length, 1);
    assert.equal((await api(receiver, cookie, 'GET', '/api/people')).status, 400);
    assert.equal((await api(receiver, cookie, 'DELETE', '/api/people?email=not-an-email')).status, 400);
  });

  test('retention: after retentionDays, leads that asked for no contact lose name, email and phone; the report does not move', async () => {
    const { receiver, clock } = await freshReceiver(database(), { retentionDays: 30 });
    const silent = makeLead({ preference: 'none', offer: 'newsletter', name: 'Quiet Person', email: 'quiet@example.com' });
    const again = makeLead({ preference: 'none', offer: 'download', offerId: 'guide' });
    const emailer = makeLead({ preference: 'email', name: 'Loud Person', email: 'loud@example.com' });
    for (const lead of [silent, emailer]) await postLead(receiver, lead);
    clock.advance(day);
    await postLead(receiver, { ...makeLead({ preference: 'none', offer: 'newsletter', email: 'quiet@example.com' }), id: crypto.randomUUID() });
    await postLead(receiver, again);
    let cookie = await login(receiver);
    const before = (await api(receiver, cookie, 'GET', '/api/report')).body;
    clock.advance(29 * day);
    cookie = await login(receiver);
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${silent.id}`)).body.lead.contact.email, 'quiet@example.com', 'not yet');
    clock.advance(2 * hour);
    const redacted = (await api(receiver, cookie, 'GET', `/api/leads/${silent.id}`)).body.lead;
    assert.deepEqual(redacted.contact, { preference: 'none' });
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${emailer.id}`)).body.lead.contact.email, 'loud@example.com');
    assert.equal((await api(receiver, cookie, 'GET', '/api/leads?q=quiet')).body.leads.length, 1, 'the later lead is not old enough yet');
    clock.advance(day);
    cookie = await login(receiver);
    assert.deepEqual((await api(receiver, cookie, 'GET', '/api/leads?q=quiet')).body.leads, []);
    assert.deepEqual((await api(receiver, cookie, 'GET', '/api/report')).body, before);
    // Erasing the person still finds their redacted leads.
    assert.deepEqual((await api(receiver, cookie, 'DELETE', '/api/people?email=quiet@example.com')).body, { erased: 2 });
  });

  test('security headers on every answer; no-store on the API; the inbox with its CSP', async () => {
    const { receiver } = await freshReceiver(database(), { inboxDir: new URL('../inbox/', import.meta.url) });
    const cookie = await login(receiver);
    for (const [method, path] of [['POST', '/leads'], ['GET', '/api/leads'], ['GET', '/api/report'], ['GET', '/nowhere'], ['GET', '/inbox/']]) {
      const response = await call(receiver, method!, path!, { cookie, ...(method === 'POST' ? { body: {} } : {}) });
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
      if (path!.startsWith('/api/')) assert.equal(response.headers.get('cache-control'), 'no-store', path);
    }
    const page = await call(receiver, 'GET', '/inbox/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.equal(page.headers.get('content-security-policy'), "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    assert.match(await page.text(), /inbox/i);
    assert.equal((await call(receiver, 'GET', '/inbox')).status, 308);
    assert.equal((await call(receiver, 'GET', '/inbox/../package.json')).status, 404);
    assert.equal((await call(receiver, 'GET', '/inbox/%2e%2e/package.json')).status, 404);
    assert.equal((await call(receiver, 'GET', '/inbox/missing.js')).status, 404);
  });

  test('onLeadStored runs in the transaction that stores a new lead: a failing hook leaves no lead (the outbox of issue 25)', async () => {
    const { store } = await freshReceiver(database());
    await store.db.query('CREATE TABLE IF NOT EXISTS outbox_probe (lead_id uuid PRIMARY KEY)');
    await store.db.query('TRUNCATE outbox_probe');
    let fail = false;
    const { receiver } = await freshReceiver(database(), {
      onLeadStored: async (tx, stored) => {
        await tx.query('INSERT INTO outbox_probe (lead_id) VALUES ($1::uuid)', [stored.id]);
        if (fail) throw new Error('hook failed');
      },
    });
    const lead = makeLead();
    assert.equal((await postLead(receiver, lead)).status, 201);
    assert.equal((await postLead(receiver, lead)).status, 200, 'a duplicate runs no hook');
    fail = true;
    const failed = makeLead();
    assert.equal((await postLead(receiver, failed)).status, 500);
    const { rows } = await store.db.query<{ lead_id: string }>('SELECT lead_id::text FROM outbox_probe');
    assert.deepEqual(rows.map((row) => row.lead_id), [lead.id]);
    const cookie = await login(receiver);
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${failed.id}`)).status, 404);
    await store.db.query('DROP TABLE outbox_probe');
  });

  test('migrations are recorded in schema_migrations and run once', async () => {
    const { store } = await freshReceiver(database());
    const { rows } = await store.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((row) => Number(row.version)), migrations.map((migration) => migration.version));
    assert.deepEqual(await migrate(store.db), []);
  });

  test('migration 2 fills the people table from leads stored under migration 1 (first lead by time, then id)', async () => {
    const db = await fresh();
    try {
      assert.deepEqual(await migrate(db, migrations.slice(0, 1)), [1]);
      const insert = (id: string, person: string | null, at: string, offer: string, test = false) =>
        db.query(
          `INSERT INTO leads (id, idempotency_key, body_sha256, received_at, test, temperature, priority, preference, do_not_contact, offer_kind, offer_id, person, lead)
           VALUES ($1::uuid, $1, 'x', $2::timestamptz, $3, 'cool', false, 'email', false, 'download', $4, $5, '{}'::jsonb)`,
          [id, at, test, offer, person],
        );
      await insert('00000000-0000-4000-8000-000000000002', 'ada', '2026-11-02T10:00:00Z', 'second');
      await insert('00000000-0000-4000-8000-000000000001', 'ada', '2026-11-02T10:00:00Z', 'first');
      await insert('00000000-0000-4000-8000-000000000003', 'ada', '2026-11-01T10:00:00Z', 'test-only', true);
      await insert('00000000-0000-4000-8000-000000000004', null, '2026-11-01T10:00:00Z', 'anonymous');
      assert.deepEqual(await migrate(db, migrations.slice(0, 2)), [2]);
      const { rows } = await db.query<{ person: string; first_offer_id: string }>('SELECT person, first_offer_id FROM people');
      assert.deepEqual(rows, [{ person: 'ada', first_offer_id: 'first' }]);
    } finally {
      await db.close();
    }
  });
});
