// Delivery at its edges: a lead corrected after a refusal, listeners that edit what they are
// shown, the page closed or hidden mid-retry, a wrong device clock, a sandboxed iframe, junk in
// storage, bots and fast people. Each test drives the built script-tag bundle in a plain page
// against the fault server and asserts what the SERVER received and what is left in the
// browser's storage.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { capture, leadEvents, leadKeyPrefix, outboxEmptied, useDeliveryHarness, widgetUrl } from './support/delivery-harness.mjs';
import { FaultServer, storedLeadKeys } from './support/fault-server.mjs';
import { typeLikeABot, within } from './support/site.mjs';

const { startServer, freshContext } = useDeliveryHarness();

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;
const noContact = "Just the content, please don't contact me";
const submitLabel = 'Get the download';
const workEmailProblem = { status: 400, headers: { 'Content-Type': 'application/problem+json' }, body: { title: 'Invalid lead', detail: 'Use a work email' } };

/** The endpoint URL of a port nothing listens on (until a server is started there). */
async function closedEndpoint() {
  const probe = new FaultServer();
  await probe.start();
  await probe.stop();
  return { port: probe.port, endpoint: probe.endpoint };
}

async function eventsOf(page, type) {
  return (await leadEvents(page)).filter((event) => event.type === type);
}

async function capturedLeadIds(page) {
  return (await eventsOf(page, 'lead-submit')).map((event) => event.detail.lead.id);
}

/**
 * The first recorded lead event of `type` (and error `code`), waiting for it at most
 * `timeout` ms: undefined when it never comes. Only a failing widget meets the deadline.
 */
async function leadEvent(page, type, { code, timeout = 5000 } = {}) {
  try {
    const handle = await page.waitForFunction(
      ([wanted, wantedCode]) => window.leadEvents.find((event) => event.type === wanted && (!wantedCode || event.detail?.error?.code === wantedCode)),
      [type, code],
      { timeout },
    );
    return await handle.jsonValue();
  } catch (error) {
    if (error.name === 'TimeoutError') return undefined;
    throw error;
  }
}

/** Whichever promise settles first; the others' later rejections (a closed page) are ignored. */
function firstOf(...promises) {
  for (const promise of promises) promise.catch(() => {});
  return Promise.race(promises);
}

/**
 * Waits for the widget to leave `idle`/`submitting` and returns its state; a widget still
 * busy after `timeout` ms returns what it is stuck in.
 */
async function settledState(widget, timeout = 10_000) {
  const settled = widget.locator('xpath=self::*[@state="sent" or @state="queued" or @state="error"]');
  try {
    await settled.waitFor({ timeout });
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
  }
  return widget.getAttribute('state');
}

/** A page-level clock `offset` ms off: `Date.now()` and `new Date()` (no arguments) are shifted. */
const shiftClock = (offset) => {
  const RealDate = Date;
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [RealDate.now() + offset] : args, new.target);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = () => RealDate.now() + offset;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
};

