// The configuration and the delivery contract at their edges, against the built script-tag
// bundle: prototype keys as languages, over-long attributes, credentials in the endpoint,
// numbers that are not whole decimal numbers, the Referer, what lead-error means, what the
// prospect is told when the endpoint is down, and a queue entry stored under the wrong key.
// Every test asserts what the SERVER received, with a fresh browser context and server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AttackServer,
  countLeadSends,
  leadCaptureTag,
  reportLeadSendsOnPagehide,
  watchErrors,
  widgetDocument,
  widgetReady,
} from './support/attack-server.mjs';
import { FaultServer, recordLeadEvents } from './support/fault-server.mjs';
import { launchBrowser, typeLikeABot, within } from './support/site.mjs';

const noneLabel = "Just the content, please don't contact me";
const englishOptions = [noneLabel, 'Email me', 'Call me'];
const notConfigured = "This form can't send details right now.";
const offlineStatus = "Saved, we'll send it when you're back online.";
const leadKeyPrefix = 'lead-capture:v1:lead:';

let browser;
before(async () => (browser = await launchBrowser()));
after(async () => browser?.close());

/** A fresh server (site and endpoint on one origin) and browser context, closed after the test. */
async function setup(t, { initScripts = [] } = {}) {
  const server = await new AttackServer().start();
  const context = await browser.newContext();
  // A missing element fails the test in seconds, not at the test's own timeout.
  context.setDefaultTimeout(15_000);
  await context.addInitScript(recordLeadEvents);
  for (const script of initScripts) await context.addInitScript(script);
  const page = await context.newPage();
  const errors = watchErrors(page);
  t.after(async () => {
    await context.close();
    await server.stop();
  });
  return { server, context, page, errors };
}

/** A port with nothing listening on it: the endpoint is unreachable. */
async function closedPort() {
  const probe = await new FaultServer().start();
  const { port } = probe;
  await probe.stop();
  return port;
}

async function openWidget(page, server, attributes, { htmlLang, inner, query = '' } = {}) {
  const url = server.addPage(widgetDocument(leadCaptureTag(attributes, inner), { htmlLang }));
  await page.goto(url + query);
  await widgetReady(page);
}

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

function optionLabels(page) {
  return page.locator('#widget [part~="option"]').evaluateAll((options) => options.map((option) => option.textContent.replace(/\s+/g, ' ').trim()));
}

/** Chooses "just the content" and submits. */
async function captureNone(page) {
  const widget = page.locator('#widget');
  await widget.getByLabel(noneLabel, { exact: true }).check();
  await widget.getByRole('button', { name: 'Get the download' }).click();
}

async function captureCall(page) {
  const widget = page.locator('#widget');
  await widget.getByLabel('Call me', { exact: true }).check();
  await widget.getByRole('textbox', { name: 'Name (optional)' }).fill('Ada Lovelace');
  await widget.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await widget.getByRole('textbox', { name: 'Phone (required)' }).fill('+15550100199');
  await widget.getByRole('button', { name: 'Get the download' }).click();
}

/** Waits for the widget to end in sent, queued or error, and returns which. */
async function settledState(page) {
  const handle = await page.waitForFunction(() => {
    const state = document.querySelector('#widget').getAttribute('state');
    return ['sent', 'queued', 'error'].includes(state) && state;
  });
  return handle.jsonValue();
}

function leadEvents(page) {
  return page.evaluate(() => window.leadEvents.map((event) => ({ type: event.type, id: event.detail.lead?.id, code: event.detail.error?.code })));
}

async function submittedLeadId(page) {
  const submitted = (await leadEvents(page)).find((event) => event.type === 'lead-submit');
  assert.ok(submitted, 'a lead was submitted (lead-submit fired)');
  return submitted.id;
}

/** Captures "just the content" and returns the lead the server stored. */
async function deliveredLead(page, server) {
  await captureNone(page);
  const state = await settledState(page);
  const events = await leadEvents(page);
  assert.equal(state, 'sent', `the capture is delivered (events: ${JSON.stringify(events)})`);
  const id = await submittedLeadId(page);
  assert.ok(server.stored.has(id), 'the server stored the lead');
  return server.stored.get(id);
}

