// Fault injection: the built script-tag bundle against an endpoint whose faults each test
// scripts. Every scenario asserts what the SERVER received (requests and stored leads per
// lead id) and what is left in the browser's storage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { capture, leadEvents, outboxEmptied, useDeliveryHarness, widgetUrl } from './support/delivery-harness.mjs';
import { FaultServer, storedLeadKeys } from './support/fault-server.mjs';

const { startServer, freshContext } = useDeliveryHarness();

async function capturedLeadId(page) {
  const submitted = (await leadEvents(page)).find((event) => event.type === 'lead-submit');
  assert.ok(submitted, 'a lead was submitted');
  return submitted.detail.lead.id;
}

describe('delivery guarantees against a faulty endpoint', () => {
  let server;
  before(async () => (server = await new FaultServer().start()));
  after(async () => server?.stop());

  test('500 then 200: delivered once', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    server.respondWith({ status: 500 });
    await page.goto(widgetUrl(server));
    await capture(page);
    await page.locator('lead-capture[state="sent"]').waitFor();
    const id = await capturedLeadId(page);
    const requests = server.requestsFor(id);
    assert.equal(requests.length, 2, 'one failure, one success');
    assert.deepEqual([...new Set(requests.map((request) => request.key))], [id], 'same Idempotency-Key on every attempt');
    assert.ok(server.stored.has(id));
    assert.deepEqual(await storedLeadKeys(page), []);
    await context.close();
  });

  test('503 with Retry-After: 1: waits, delivered once', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    server.respondWith({ status: 503, headers: { 'Retry-After': '1' } });
    await page.goto(widgetUrl(server));
    await capture(page);
    await page.locator('lead-capture[state="sent"]').waitFor();
    const requests = server.requestsFor(await capturedLeadId(page));
    assert.equal(requests.length, 2);
    assert.ok(requests[1].at - requests[0].at >= 950, `waited ${requests[1].at - requests[0].at} ms`);
    assert.deepEqual(await storedLeadKeys(page), []);
    await context.close();
  });

  test('429: backs off, delivered once', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    server.respondWith({ status: 429 });
    await page.goto(widgetUrl(server));
    await capture(page);
    await page.locator('lead-capture[state="sent"]').waitFor();
    const requests = server.requestsFor(await capturedLeadId(page));
    assert.equal(requests.length, 2);
    assert.ok(requests[1].at - requests[0].at >= 200, `backed off ${requests[1].at - requests[0].at} ms`);
    assert.deepEqual(await storedLeadKeys(page), []);
    await context.close();
  });

  test('400 with a JSON problem: no retry, error shown, fields kept, nothing queued', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    server.respondWith({ status: 400, headers: { 'Content-Type': 'application/problem+json' }, body: { title: 'Invalid lead', detail: 'We do not accept leads from example.com.' } });
    await page.goto(widgetUrl(server));
    const form = page.locator('#widget-0');
    await form.getByLabel('Email me').check();
    await form.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
    await form.getByRole('button', { name: 'Get the download' }).click();
    await page.locator('lead-capture[state="error"]').waitFor();
    const id = await capturedLeadId(page);
    assert.equal(server.requestsFor(id).length, 1, 'no retry');
    assert.equal(server.stored.has(id), false);
    assert.equal(await form.getByRole('status').textContent(), "We couldn't accept your details: We do not accept leads from example.com.");
    assert.equal(await form.getByRole('textbox', { name: 'Email (required)' }).inputValue(), 'ada@example.com');
    assert.equal(await form.getByLabel('Email me').isChecked(), true);
    assert.deepEqual(await storedLeadKeys(page), [], 'nothing queued');
    const errors = (await leadEvents(page)).filter((event) => event.type === 'lead-error');
    assert.deepEqual(errors.map((event) => event.detail.error), [{ code: 'rejected', message: 'We do not accept leads from example.com.', status: 400 }]);
    await context.close();
  });

  test('request hangs past the timeout: retried, delivered once', async () => {
    const context = await freshContext();
    const page = await context.newPage();
    // The first request is processed by the server but its answer never arrives.
    server.respondWith({ hang: true, storeFirst: true });
    await page.goto(widgetUrl(server, { timeout: '500' }));
    await capture(page);
    await page.locator('lead-capture[state="sent"]').waitFor();
    const id = await capturedLeadId(page);
    assert.equal(server.requestsFor(id).length, 2, 'timed out, then retried');
    assert.equal([...server.stored.keys()].filter((key) => key === id).length, 1, 'stored once thanks to the Idempotency-Key');
    assert.deepEqual(await storedLeadKeys(page), []);
    await context.close();
  });
});

