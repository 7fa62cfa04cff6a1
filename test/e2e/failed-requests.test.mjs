// What a failed request means, against the built script tag: a connection dropped with no
// answer is not taken for "CORS hid the answer"; a rate limit whose Retry-After the page may
// not read is not hammered; the question the widget asks the server after a failure (a HEAD)
// costs one request and never keeps the prospect waiting; the console names the endpoint the
// lead was really sent to. The page and the endpoint are on different origins, as on a live
// site, and every test asserts what the SERVER received.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { capture, leadEvents, outboxEmptied, useDeliveryHarness, widgetUrl } from './support/delivery-harness.mjs';
import { storedLeadKeys } from './support/fault-server.mjs';
import { watchProblems } from './support/site.mjs';

const { startServer, freshContext } = useDeliveryHarness();

/** A page on `site` whose widget posts to `endpointServer` (another origin), with attributes. */
async function openCrossOrigin(endpointServer, options = {}) {
  const site = await startServer();
  const context = await freshContext();
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(widgetUrl(site, { endpoint: endpointServer.endpoint, ...options }));
  return { page, problems, site };
}

async function settledState(page) {
  const handle = await page.waitForFunction(() => {
    const state = document.querySelector('#widget-0').getAttribute('state');
    return ['sent', 'queued', 'error'].includes(state) && state;
  });
  return handle.jsonValue();
}

const outcomes = async (page) => (await leadEvents(page)).filter((event) => event.type !== 'lead-submit').map((event) => [event.type, event.detail.confirmed]);

describe('a connection dropped with no answer is retried, not taken for an answer CORS hid', () => {
  test('json: the server speaks CORS, the first POST dies, the retry is stored once and confirmed', async () => {
    const endpoint = await startServer();
    endpoint.respondWith({ drop: true });
    const { page } = await openCrossOrigin(endpoint);
    await capture(page);
    assert.equal(await settledState(page), 'sent');
    assert.equal(endpoint.requests.length, 2, 'the dropped POST was retried');
    assert.equal(endpoint.stored.size, 1, 'stored once');
    assert.deepEqual(await outcomes(page), [['lead-sent', true]]);
    assert.deepEqual(await storedLeadKeys(page), []);
  });

  test('form: the server speaks CORS, the first POST dies: retried and confirmed, never "sent" unconfirmed with the copy deleted', async () => {
    const endpoint = await startServer();
    endpoint.respondWith({ drop: true });
    const { page } = await openCrossOrigin(endpoint, { 'attr-destination': 'form' });
    await capture(page);
    assert.equal(await settledState(page), 'sent');
    assert.equal(endpoint.requests.length, 2, 'the dropped POST was retried');
    assert.equal(endpoint.stored.size, 1, 'the lead reached the server');
    assert.deepEqual(await outcomes(page), [['lead-sent', true]]);
  });

  test('form: every attempt dies: the lead is queued and kept, and delivered on the next visit', async () => {
    const endpoint = await startServer();
    endpoint.respondWith({ drop: true }, { drop: true });
    const { page, site } = await openCrossOrigin(endpoint, { 'attr-destination': 'form', retries: '1' });
    await capture(page);
    assert.equal(await settledState(page), 'queued');
    assert.equal(endpoint.stored.size, 0);
    assert.equal((await storedLeadKeys(page)).length, 1, 'the copy is kept');
    assert.deepEqual(await outcomes(page), [['lead-queued', undefined]]);

    await page.goto(widgetUrl(site, { endpoint: endpoint.endpoint, 'attr-destination': 'form' }));
    await outboxEmptied(page);
    assert.equal(endpoint.stored.size, 1, 'delivered once on the next visit');
  });
});