describe('prototype keys as languages', () => {
  for (const [where, lang] of [
    ['element', 'constructor'],
    ['html', 'constructor'],
    ['element', 'Constructor-US'],
    ['element', '__proto__'],
    ['html', '__proto__'],
    ['element', 'toString'],
    ['html', 'toString'],
    ['element', 'hasOwnProperty'],
  ]) {
    test(`lang="${lang}" on ${where === 'html' ? '<html>' : 'the element'}: English texts, the capture is delivered, no page error`, async (t) => {
      const { server, page, errors } = await setup(t);
      const attributes = { endpoint: server.endpoint, 'offer-id': 'lang-attack', 'min-fill-ms': '0', ...(where === 'element' ? { lang } : {}) };
      await openWidget(page, server, attributes, { htmlLang: where === 'html' ? lang : 'en' });
      assert.equal(await text(page.locator('#widget [part="submit"]')), 'Get the download', 'the submit button is in English');
      assert.deepEqual(await optionLabels(page), englishOptions, 'the three preferences are in English');
      const lead = await deliveredLead(page, server);
      assert.equal(lead.consent.text, noneLabel);
      assert.equal(lead.consent.language, 'en');
      assert.deepEqual(errors.page, [], 'no uncaught error');
    });
  }
});

describe('over-long configuration is caught when read', () => {
  const long = 'x'.repeat(201);
  const cases = [
    ['offer-title', long, 200, (lead) => lead.offer.title],
    ['offer-id', long, 200, (lead) => lead.offer.id],
    ['controller', long, 200, (lead) => lead.consent.controller],
    ['consent-version', long, 200, (lead) => lead.consent.version],
    ['jurisdiction', long, 200, (lead) => lead.consent.jurisdiction],
    ['privacy-href', `/${'p'.repeat(2048)}`, 2048, (lead) => lead.consent.policyHref],
  ];
  for (const [attribute, value, limit, field] of cases) {
    test(`${attribute} of ${value.length} characters: one console error naming it and ${limit}, the lead is still delivered`, async (t) => {
      const { server, page, errors } = await setup(t);
      await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', [attribute]: value });
      assert.equal(await page.locator('#widget [part="form"]').count(), 1, 'the form renders');
      const lead = await deliveredLead(page, server);
      assert.equal(errors.console.length, 1, `exactly one console error: ${JSON.stringify(errors.console)}`);
      assert.ok(errors.console[0].includes(attribute), `the error names ${attribute}: ${errors.console[0]}`);
      assert.ok(errors.console[0].includes(String(limit)), `the error names the limit ${limit}: ${errors.console[0]}`);
      const sent = field(lead);
      assert.ok(sent === undefined || sent.length <= limit, `${attribute} is left out or cut to ${limit} (sent ${sent?.length} characters)`);
      assert.deepEqual(errors.page, []);
    });
  }

  test('a strings value of 1001 characters: one console error naming strings and 1000, English label, the lead is still delivered', async (t) => {
    const { server, page, errors } = await setup(t);
    const strings = JSON.stringify({ preferenceNone: 'n'.repeat(1001) });
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', strings });
    assert.equal(await page.locator('#widget [part="form"]').count(), 1, 'the form renders');
    assert.deepEqual(await optionLabels(page), englishOptions, 'the over-long text is not shown; the built-in one is');
    const lead = await deliveredLead(page, server);
    assert.equal(errors.console.length, 1, `exactly one console error: ${JSON.stringify(errors.console)}`);
    assert.ok(errors.console[0].includes('strings'), `the error names strings: ${errors.console[0]}`);
    assert.ok(errors.console[0].includes('1000'), `the error names the limit 1000: ${errors.console[0]}`);
    assert.equal(lead.consent.text, noneLabel);
    assert.deepEqual(errors.page, []);
  });
});