test('server unreachable: queued; page reloaded with the server up: stored once, storage empty', async () => {
  const site = await startServer();
  const endpoint = await startServer();
  const port = endpoint.port;
  await endpoint.stop();
  const context = await freshContext();
  const page = await context.newPage();
  await page.goto(widgetUrl(site, { endpoint: `http://127.0.0.1:${port}/leads`, retries: '1' }));
  await capture(page);
  await page.locator('lead-capture[state="queued"]').waitFor();
  const id = await capturedLeadId(page);
  assert.deepEqual(await storedLeadKeys(page), [`lead-capture:v1:lead:${id}`]);
  assert.ok(await page.getByRole('link', { name: 'Download The Benchmark' }).isVisible(), 'the prospect still gets the content');
  assert.deepEqual((await leadEvents(page)).map((event) => event.type), ['lead-submit', 'lead-queued']);

  const restarted = await startServer({ port });
  await page.reload();
  await restarted.waitForStored(1);
  await outboxEmptied(page);
  assert.deepEqual([...restarted.stored.keys()], [id]);
  // Leaving the page sends what waits (keepalive); if the leaving page could not read the
  // answer, the next load sends it again with the same key, and the endpoint keeps one.
  const requests = restarted.requestsFor(id);
  assert.ok(requests.length >= 1 && requests.length <= 2, `${requests.length} requests`);
  assert.ok(requests.every((request) => request.key === id), 'every request carries the Idempotency-Key');
  assert.ok((await leadEvents(page)).every((event) => event.type === 'lead-sent' && event.detail.lead.id === id), 'nothing but lead-sent on the next visit');
  await context.close();
  await restarted.stop();
  await site.stop();
});

test('browser offline: queued; back online: delivered once', async () => {
  const server = await startServer();
  const context = await freshContext();
  const page = await context.newPage();
  await page.goto(widgetUrl(server));
  await context.setOffline(true);
  await capture(page);
  await page.locator('lead-capture[state="queued"]').waitFor();
  const id = await capturedLeadId(page);
  assert.equal(server.requestsFor(id).length, 0);
  assert.equal((await storedLeadKeys(page)).length, 1);

  await context.setOffline(false);
  await page.locator('lead-capture[state="sent"]').waitFor();
  assert.equal(server.requestsFor(id).length, 1);
  assert.ok(server.stored.has(id));
  assert.deepEqual(await storedLeadKeys(page), []);
  await context.close();
  await server.stop();
});

test('page closed during a retry: sent on exit with its Idempotency-Key, and on the next load, stored once', async () => {
  const server = await startServer();
  const context = await freshContext();
  const page = await context.newPage();
  // The first attempt fails and asks for a 20 s pause: the prospect closes the tab meanwhile.
  server.respondWith({ status: 503, headers: { 'Retry-After': '20' } });
  await page.goto(widgetUrl(server));
  const finished = page.waitForEvent('requestfinished', (request) => request.url().endsWith('/leads'));
  await capture(page);
  await finished;
  const id = await capturedLeadId(page);
  const exitRequest = server.nextRequest();
  await page.close({ runBeforeUnload: true });
  const exit = await exitRequest;
  assert.equal(exit.id, id);
  assert.equal(exit.idempotencyKey, id, 'the exit request carries the Idempotency-Key, like every attempt');
  assert.match(exit.contentType ?? '', /^application\/json/);
  await server.waitForStored(1);

  // The next visit finds the copy (the exit request is never confirmed), sends it again,
  // and the endpoint's dedupe keeps it once; the copy is then gone.
  const nextVisit = await context.newPage();
  await nextVisit.goto(widgetUrl(server));
  await outboxEmptied(nextVisit);
  assert.deepEqual([...server.stored.keys()], [id], 'stored exactly once');
  assert.ok(server.requestsFor(id).length >= 2);
  await context.close();
  await server.stop();
});