describe('the question after a failure costs one HEAD and never holds the prospect', () => {
  test('json: a dropped POST asks nothing (a retry is safe: the endpoint dedupes), even when HEAD loops through redirects', async () => {
    const endpoint = await startServer();
    endpoint.headAnswer = 'redirect-loop';
    endpoint.respondWith({ drop: true }, { drop: true }, { drop: true }, { drop: true });
    const { page } = await openCrossOrigin(endpoint);
    await capture(page);
    assert.equal(await settledState(page), 'queued');
    assert.equal(endpoint.requests.length, 4, 'four attempts');
    assert.equal(endpoint.heads.length, 0, `HEAD requests: ${endpoint.heads.length}`);
  });

  test('form: one HEAD per failed lead, with no redirect followed, however many attempts fail', async () => {
    const endpoint = await startServer();
    endpoint.headAnswer = 'redirect-loop';
    endpoint.respondWith({ drop: true }, { drop: true }, { drop: true }, { drop: true });
    const { page } = await openCrossOrigin(endpoint, { 'attr-destination': 'form' });
    await capture(page);
    assert.equal(await settledState(page), 'queued');
    assert.equal(endpoint.requests.length, 4, 'four attempts');
    assert.equal(endpoint.heads.length, 1, `HEAD requests: ${endpoint.heads.length}`);
    assert.equal(endpoint.heads[0].cookie, undefined, 'the HEAD carries no cookie');
    assert.equal(endpoint.heads[0].referer, undefined, 'nor a Referer');
  });

  test('form: a HEAD that hangs holds the prospect on "Sending…" for a few seconds at most, and the lead is not lost', async () => {
    const endpoint = await startServer();
    endpoint.headAnswer = 'hang';
    endpoint.respondWith({ drop: true }, { drop: true });
    const { page } = await openCrossOrigin(endpoint, { 'attr-destination': 'form', retries: '1' });
    const started = Date.now();
    await capture(page);
    assert.equal(await settledState(page), 'queued');
    const waited = Date.now() - started;
    assert.ok(waited < 6000, `settled after ${waited} ms (a HEAD that never answers used to hold it about 15 s)`);
    assert.equal((await storedLeadKeys(page)).length, 1, 'the copy is kept');
  });
});

test('a 429 whose Retry-After the page may not read (not exposed cross-origin) gets one attempt, then the queue', async () => {
  const endpoint = await startServer();
  endpoint.respondWith({ status: 429, headers: { 'Retry-After': '120' } });
  const { page } = await openCrossOrigin(endpoint);
  await capture(page);
  assert.equal(await settledState(page), 'queued');
  assert.equal(endpoint.requests.length, 1, `attempts: ${endpoint.requests.length}`);
  assert.equal((await storedLeadKeys(page)).length, 1);
});

test('a Retry-After the endpoint exposes is honoured cross-origin: a short one is waited for on the page', async () => {
  const endpoint = await startServer();
  endpoint.respondWith({ status: 429, headers: { 'Retry-After': '1', 'Access-Control-Expose-Headers': 'Retry-After' } });
  const { page } = await openCrossOrigin(endpoint);
  await capture(page);
  assert.equal(await settledState(page), 'sent');
  assert.equal(endpoint.requests.length, 2);
  assert.ok(endpoint.requests[1].at - endpoint.requests[0].at >= 950, `waited ${endpoint.requests[1].at - endpoint.requests[0].at} ms`);
});

test('the endpoint changed while a lead is retried: the console names the endpoint the lead was sent to', async () => {
  const first = await startServer();
  const second = await startServer();
  first.respondWith({ status: 503, headers: { 'Retry-After': '1', 'Access-Control-Expose-Headers': 'Retry-After' } }, { status: 503 });
  const { page, problems } = await openCrossOrigin(first, { retries: '1' });
  const firstAttempt = first.nextAnswered();
  await capture(page);
  await firstAttempt;
  await page.locator('#widget-0').evaluate((widget, endpoint) => widget.setAttribute('endpoint', endpoint), second.endpoint);
  assert.equal(await settledState(page), 'queued');
  const naming = problems.filter((message) => message.includes('could not deliver'));
  assert.equal(naming.length, 1, JSON.stringify(problems));
  assert.ok(naming[0].includes(first.endpoint), `names ${first.endpoint}: ${naming[0]}`);
  assert.ok(!naming[0].includes(second.endpoint), `does not name ${second.endpoint}: ${naming[0]}`);
  assert.equal(second.requests.length, 0, 'the lead stays bound to the endpoint it was sent to');
});