describe('one id, one body: a lead corrected after a 400 is a new lead', () => {
  /** Email me with ada@example.com → 400 "Use a work email"; the prospect corrects the address. */
  async function rejectedThenCorrected(page, server) {
    const form = page.locator('#widget-0');
    await form.getByLabel('Email me').check();
    const email = form.getByRole('textbox', { name: 'Email (required)' });
    await email.fill('ada@example.com');
    await form.getByRole('button', { name: submitLabel }).click();
    await page.locator('#widget-0[state="error"]').waitFor();
    assert.equal(server.requests.length, 1, 'the first capture was sent once');
    const rejected = server.requests[0];
    assert.equal(rejected.status, 400);
    await email.fill('ada@acme.test');
    return rejected.id;
  }

  function assertCorrectedLeadStoredOnce(server, rejectedId) {
    const stored = [...server.stored.values()];
    assert.equal(stored.length, 1, `the corrected lead reached the server: stored ${stored.length} lead(s)`);
    const [lead] = stored;
    assert.equal(lead.contact.email, 'ada@acme.test', 'the stored body has the corrected email');
    assert.notEqual(lead.id, rejectedId, 'the corrected lead has its own id, not the rejected lead\'s');
    const accepted = server.requestsFor(lead.id).filter((request) => request.status < 300);
    assert.equal(accepted.length, 1, `accepted exactly once: ${JSON.stringify(server.requestsFor(lead.id).map(({ status, idempotencyKey }) => ({ status, idempotencyKey })))}`);
    assert.equal(accepted[0].idempotencyKey, lead.id, 'its Idempotency-Key is its own id');
    assert.notEqual(accepted[0].idempotencyKey, rejectedId);
    assert.equal(JSON.parse(accepted[0].body).contact.email, 'ada@acme.test');
    return lead;
  }

  test('resubmitted offline, then back online in the same tab: the corrected lead is delivered', async () => {
    const server = await startServer();
    const context = await freshContext();
    const page = await context.newPage();
    server.respondWith(workEmailProblem);
    await page.goto(widgetUrl(server));
    const rejectedId = await rejectedThenCorrected(page, server);

    await context.setOffline(true);
    await page.locator('#widget-0').getByRole('button', { name: submitLabel }).click();
    await page.locator('#widget-0[state="queued"]').waitFor();
    assert.equal((await storedLeadKeys(page)).length, 1, 'the corrected lead is kept');

    await context.setOffline(false);
    await outboxEmptied(page);
    const lead = assertCorrectedLeadStoredOnce(server, rejectedId);
    const sent = await leadEvent(page, 'lead-sent');
    assert.equal(sent?.detail.lead.id, lead.id, 'lead-sent fires for the corrected lead');
    assert.equal(await settledState(page.locator('#widget-0')), 'sent');
    assert.deepEqual(await storedLeadKeys(page), []);
  });

  test('resubmission meets a 503 and is queued; a second tab delivers it exactly once', async () => {
    const server = await startServer();
    const context = await freshContext();
    const page = await context.newPage();
    server.respondWith(workEmailProblem, { status: 503 });
    await page.goto(widgetUrl(server, { retries: '0' }));
    const rejectedId = await rejectedThenCorrected(page, server);

    await page.locator('#widget-0').getByRole('button', { name: submitLabel }).click();
    await page.locator('#widget-0[state="queued"]').waitFor();
    assert.equal((await storedLeadKeys(page)).length, 1, 'the corrected lead is kept');

    const secondTab = await context.newPage();
    await secondTab.goto(widgetUrl(server));
    await outboxEmptied(secondTab);
    assertCorrectedLeadStoredOnce(server, rejectedId);
    assert.deepEqual(await storedLeadKeys(secondTab), []);
  });
});

