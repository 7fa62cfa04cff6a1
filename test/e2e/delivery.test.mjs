// Fault injection: the built script-tag bundle against an endpoint whose faults each test
// scripts. Every scenario asserts what the SERVER received (requests and stored leads per
// lead id) and what is left in the browser's storage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FaultServer, recordLeadEvents, storedLeadKeys } from './support/fault-server.mjs';
import { launchBrowser } from './support/site.mjs';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

/** A fresh browser context (its own storage) with lead events recorded. */
async function freshContext(initScripts = []) {
  const context = await browser.newContext();
  await context.addInitScript(recordLeadEvents);
  for (const script of initScripts) await context.addInitScript(script);
  return context;
}

function widgetUrl(server, options = {}) {
  const parameters = new URLSearchParams({ endpoint: server.endpoint, ...options });
  return `${server.origin}/widget.html?${parameters}`;
}

/** Chooses "just the content" in the first widget (or the given one) and submits. */
async function capture(page, widget = '#widget-0') {
  const form = page.locator(widget);
  await form.getByLabel("Just the content, please don't contact me").check();
  await form.getByRole('button', { name: 'Get the download' }).click();
}

function leadEvents(page) {
  return page.evaluate(() => window.leadEvents);
}

async function capturedLeadId(page) {
  const submitted = (await leadEvents(page)).find((event) => event.type === 'lead-submit');
  assert.ok(submitted, 'a lead was submitted');
  return submitted.detail.lead.id;
}

/** Waits for the page's outbox to be empty: removal follows the endpoint's answer. */
function outboxEmptied(page) {
  return page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('lead-capture:v1:lead:')));
}

describe('delivery guarantees against a faulty endpoint', () => {
  let server;
  before(async () => (server = await new FaultServer().start()));
  after(async () => server?.stop());

  test('1. 500 then 200: delivered once', async () => {
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

  test('2. 503 with Retry-After: 1: waits, delivered once', async () => {
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

  test('3. 429: backs off, delivered once', async () => {
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

  test('4. 400 with a JSON problem: no retry, error shown, fields kept, nothing queued', async () => {
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

  test('5. request hangs past the timeout: retried, delivered once', async () => {
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

test('6. server unreachable: queued; page reloaded with the server up: delivered once, storage empty', async () => {
  const site = await new FaultServer().start();
  const endpoint = await new FaultServer().start();
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

  const restarted = await new FaultServer().start(port);
  await page.reload();
  await restarted.waitForStored(1);
  await outboxEmptied(page);
  assert.deepEqual([...restarted.stored.keys()], [id]);
  assert.equal(restarted.requestsFor(id).length, 1);
  assert.deepEqual((await leadEvents(page)).map((event) => [event.type, event.detail.lead.id]), [['lead-sent', id]]);
  await context.close();
  await restarted.stop();
  await site.stop();
});

test('7. browser offline: queued; back online: delivered once', async () => {
  const server = await new FaultServer().start();
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

test('8. page closed right after submit: delivered by beacon or on next load, once', async () => {
  const server = await new FaultServer().start();
  const context = await freshContext();
  const page = await context.newPage();
  // The first attempt fails and asks for a 20 s pause: the prospect closes the tab meanwhile.
  server.respondWith({ status: 503, headers: { 'Retry-After': '20' } });
  await page.goto(widgetUrl(server));
  const finished = page.waitForEvent('requestfinished', (request) => request.url().endsWith('/leads'));
  await capture(page);
  await finished;
  const id = await capturedLeadId(page);
  const beaconed = server.waitForStored(1);
  await page.close({ runBeforeUnload: true });
  await beaconed;
  const beacon = server.requestsFor(id).at(-1);
  assert.equal(beacon.beacon, true, 'sent by navigator.sendBeacon on pagehide');
  assert.match(beacon.contentType, /^application\/json/);

  // The next visit finds the copy (a beacon is never confirmed), sends it again, and the
  // endpoint's dedupe keeps it once; the copy is then gone.
  const nextVisit = await context.newPage();
  await nextVisit.goto(widgetUrl(server));
  await outboxEmptied(nextVisit);
  assert.deepEqual([...server.stored.keys()], [id], 'stored exactly once');
  assert.ok(server.requestsFor(id).length >= 2);
  await context.close();
  await server.stop();
});

for (const [name, initScripts] of [
  ['Web Locks', []],
  // Browsers without the Web Locks API fall back to a lease in localStorage.
  ['a storage lease (no Web Locks)', [() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined })]],
]) {
  test(`9. two tabs flushing the same queue at once, with ${name}: each lead delivered exactly once`, async () => {
    const server = await new FaultServer().start();
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
    for (const id of ids) assert.equal(server.requestsFor(id).length, 1, `lead ${id} sent once: ${JSON.stringify(server.requestsFor(id))}`);
    assert.deepEqual(new Set(server.stored.keys()), new Set(ids));
    await context.close();
    await server.stop();
  });
}

describe('10. storage full or disabled', () => {
  const refuseStorage = () => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  };

  test('the lead is still sent, the prospect gets the content, and a lead-error says it could not be kept', async () => {
    const server = await new FaultServer().start();
    const context = await freshContext([refuseStorage]);
    const page = await context.newPage();
    await page.goto(widgetUrl(server));
    await capture(page);
    await page.locator('lead-capture[state="sent"]').waitFor();
    const id = await capturedLeadId(page);
    assert.ok(server.stored.has(id));
    assert.ok(await page.getByRole('link', { name: 'Download The Benchmark' }).isVisible());
    const events = await leadEvents(page);
    assert.deepEqual(events.map((event) => event.type), ['lead-submit', 'lead-error', 'lead-sent']);
    assert.equal(events[1].detail.error.code, 'storage-unavailable');
    assert.match(events[1].detail.error.message, /refused to keep a copy/);
    await context.close();
    await server.stop();
  });

  test('with the endpoint down too, the prospect still gets the content and the loss is reported', async () => {
    const site = await new FaultServer().start();
    const context = await freshContext([refuseStorage]);
    const page = await context.newPage();
    await page.goto(widgetUrl(site, { endpoint: 'http://127.0.0.1:9/leads', retries: '0' }));
    await capture(page);
    await page.locator('lead-capture[state="error"]').waitFor();
    assert.ok(await page.getByRole('link', { name: 'Download The Benchmark' }).isVisible());
    const codes = (await leadEvents(page)).filter((event) => event.type === 'lead-error').map((event) => event.detail.error.code);
    assert.deepEqual(codes, ['storage-unavailable', 'network']);
    await context.close();
    await site.stop();
  });
});