test('credentials in the endpoint: one console error, the notice instead of the form, nothing sent or stored', async (t) => {
  const { server, page, errors } = await setup(t);
  const endpoint = `http://user:pass@127.0.0.1:${server.port}/leads`;
  await openWidget(page, server, { endpoint, 'min-fill-ms': '0', 'asset-href': '/files/reporting-benchmark.pdf' });
  const endpointErrors = errors.console.filter((message) => message.includes('endpoint'));
  assert.equal(endpointErrors.length, 1, `exactly one console error naming endpoint: ${JSON.stringify(errors.console)}`);
  assert.equal(await page.locator('#widget [part="form"]').count(), 0, 'no form');
  assert.equal(await text(page.locator('#widget [part="notice"]')), notConfigured);
  // The page has loaded and the widget settled; the queue had its chance to flush.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
  assert.equal(server.requests.length, 0, 'no request reached the server');
  const storage = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  assert.ok(!storage.includes('pass'), `nothing in localStorage contains the password: ${storage}`);
  assert.deepEqual(errors.page, []);
});

describe('numbers are whole decimal numbers only', () => {
  /** Exactly one configuration error, quoting what was written, never "NaN". */
  function assertOneQuotedError(errors, quoted) {
    assert.equal(errors.length, 1, `exactly one console error: ${JSON.stringify(errors)}`);
    assert.ok(quoted.test(errors[0]), `the error quotes what was written (${quoted}): ${errors[0]}`);
    assert.ok(!errors[0].includes('NaN'), `the error never says NaN: ${errors[0]}`);
  }

  /** What the widget's property reads back: the value in use. */
  const inUse = (page, property) => page.locator('#widget').evaluate((widget, name) => widget[name], property);

  // What a number in use means for delivery (3 retries: 4 attempts, with backoff) is a unit
  // test of the delivery (test/unit/deliver.test.ts); here, which number is in use.
  for (const [written, quoted] of [
    ['', /retries=""/],
    ['0x2', /retries="0x2"/],
    ['2.5', /retries="2\.5"/],
    ['-1', /retries="-1"/],
  ]) {
    test(`retries="${written}": one console error quoting it; the property reads back the default in use, 3`, async (t) => {
      const { server, page, errors } = await setup(t);
      await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', retries: written });
      assertOneQuotedError([...errors.console], quoted);
      assert.equal(await inUse(page, 'retries'), 3);
      assert.deepEqual(errors.page, []);
    });
  }

  test('retries="1e1" is a whole number written in decimal: no console error, the property reads back 10', async (t) => {
    const { server, page, errors } = await setup(t);
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', retries: '1e1' });
    assert.deepEqual(errors.console, []);
    assert.equal(await inUse(page, 'retries'), 10);
  });

  test('timeout="1e4": no console error, 10000 in use, the lead is delivered', async (t) => {
    const { server, page, errors } = await setup(t);
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', timeout: '1e4' });
    assert.deepEqual(errors.console, []);
    assert.equal(await inUse(page, 'timeout'), 10_000);
    await deliveredLead(page, server);
    assert.deepEqual(errors.page, []);
  });

  test('min-fill-ms="": one console error quoting it, the default time trap applies (machine-speed typing is spam)', async (t) => {
    const { server, page, errors } = await setup(t);
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '' });
    assertOneQuotedError([...errors.console], /min-fill-ms=""/);
    const spam = page.evaluate(() => new Promise((resolve) => document.addEventListener('lead-spam', (event) => resolve(event.detail.reason))));
    const widget = page.locator('#widget');
    await widget.getByLabel('Email me', { exact: true }).check();
    // "" read as 0 would turn the trap off; the default (20 ms a key) catches keys 0 ms apart.
    await typeLikeABot(widget.getByRole('textbox', { name: 'Email (required)' }), 'ada@example.com');
    await widget.getByRole('button', { name: 'Get the download' }).click();
    assert.equal(await settledState(page), 'sent', 'the bot sees the thank-you');
    assert.equal(await within(spam, 5000, 'lead-spam fired'), 'too-fast');
    assert.equal(server.requests.length, 0, 'nothing sent');
    assert.deepEqual(errors.page, []);
  });

  for (const [written, quoted] of [
    ['', /max-call-attempts=""/],
    [' 3x', /max-call-attempts=" ?3x"/],
  ]) {
    test(`max-call-attempts="${written}": one console error quoting it, a call lead gets the default 2`, async (t) => {
      const { server, page, errors } = await setup(t);
      await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', 'max-call-attempts': written });
      assertOneQuotedError([...errors.console], quoted);
      await captureCall(page);
      assert.equal(await settledState(page), 'sent');
      const lead = server.stored.get(await submittedLeadId(page));
      assert.equal(lead.contactPolicy.maxCallAttempts, 2);
      assert.deepEqual(errors.page, []);
    });
  }

  test('valid retries="0": no console error, one attempt against a 500, then queued', async (t) => {
    const { server, page, errors } = await setup(t);
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', retries: '0' });
    assert.deepEqual(errors.console, [], 'no configuration error');
    server.respondAlways({ status: 500 });
    await captureNone(page);
    assert.equal(await settledState(page), 'queued');
    assert.equal(server.requests.length, 1);
  });

  test('valid max-call-attempts="5": no console error, a call lead gets 5', async (t) => {
    const { server, page, errors } = await setup(t);
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0', 'max-call-attempts': '5' });
    await captureCall(page);
    assert.equal(await settledState(page), 'sent');
    assert.equal(server.stored.get(await submittedLeadId(page)).contactPolicy.maxCallAttempts, 5);
    assert.deepEqual(errors.console, []);
  });
});