describe('listeners cannot corrupt what is sent or stored', () => {
  /** A page script that edits the lead it is shown; the widget must not let it. */
  const tamperWithSubmittedLeads = () => {
    document.addEventListener('lead-submit', (event) => {
      const { lead } = event.detail;
      try {
        lead.contact.name = 'X'.repeat(300);
      } catch {
        // Frozen: the edit is refused.
      }
      try {
        lead.contact.phone = '+15555550100';
      } catch {
        // Frozen: the edit is refused.
      }
    });
  };

  async function captureNamed(page) {
    const form = page.locator('#widget-0');
    await form.getByLabel(noContact).check();
    await form.getByRole('textbox', { name: 'Name (optional)' }).fill('Ada Lovelace');
    await form.getByRole('button', { name: submitLabel }).click();
  }

  test('a lead-submit listener editing detail.lead changes nothing the server receives', async () => {
    const server = await startServer();
    const context = await freshContext([tamperWithSubmittedLeads]);
    const page = await context.newPage();
    await page.goto(widgetUrl(server));
    await captureNamed(page);
    await server.waitForStored(1);
    const [request] = server.requests;
    assert.deepEqual(JSON.parse(request.body).contact, { preference: 'none', name: 'Ada Lovelace' }, 'the request carries the name as typed and no phone');
  });

  test('... nor what is queued: the kept copy is delivered intact on a later visit', async () => {
    const site = await startServer();
    const { port, endpoint } = await closedEndpoint();
    const context = await freshContext([tamperWithSubmittedLeads]);
    const page = await context.newPage();
    await page.goto(widgetUrl(site, { endpoint, retries: '0' }));
    await captureNamed(page);
    await page.locator('#widget-0[state="queued"]').waitFor();
    const [id] = await capturedLeadIds(page);
    await page.close();

    const restarted = await startServer({ port });
    const nextVisit = await context.newPage();
    await nextVisit.goto(widgetUrl(site, { endpoint }));
    await outboxEmptied(nextVisit);
    assert.deepEqual([...restarted.stored.keys()], [id], 'the queued lead was delivered, not dropped');
    assert.deepEqual(restarted.stored.get(id).contact, { preference: 'none', name: 'Ada Lovelace' }, 'delivered as typed');
  });

  test('an unreadable queue entry is reported (lead-error "unreadable", count 1) and removed, never dropped silently', async () => {
    const server = await startServer();
    const context = await freshContext();
    const page = await context.newPage();
    // Planted on a page of the site without a widget: a widget page's own courier would find
    // the entry in its idle-time flush (and report it there, before the visit under test).
    await page.goto(widgetUrl(server, { count: '0' }));
    const key = await page.evaluate(
      ([prefix, endpoint]) => {
        const entryKey = `${prefix}${crypto.randomUUID()}`;
        const now = Date.now();
        // Valid JSON, but not a lead the schema accepts.
        localStorage.setItem(entryKey, JSON.stringify({ lead: { id: 'not-a-lead', contact: { phone: 42 } }, endpoint, queuedAt: now, expiresAt: now + 60_000 }));
        return entryKey;
      },
      [leadKeyPrefix, server.endpoint],
    );
    assert.deepEqual(await storedLeadKeys(page), [key]);

    await page.goto(widgetUrl(server));
    await outboxEmptied(page);
    const reported = await leadEvent(page, 'lead-error', { code: 'unreadable' });
    assert.ok(reported, `a lead-error with code "unreadable" reached window: ${JSON.stringify(await eventsOf(page, 'lead-error'))}`);
    assert.equal(reported.detail.error.count, 1);
    assert.deepEqual(await storedLeadKeys(page), [], 'the entry is removed');
    assert.equal(server.requests.length, 0, 'nothing unreadable is sent');
  });
});