for (const [name, initScripts, promise] of [
  // Web Locks guard each lead across tabs: one request per lead.
  ['Web Locks', [], 'each lead sent once'],
  // Without Web Locks there is no cross-tab guard: both tabs may send a lead, and the
  // endpoint's dedupe on Idempotency-Key keeps it once.
  ['no Web Locks', [() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined })], 'each lead stored once'],
]) {
  test(`two tabs flushing the same queue at once, with ${name}: ${promise}`, async () => {
    const server = await startServer();
    const context = await freshContext(initScripts);
    const capturePage = await context.newPage();
    await capturePage.goto(widgetUrl(server, { count: '3' }));
    await context.setOffline(true);
    for (const widget of ['#widget-0', '#widget-1', '#widget-2']) {
      await capture(capturePage, widget);
      await capturePage.locator(`${widget}[state="queued"]`).waitFor();
    }
    const ids = (await leadEvents(capturePage)).filter((event) => event.type === 'lead-queued').map((event) => event.detail.lead.id);
    assert.equal(ids.length, 3);
    await capturePage.close();
    await context.setOffline(false);

    // Slow answers widen the window in which both tabs would send the same lead.
    server.respondWith(...ids.map(() => ({ status: 201, delayMs: 300 })));
    const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([first.goto(widgetUrl(server)), second.goto(widgetUrl(server))]);
    await server.waitForStored(3);
    await Promise.all([outboxEmptied(first), outboxEmptied(second)]);
    for (const id of ids) {
      const requests = server.requestsFor(id).map(({ key, status, at }) => ({ key, status, at }));
      if (initScripts.length === 0) assert.equal(requests.length, 1, `lead ${id} sent once: ${JSON.stringify(requests)}`);
      else assert.ok(requests.length >= 1, `lead ${id} sent at least once`);
      assert.ok(requests.every((request) => request.key === id), `every request for ${id} carries its Idempotency-Key: ${JSON.stringify(requests)}`);
    }
    assert.deepEqual(new Set(server.stored.keys()), new Set(ids), 'every lead stored, once (the server dedupes)');
    assert.equal(server.stored.size, ids.length);
    await context.close();
    await server.stop();
  });
}

describe('storage full or disabled', () => {
  const refuseStorage = () => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  };

  test('with the endpoint up, the lead is delivered and nothing is reported as lost', async () => {
    const server = await startServer();
    const context = await freshContext([refuseStorage]);
    const page = await context.newPage();
    await page.goto(widgetUrl(server));
    await capture(page);
    await page.locator('lead-capture[state="sent"]').waitFor();
    const id = await capturedLeadId(page);
    assert.ok(server.stored.has(id));
    assert.ok(await page.getByRole('link', { name: 'Download The Benchmark' }).isVisible());
    // The lead WAS delivered: a copy that could not be kept is no error to report.
    const events = await leadEvents(page);
    assert.deepEqual(events.map((event) => event.type), ['lead-submit', 'lead-sent']);
    assert.equal(events[1].detail.lead.id, id);
    await context.close();
    await server.stop();
  });

  test('with the endpoint down too, the prospect still gets the content and the loss is reported once', async () => {
    const site = await startServer();
    const context = await freshContext([refuseStorage]);
    const page = await context.newPage();
    await page.goto(widgetUrl(site, { endpoint: 'http://127.0.0.1:9/leads', retries: '0' }));
    await capture(page);
    await page.locator('lead-capture[state="error"]').waitFor();
    assert.ok(await page.getByRole('link', { name: 'Download The Benchmark' }).isVisible());
    const codes = (await leadEvents(page)).filter((event) => event.type === 'lead-error').map((event) => event.detail.error.code);
    assert.deepEqual(codes, ['network'], 'exactly one lead-error');
    assert.equal(await page.locator('#widget-0').getAttribute('state'), 'error');
    await context.close();
    await site.stop();
  });
});
