// End to end: the built dist/lead-capture.iife.js in a plain page, driven in Chromium by
// playwright-core, the lead received and stored by the reference receiver.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, startSite, typeLikeABot, watchProblems, within } from './support/site.mjs';

let site;
let browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('a call request captured from the script-tag bundle reaches the receiver once, valid', async () => {
  const page = await browser.newPage();
  const pageErrors = watchProblems(page);
  await page.goto(`${site.origin}/landing-quick.html?utm_source=newsletter&utm_campaign=benchmark`);

  await page.getByLabel('Call me').check();
  await page.getByRole('textbox', { name: 'Name (optional)' }).fill('Ada Lovelace');
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@example.com');
  await page.getByRole('textbox', { name: 'Phone (required)' }).fill('+44 20 7946 0958');
  await page.getByRole('combobox', { name: 'Best time to call (optional)' }).selectOption('afternoon');
  await page.getByLabel('Month-end close takes over a week').check();
  await page.getByRole('button', { name: 'Get the download' }).click();

  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  assert.equal(await page.locator('lead-capture').getAttribute('state'), 'sent');
  const link = page.getByRole('link', { name: 'Download The 2026 Reporting Benchmark' });
  assert.equal(await link.getAttribute('href'), '/files/reporting-benchmark.pdf');

  const leads = await site.leads();
  assert.equal(leads.length, 1);
  const [{ lead, deliveries, idempotencyKey }] = leads;
  assert.equal(deliveries, 1);
  assert.equal(idempotencyKey, lead.id);
  assert.equal(lead.temperature, 'warm');
  assert.equal(lead.priority, true);
  assert.deepEqual(lead.nextSteps, ['deliver-request', 'individual-call']);
  assert.deepEqual(lead.contact, { preference: 'call', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958', callWindow: 'afternoon' });
  assert.deepEqual(lead.indicators, [{ value: 'slow-close', label: 'Month-end close takes over a week' }]);
  assert.deepEqual(lead.page, { url: `${site.origin}/landing-quick.html`, utm: { source: 'newsletter', campaign: 'benchmark' } });
  assert.equal(lead.consent.text, 'Call me');
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('the receiver refuses an invalid lead with a readable 400, which the widget shows', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/landing-quick.html`);
  // A site script that tampers with the lead after validation (here: drops the consent text)
  // is caught by the server-side check.
  await page.evaluate(() => {
    const original = window.fetch;
    window.fetch = (url, init) => {
      const lead = JSON.parse(init.body);
      delete lead.consent;
      return original(url, { ...init, body: JSON.stringify(lead) });
    };
  });
  await page.getByLabel("Just the content, please don't contact me").check();
  await page.getByRole('button', { name: 'Get the download' }).click();
  await page.locator('lead-capture[state="error"]').waitFor();
  const status = await page.getByRole('status').textContent();
  assert.match(status, /We couldn't accept your details: consent: Invalid input/);
  assert.equal(await page.getByRole('link', { name: /Download/ }).count(), 1);
  await page.close();
});

test('one click on submit straight from an invalid field shows every error and focuses the first', async () => {
  const page = await browser.newPage();
  const storedBefore = (await site.leads()).length;
  await page.goto(`${site.origin}/landing-quick.html`);
  await page.getByLabel('Call me').check();
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('ada@');
  // The pointer goes straight from the field to the button: an error shown on blur would
  // push the button away mid-click and swallow it.
  await page.getByRole('button', { name: 'Get the download' }).click();
  assert.equal(await page.getByRole('status').textContent(), 'Please correct the highlighted fields.');
  assert.equal(await page.evaluate(() => document.querySelector('lead-capture').shadowRoot.activeElement?.id), 'email');
  assert.equal(await page.getByText('Please enter a phone number so we can call you.').count(), 1);
  assert.equal((await site.leads()).length, storedBefore, 'nothing is sent');
  await page.close();
});

test('a capture makes one same-origin request, sets no cookie, and leaves only the offer-id list in storage', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${site.origin}/landing-quick.html`);
  await page.getByLabel('Email me').check();
  await page.getByRole('textbox', { name: 'Email (required)' }).fill('grace@example.org');
  const loaded = requests.length;
  await page.getByRole('button', { name: 'Get the download' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

  const captureRequests = requests.slice(loaded);
  assert.deepEqual(captureRequests, [`${site.origin}/api/leads`], 'exactly one request per capture');
  assert.ok(requests.every((url) => url.startsWith(site.origin) || url.startsWith('data:')), `no third-party request: ${requests.join(', ')}`);
  assert.deepEqual(await context.cookies(), []);
  const storage = await page.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(storage, { local: { 'lead-capture:v1:conversions': '["benchmark-2026"]' }, session: 0, databases: 0 });
  await context.close();
});

test('a bot that submits the README snippet at machine speed is thanked, reported, and not sent', async () => {
  const page = await browser.newPage();
  const storedBefore = (await site.leads()).length;
  await page.goto(`${site.origin}/landing.html`);
  const spam = page.evaluate(() => new Promise((resolve) => document.addEventListener('lead-spam', (event) => resolve(event.detail))));
  // Clicking fast is human; typing with no time between keys is not.
  await page.getByLabel('Email me').check();
  await typeLikeABot(page.getByRole('textbox', { name: 'Email (required)' }), 'bot@example.com');
  await page.getByRole('button', { name: 'Get the download' }).click();
  assert.deepEqual(await within(spam, 10_000, 'lead-spam'), { reason: 'too-fast' });
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
  assert.equal((await site.leads()).length, storedBefore);
  await page.close();
});

test('added by a tag manager after the page has loaded, the script upgrades the widget in place, and the data layer hears the capture', async () => {
  const page = await browser.newPage();
  const pageErrors = watchProblems(page);
  const storedBefore = (await site.leads()).length;
  await page.goto(`${site.origin}/landing-tag-manager.html`, { waitUntil: 'load' });
  assert.equal(await page.evaluate(() => customElements.get('lead-capture')), undefined, 'not defined before the tag fires');
  // What a GTM Custom HTML tag does: a script element appended to the body once the page has loaded.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const script = Object.assign(document.createElement('script'), { src: '/dist/lead-capture.iife.js', onload: resolve, onerror: reject });
        document.body.append(script);
      }),
  );
  await page.getByLabel('Just the content, please don\'t contact me').check();
  await page.getByLabel('Month-end close takes over a week').check();
  await page.getByRole('button', { name: 'Get the download' }).click();
  await page.getByRole('heading', { name: 'Thank you!' }).waitFor();

  const leads = (await site.leads()).slice(storedBefore);
  assert.equal(leads.length, 1, 'one lead, sent once');
  assert.deepEqual(leads[0].lead.indicators, [{ value: 'slow-close', label: 'Month-end close takes over a week' }]);
  const layer = await page.evaluate(() => window.dataLayer);
  assert.deepEqual(layer.map((entry) => entry.event), ['lead_capture_sent']);
  assert.equal(layer[0].offer_id, 'benchmark-2026');
  assert.deepEqual(pageErrors, []);
  await page.close();
});