describe('page exit keeps the promises', () => {
  /** A lead whose first attempt got 503 with Retry-After: 20, on a page holding a session cookie. */
  async function pendingRetryWithCookie(server, page) {
    server.respondWith({ status: 503, headers: { 'Retry-After': '20' } });
    await page.goto(widgetUrl(server));
    await page.evaluate(() => {
      document.cookie = 'session=secret; path=/';
    });
    const firstAttempt = server.nextAnswered();
    await capture(page);
    assert.equal((await firstAttempt).status, 503);
    const [id] = await capturedLeadIds(page);
    assert.deepEqual(await storedLeadKeys(page), [`${leadKeyPrefix}${id}`]);
    return id;
  }

  test('the exit request carries the Idempotency-Key and JSON, and no cookie', async () => {
    const server = await startServer();
    const context = await freshContext();
    const page = await context.newPage();
    const id = await pendingRetryWithCookie(server, page);

    const exitRequest = server.nextRequest();
    await page.close({ runBeforeUnload: true });
    const exit = await within(exitRequest, 15_000, 'the closing page to send its queued lead');
    assert.ok(exit, 'the closing page sent its queued lead');
    assert.equal(exit.id, id);
    assert.equal(exit.idempotencyKey, id, 'the exit request carries Idempotency-Key = lead id');
    assert.match(exit.contentType ?? '', /^application\/json/);
    assert.equal(exit.cookie, undefined, 'the exit request sends no cookie');
  });

  test('a redirect answering the exit request is not followed: the other server receives nothing', async () => {
    const server = await startServer();
    // An origin that would accept a credentialed cross-origin POST if one were replayed to it.
    const elsewhere = await startServer({ credentialedCors: true });
    const context = await freshContext();
    const page = await context.newPage();
    const id = await pendingRetryWithCookie(server, page);
    server.respondWith({ status: 307, headers: { Location: elsewhere.endpoint } });

    const exitAnswered = server.nextAnswered();
    await page.close({ runBeforeUnload: true });
    const answered = await within(exitAnswered, 15_000, 'the closing page to send its queued lead');
    assert.ok(answered, `the closing page sent its queued lead (requests: ${JSON.stringify(server.requests.map((request) => [request.id, request.status]))})`);
    assert.equal(answered.status, 307);

    // The next visit delivers the kept copy to the endpoint that was named.
    const nextVisit = await context.newPage();
    await nextVisit.goto(widgetUrl(server));
    await outboxEmptied(nextVisit);
    assert.ok(server.stored.has(id), 'delivered to the named endpoint');
    assert.deepEqual(
      elsewhere.hits.map(({ method = 'POST', id: leadId, cookie }) => ({ method, leadId, cookie })),
      [],
      'the redirect target received nothing',
    );
  });

  test('the exit budget counts bytes: of two leads of 17,000 characters in CJK text (37 KB each), one goes and the browser refuses none', async () => {
    const server = await startServer();
    // What the page hands the browser as keepalive requests, and which the browser refuses.
    const watchKeepalive = () => {
      window.keepalive = [];
      const realFetch = window.fetch;
      window.fetch = function (url, init) {
        const result = realFetch.apply(this, [url, init]);
        if (init?.keepalive) {
          const call = { bytes: new Blob([init.body ?? '']).size, refused: undefined };
          window.keepalive.push(call);
          result.then(() => (call.refused = false), (error) => (call.refused = String(error)));
        }
        return result;
      };
    };
    const context = await freshContext([watchKeepalive]);
    const page = await context.newPage();
    // 50 indicators of 200 CJK characters (600 bytes each in UTF-8), all ticked.
    const label = (index) => `第${index}号`.padEnd(200, '漢');
    const indicators = Array.from({ length: 50 }, (_, index) => ({ value: `indicator-${index}-`.padEnd(100, 'v'), label: label(index) }));
    server.respondWith({ status: 503, headers: { 'Retry-After': '20' } }, { status: 503, headers: { 'Retry-After': '20' } });
    await page.goto(widgetUrl(server, { count: '2' }));
    for (const widget of ['#widget-0', '#widget-1']) {
      const answered = server.nextAnswered();
      await page.locator(widget).evaluate(async (element, given) => {
        element.indicators = given;
        await element.updateComplete;
        for (const box of element.shadowRoot.querySelectorAll('input[type="checkbox"]')) box.click();
      }, indicators);
      await capture(page, widget);
      assert.equal((await answered).status, 503);
    }
    const leads = (await capturedLeadIds(page)).map((id) => server.requestsFor(id)[0].body);
    for (const body of leads) assert.ok(body.length < 30_000 && Buffer.byteLength(body) > 33_000, `a lead of ${body.length} characters, ${Buffer.byteLength(body)} bytes`);
    // Together over the browser's 64 KiB for keepalive bodies in flight, though under it in characters.
    assert.ok(Buffer.byteLength(leads.join('')) > 65_536 && leads.join('').length < 60_000);

    const refused = [];
    page.on('requestfailed', (request) => request.method() === 'POST' && refused.push(request.failure()?.errorText));
    const atExit = server.nextRequest();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await within(atExit, 8000, 'one queued lead to be sent when the page was hidden');
    // Whatever else the page would send at exit has been handed to the browser by now.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    assert.equal(server.requests.length, 3, `requests: ${server.requests.length}`);
    const handed = await page.evaluate(() => window.keepalive);
    assert.equal(handed.length, 1, `keepalive requests handed to the browser: ${JSON.stringify(handed)}`);
    assert.equal(handed[0].refused, false);
    assert.deepEqual(refused, [], 'no keepalive request refused by the browser');
  });
});

test('hidden, not closed: a page made hidden sends its pending lead, with its Idempotency-Key', async () => {
  const server = await startServer();
  const context = await freshContext();
  const page = await context.newPage();
  server.respondWith({ status: 503, headers: { 'Retry-After': '20' } });
  await page.goto(widgetUrl(server));
  const firstAttempt = server.nextAnswered();
  await capture(page);
  assert.equal((await firstAttempt).status, 503);
  const [id] = await capturedLeadIds(page);

  const sentWhileHidden = server.nextRequest();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  // The page's own retry is 20 s away; the hidden page must not wait for it.
  const request = await within(sentWhileHidden, 8000, 'the lead to be sent when the page was hidden (before the 20 s retry)');
  assert.ok(request, 'the endpoint received the lead when the page was hidden (before the 20 s retry)');
  assert.equal(request.id, id);
  assert.equal(request.idempotencyKey, id, 'with its Idempotency-Key');
  assert.equal(page.isClosed(), false);
});