describe('the Referer leaks nothing the body strips', () => {
  const query = '?token=s3cret&utm_source=news#frag';

  async function assertCleanReferer(page, siteOrigin, endpointServer) {
    await captureNone(page);
    assert.equal(await settledState(page), 'sent');
    const lead = endpointServer.stored.get(await submittedLeadId(page));
    assert.ok(lead, 'the endpoint stored the lead');
    assert.ok(endpointServer.leadHeaders.length >= 1, 'the endpoint recorded the request');
    for (const headers of endpointServer.leadHeaders) {
      const referer = headers.referer ?? '';
      assert.ok(!referer.includes('s3cret') && !referer.includes('token'), `Referer leaks the query: ${referer}`);
    }
    const path = new URL(page.url()).pathname;
    assert.equal(lead.page.url, `${siteOrigin}${path}`, 'the body has origin and path only');
  }

  test('same-origin endpoint: the Referer has no query', async (t) => {
    const { server, page } = await setup(t);
    await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0' }, { query });
    await assertCleanReferer(page, server.origin, server);
  });

  test('cross-origin endpoint: the Referer has no query', async (t) => {
    const { server, page } = await setup(t);
    const endpoint = await new AttackServer().start();
    t.after(() => endpoint.stop());
    await openWidget(page, server, { endpoint: endpoint.endpoint, 'min-fill-ms': '0' }, { query });
    await assertCleanReferer(page, server.origin, endpoint);
    assert.equal(server.requests.length, 0, 'nothing went to the page origin');
  });
});

test('storage refusing writes, endpoint up: lead-submit then lead-sent, no lead-error', async (t) => {
  const refuseStorage = () => {
    Storage.prototype.setItem = function refuse() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  };
  const { server, page, errors } = await setup(t, { initScripts: [refuseStorage] });
  await openWidget(page, server, { endpoint: server.endpoint, 'min-fill-ms': '0' });
  await captureNone(page);
  assert.equal(await settledState(page), 'sent');
  const id = await submittedLeadId(page);
  assert.ok(server.stored.has(id), 'the server stored the lead');
  const events = await leadEvents(page);
  assert.deepEqual(events.map((event) => event.type), ['lead-submit', 'lead-sent'], `events: ${JSON.stringify(events)}`);
  assert.deepEqual(errors.page, []);
});