describe('a wrong device clock neither expires a lead early nor keeps it forever', () => {
  /** Queues a lead on a page whose clock is `offset` ms off; the endpoint is a closed port. */
  async function queueWithClock(context, site, endpoint, offset) {
    const page = await context.newPage();
    if (offset) await page.addInitScript(shiftClock, offset);
    await page.goto(widgetUrl(site, { endpoint, retries: '0' }));
    await capture(page);
    await page.locator('#widget-0[state="queued"]').waitFor();
    const [id] = await capturedLeadIds(page);
    await page.close();
    return id;
  }

  /**
   * A visit with the clock `offset` ms off and the endpoint still down: returns once the
   * widget has looked at its queue and finished its attempts: `attempts` POSTs failed (a queued
   * lead gets 2 on a visit, an overdue one its last 1), or it reported the lead expired.
   */
  async function visitWithEndpointDown(context, site, endpoint, offset, attempts = 2) {
    const page = await context.newPage();
    if (offset) await page.addInitScript(shiftClock, offset);
    let failed = 0;
    const attempted = new Promise((resolve) => page.on('requestfailed', (request) => request.url() === endpoint && request.method() === 'POST' && ++failed === attempts && resolve()));
    await page.goto(widgetUrl(site, { endpoint }));
    await firstOf(attempted, page.waitForFunction(() => window.leadEvents.some((event) => event.detail.error?.code === 'expired')));
    // The last failure is settled in the page's next task; what it reports comes with it.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
    return page;
  }

  async function expiredReports(page) {
    return (await eventsOf(page, 'lead-error')).filter((event) => event.detail.error.code === 'expired');
  }

  test('queued with the clock 8 days slow, next visit with the right clock: delivered, not expired', async () => {
    const site = await startServer();
    const { port, endpoint } = await closedEndpoint();
    const context = await freshContext();
    const id = await queueWithClock(context, site, endpoint, -8 * day);

    const restarted = await startServer({ port });
    const nextVisit = await context.newPage();
    await nextVisit.goto(widgetUrl(site, { endpoint }));
    await outboxEmptied(nextVisit);
    assert.deepEqual(await expiredReports(nextVisit), [], 'no lead-error "expired"');
    assert.deepEqual([...restarted.stored.keys()], [id], 'the lead was delivered, once');
    assert.equal(restarted.requestsFor(id).length, 1);
  });

  test('queued with the clock 30 days fast: kept on the next visit, expired 7 days (and an hour) later', async () => {
    const site = await startServer();
    const { endpoint } = await closedEndpoint();
    const context = await freshContext();
    const id = await queueWithClock(context, site, endpoint, 30 * day);

    const nextVisit = await visitWithEndpointDown(context, site, endpoint, 0);
    assert.deepEqual(await expiredReports(nextVisit), [], 'not expired on the next visit');
    assert.deepEqual(await storedLeadKeys(nextVisit), [`${leadKeyPrefix}${id}`], 'still kept');
    await nextVisit.close();

    const weekLater = await visitWithEndpointDown(context, site, endpoint, 7 * day + hour, 1);
    const expired = await expiredReports(weekLater);
    assert.deepEqual(
      expired.map((event) => event.detail.error.count),
      [1],
      `a queued lead does not outlive its 7 days because the clock was fast when it was queued: ${JSON.stringify(await eventsOf(weekLater, 'lead-error'))}`,
    );
    assert.deepEqual(await storedLeadKeys(weekLater), []);
  });

  test('queued with the right clock, a visit 8 days later: expired (count 1), storage empty', async () => {
    const site = await startServer();
    const { endpoint } = await closedEndpoint();
    const context = await freshContext();
    await queueWithClock(context, site, endpoint, 0);

    const later = await visitWithEndpointDown(context, site, endpoint, 8 * day, 1);
    assert.deepEqual((await expiredReports(later)).map((event) => event.detail.error.count), [1]);
    assert.deepEqual(await storedLeadKeys(later), []);
  });
});

describe('in a sandboxed iframe (opaque origin: no localStorage, no Web Locks)', () => {
  function framedWidgetUrl(server, endpoint, options = {}) {
    const src = widgetUrl(server, { endpoint, ...options });
    const parameters = new URLSearchParams({ sandbox: 'allow-scripts allow-forms', src });
    return `${server.origin}/frame.html?${parameters}`;
  }

  async function captureInFrame(page) {
    const frame = page.frameLocator('#frame');
    await frame.getByLabel(noContact).check();
    await frame.getByRole('button', { name: submitLabel }).click();
    return frame;
  }

  test('a capture is delivered once and the widget says sent, with no uncaught error', async () => {
    const server = await startServer();
    const context = await freshContext();
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(framedWidgetUrl(server, server.endpoint));
    const frame = await captureInFrame(page);
    assert.equal(await settledState(frame.locator('lead-capture')), 'sent', 'the framed widget settles on sent');
    assert.equal(server.stored.size, 1);
    const [id] = server.stored.keys();
    assert.equal(server.requestsFor(id).length, 1);
    assert.deepEqual(pageErrors, []);
  });

  test('with the endpoint unreachable it ends in error (no copy can be kept), download link shown', async () => {
    const server = await startServer();
    const { endpoint } = await closedEndpoint();
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(framedWidgetUrl(server, endpoint, { retries: '0' }));
    const frame = await captureInFrame(page);
    assert.equal(await settledState(frame.locator('lead-capture')), 'error', 'not left "submitting"');
    assert.ok(await frame.getByRole('link', { name: 'Download The Benchmark' }).isVisible(), 'the download link is shown');
  });
});

describe('stored junk never blocks a capture', () => {
  for (const [name, conversions, earlierConversions] of [
    // Nothing usable: the lead may report no repeat at all, or an empty one.
    ['an empty offer id', '[""]', false],
    ['60 distinct offer ids', JSON.stringify(Array.from({ length: 60 }, (_, index) => `earlier-offer-${index}`)), true],
  ]) {
    test(`the conversion history holds ${name}: the capture is delivered with a valid repeat`, async () => {
      const server = await startServer();
      const context = await freshContext();
      const page = await context.newPage();
      await page.goto(widgetUrl(server));
      await page.evaluate((value) => localStorage.setItem('lead-capture:v1:conversions', value), conversions);
      await page.reload();
      await capture(page);
      const state = await settledState(page.locator('#widget-0'));
      assert.equal(state, 'sent', `delivered: ${JSON.stringify((await eventsOf(page, 'lead-error')).map((event) => event.detail.error))}`);
      assert.equal(server.stored.size, 1);
      const [lead] = server.stored.values();
      if (earlierConversions) assert.ok(lead.repeat, 'the earlier conversions are reported');
      const offers = lead.repeat?.offers ?? [];
      assert.ok(offers.length <= 50, `at most 50 offers, got ${offers.length}`);
      assert.ok(offers.every((offer) => typeof offer === 'string' && offer.length > 0), `offers are non-empty strings: ${JSON.stringify(offers)}`);
      if (earlierConversions) assert.ok(offers.length > 0, 'the valid earlier offers are kept');
    });
  }
});