describe('prospects are told the truth', () => {
  const attributes = (endpoint) => ({
    endpoint,
    'min-fill-ms': '0',
    retries: '0',
    'asset-href': '/files/reporting-benchmark.pdf',
    'offer-title': 'The Benchmark',
  });

  test('online, endpoint unreachable: queued, told "later" not "back online", the owner gets one console error naming the endpoint', async (t) => {
    const { server, page, errors } = await setup(t);
    const endpoint = `http://127.0.0.1:${await closedPort()}/leads`;
    await openWidget(page, server, attributes(endpoint));
    assert.equal(await page.evaluate(() => navigator.onLine), true, 'the browser is online');
    await captureNone(page);
    assert.equal(await settledState(page), 'queued');
    assert.ok(await page.locator('#widget [part="thank-you"]').isVisible(), 'thank-you shown');
    assert.ok(await page.getByRole('link', { name: 'Download The Benchmark' }).isVisible(), 'download link shown');
    const status = await text(page.locator('#widget').getByRole('status'));
    const thankYou = await text(page.locator('#widget [part="thank-you"]'));
    assert.doesNotMatch(status, /back online/i, `the status blames the connection while online: ${status}`);
    assert.doesNotMatch(thankYou, /back online/i, `the thank-you blames the connection while online: ${thankYou}`);
    assert.match(status, /later/i, `the status says it will be sent later: ${status}`);
    assert.match(thankYou, /later/i, `the thank-you says it will be sent later: ${thankYou}`);
    const naming = errors.console.filter((message) => message.includes(endpoint));
    assert.equal(naming.length, 1, `exactly one console error naming ${endpoint}: ${JSON.stringify(errors.console)}`);
    assert.deepEqual(errors.page, []);
  });

  test('contrast: offline, the status says "back online"', async (t) => {
    const { server, context, page } = await setup(t);
    await openWidget(page, server, attributes(server.endpoint));
    await context.setOffline(true);
    await captureNone(page);
    assert.equal(await settledState(page), 'queued');
    assert.equal(await text(page.locator('#widget').getByRole('status')), offlineStatus);
    assert.equal(server.requests.length, 0);
  });
});

test('a queued lead stored under a key that is not its id: delivered once, then nothing left to send', async (t) => {
  const { server, page } = await setup(t, { initScripts: [countLeadSends] });
  const widget = (endpoint) => widgetDocument(leadCaptureTag({ endpoint, 'min-fill-ms': '0', retries: '0' }));

  // A valid lead, captured in another browser while the endpoint was down.
  const other = await browser.newContext();
  t.after(() => other.close());
  const capturePage = await other.newPage();
  await capturePage.goto(server.addPage(widget(`http://127.0.0.1:${await closedPort()}/leads`)));
  await widgetReady(capturePage);
  await captureNone(capturePage);
  assert.equal(await settledState(capturePage), 'queued');
  const { lead } = await capturePage.evaluate((prefix) => {
    const key = Object.keys(localStorage).find((name) => name.startsWith(prefix));
    return JSON.parse(localStorage.getItem(key));
  }, leadKeyPrefix);
  const id = lead.id;
  const wrongKey = `${leadKeyPrefix}00000000-0000-4000-8000-000000000000`;
  assert.notEqual(`${leadKeyPrefix}${id}`, wrongKey);

  // Planted under the wrong key, on this site, before the next visit.
  await page.goto(server.addPage('<!doctype html><title>blank</title>'));
  await page.evaluate(
    ({ key, entry }) => localStorage.setItem(key, JSON.stringify({ ...entry, queuedAt: Date.now(), expiresAt: Date.now() + 86_400_000 })),
    { key: wrongKey, entry: { lead, target: { endpoint: server.endpoint, destination: 'json' } } },
  );
  await page.goto(server.addPage(widget(server.endpoint)));
  await within(server.waitForStored(1), 15_000, 'the queued lead was delivered on the next visit');
  assert.ok(server.stored.has(id));
  // The entry is removed once the endpoint's answer is in.
  const entriesFor = (leadId) => Object.entries(localStorage).filter(([key, value]) => key.includes(leadId) || value.includes(leadId)).map(([key]) => key);
  try {
    await page.waitForFunction((leadId) => !Object.entries(localStorage).some(([key, value]) => key.includes(leadId) || value.includes(leadId)), id, { timeout: 10_000 });
  } catch {
    assert.deepEqual(await page.evaluate(entriesFor, id), [], 'no entry for the delivered lead remains in storage');
  }

  // Closing the page: the page reports how many lead requests it issued in all (beacons on
  // pagehide included), and the test waits for every one of them to reach the server.
  await page.evaluate(reportLeadSendsOnPagehide);
  const sentinel = server.nextSentinel();
  await page.close({ runBeforeUnload: true });
  const issued = Number(await within(sentinel, 10_000, 'the closing page reported its lead requests'));
  await within(server.waitForRequests(issued), 10_000, `all ${issued} lead requests the page issued reached the server`);
  assert.equal(server.requestsFor(id).length, 1, `requests for the lead: ${JSON.stringify(server.requestsFor(id))}`);
});