describe('bots vs fast people (default settings: no min-fill-ms attribute)', () => {
  let server;
  before(async () => (server = await new FaultServer().start()));
  after(async () => server?.stop());

  async function defaultPage() {
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(widgetUrl(server, { 'min-fill-ms': 'default' }));
    return { context, page, form: page.locator('#widget-0') };
  }

  /** The person's lead reached the server and no lead-spam fired. */
  async function assertDelivered(page) {
    await page.locator('#widget-0[state="sent"]').waitFor();
    assert.deepEqual((await eventsOf(page, 'lead-spam')).map((event) => event.detail), [], 'a person is not taken for a bot');
    const [id] = await capturedLeadIds(page);
    assert.ok(id && server.stored.has(id), 'the lead reached the server');
  }

  /** The bot was reported and the server received nothing from it. */
  async function assertCaught(page, requestsBefore, reason) {
    const spam = await leadEvent(page, 'lead-spam');
    assert.ok(spam, `lead-spam fired: events ${JSON.stringify((await leadEvents(page)).map((event) => event.type))}`);
    if (reason) assert.equal(spam.detail.reason, reason);
    assert.equal(server.requests.length, requestsBefore, 'the server received nothing');
    assert.deepEqual(await capturedLeadIds(page), [], 'no lead-submit');
  }

  test('a quick person: "just the content" and submit at once is delivered', async () => {
    const { page, form } = await defaultPage();
    await form.getByLabel(noContact).click();
    await form.getByRole('button', { name: submitLabel }).click();
    await assertDelivered(page);
  });

  test('a quick person on the email path with autofill or paste (one input event) is delivered', async () => {
    const { page, form } = await defaultPage();
    await form.getByLabel('Email me').click();
    await form.getByRole('textbox', { name: 'Email (required)' }).fill('ada@acme.test');
    await form.getByRole('button', { name: submitLabel }).click();
    await assertDelivered(page);
  });

  test('a person typing at 60 ms a key is delivered', async () => {
    const { page, form } = await defaultPage();
    await form.getByLabel('Email me').click();
    const email = form.getByRole('textbox', { name: 'Email (required)' });
    await email.click();
    await email.pressSequentially('ada@acme.test', { delay: 60 });
    await form.getByRole('button', { name: submitLabel }).click();
    await assertDelivered(page);
  });

  /** A form-filling bot: every input filled or ticked inside the shadow root, then submitted. */
  function fillEveryInput(page, { withEvents }) {
    return page.evaluate((dispatch) => {
      const root = document.querySelector('#widget-0').shadowRoot;
      for (const input of root.querySelectorAll('input')) {
        if (input.type === 'radio' || input.type === 'checkbox') input.checked = true;
        else input.value = input.type === 'email' ? 'bot@spam.test' : 'Buy cheap followers';
        if (!dispatch) continue;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      }
      if (dispatch) root.querySelector('button[type="submit"]').click();
      else root.querySelector('form').requestSubmit();
    }, withEvents);
  }

  test('a bot script filling every input with synthetic events, then button.click(): lead-spam, nothing sent', async () => {
    const { page } = await defaultPage();
    const requestsBefore = server.requests.length;
    await fillEveryInput(page, { withEvents: true });
    await assertCaught(page, requestsBefore);
  });

  test('a bot setting .value/.checked without events, then form.requestSubmit(): lead-spam, nothing sent', async () => {
    const { page } = await defaultPage();
    const requestsBefore = server.requests.length;
    await fillEveryInput(page, { withEvents: false });
    await assertCaught(page, requestsBefore);
  });

  test('a keyboard bot that idles past 2 s, then types a 20-character email at machine speed: too-fast, nothing sent', async () => {
    const { page, form } = await defaultPage();
    const requestsBefore = server.requests.length;
    // A patient bot outwaits a timer started when the form appeared; its typing gives it away.
    await page.waitForFunction(() => performance.now() > 2500, undefined, { polling: 100 });
    await form.getByLabel('Email me').click();
    const email = form.getByRole('textbox', { name: 'Email (required)' });
    await email.click();
    const typed = 'bot.bot@spam-mail.io';
    assert.equal(typed.length, 20);
    await typeLikeABot(email, typed);
    await form.getByRole('button', { name: submitLabel }).click();
    await assertCaught(page, requestsBefore, 'too-fast');
  });

  test('the honeypot is off for autofill: autocomplete="off" and a name/id no autofill or password manager fills', async () => {
    const { page } = await defaultPage();
    const honeypots = await page.evaluate(() =>
      Array.from(document.querySelector('#widget-0').shadowRoot.querySelectorAll('[aria-hidden="true"] input'), (input) => ({
        name: input.name,
        id: input.id,
        autocomplete: input.getAttribute('autocomplete'),
      })),
    );
    assert.equal(honeypots.length, 1, 'one honeypot input inside an aria-hidden container');
    const [honeypot] = honeypots;
    assert.equal(honeypot.autocomplete, 'off');
    const autofilled = ['website', 'url', 'homepage', 'company', 'organization', 'name', 'email', 'phone', 'tel', 'address', 'username', 'password'];
    // Autofill matches words inside names too (company_name, userEmail): compare word by word.
    const words = (value) => value.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    for (const attribute of ['name', 'id']) {
      const filled = words(honeypot[attribute]).filter((word) => autofilled.includes(word));
      assert.deepEqual(filled, [], `the honeypot ${attribute} ("${honeypot[attribute]}") avoids the words autofill fills`);
    }
  });
});
