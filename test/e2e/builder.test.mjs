// The builder (builder/), built (dist/builder/), in a real Chromium: configured through its
// labelled controls only, its preview in each state, its HTML code pasted into a blank page
// with the built script, the share link and Import, a test send against local endpoints
// (one that accepts, one without CORS, a HubSpot-like fake refusing a field), the reserved
// height (CLS 0 at 375 and 1280 px), axe in each state and the keyboard alone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../scripts/chromium.mjs';
import { HubSpotFake } from './support/vendors/hubspot.mjs';

const root = resolve(import.meta.dirname, '../..');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };

// The builder and the script-tag bundle, built as npm run build builds them (the same Vite
// configs), into a folder of this run's own: a build running meanwhile (it empties dist/)
// cannot pull them away mid-test, and the builder tested is the one in the working tree.
const served = mkdtempSync(join(tmpdir(), 'builder-e2e-'));
const vite = (...args) => execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn', ...args], { cwd: root, stdio: 'inherit' });
vite('--config', 'vite.builder.config.ts', '--outDir', join(served, 'builder'), '--emptyOutDir');
vite('--mode', 'iife', '--outDir', join(served, 'dist'));

/** Pages made by a test (a blank page with a pasted snippet), by path. */
const pages = new Map();

/** A static host for the built builder (at /builder/) and script (at /dist/), plus the test's pages. */
function startSite() {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://site.invalid');
    if (pages.has(pathname)) return response.writeHead(200, { 'Content-Type': types['.html'] }).end(pages.get(pathname));
    const [prefix, folder] = pathname.startsWith('/builder/') ? ['/builder/', join(served, 'builder')] : pathname.startsWith('/dist/') ? ['/dist/', join(served, 'dist')] : [];
    const file = folder && normalize(join(folder, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'));
    if (!file || !file.startsWith(folder) || !(await stat(file).then((entry) => entry.isFile(), () => false))) return response.writeHead(404).end('not found');
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return listen(server);
}

/**
 * Endpoints on another origin: `/leads` accepts (CORS and its preflight answered), `/no-cors`
 * stores but sends no CORS header (its preflight gets none either).
 */
function startEndpoints() {
  const received = [];
  const server = createServer((request, response) => {
    const cors = request.url === '/leads' ? { 'Access-Control-Allow-Origin': request.headers.origin ?? '*', Vary: 'Origin' } : {};
    if (request.method === 'OPTIONS') {
      const allow = request.url === '/leads' ? { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key' } : {};
      return response.writeHead(204, { ...cors, ...allow }).end();
    }
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST') received.push({ path: request.url, body });
      response.writeHead(request.method === 'POST' ? 201 : 200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 'stored' }));
    });
  });
  return listen(server).then((site) => ({ ...site, received }));
}

async function listen(server) {
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) };
}

let site;
let endpoints;
let hubspot;
let browser;

before(async () => {
  site = await startSite();
  endpoints = await startEndpoints();
  // A HubSpot form that defines the email only: the widget's first name is "not in the form definition".
  hubspot = new HubSpotFake({ fields: ['email'] });
  await hubspot.start();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...new Set(['--no-sandbox', ...chromiumArgs])] });
});

after(async () => {
  await browser?.close();
  await hubspot?.stop();
  await endpoints?.close();
  await site?.close();
  rmSync(served, { recursive: true, force: true });
});

// ——— helpers ———

async function openBuilder(fragment = '', viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}/builder/${fragment}`);
  await page.getByRole('heading', { name: 'Lead form builder' }).waitFor();
  page.errors = errors;
  return page;
}

const embedCode = (page) => page.getByRole('region', { name: 'Embed code' });

/** The code of the selected tab's first block, once the space to reserve is measured for the settings in use. */
async function htmlCode(page) {
  await page.waitForFunction(() => document.querySelector('.reservation')?.textContent?.includes('Measured'), null, { timeout: 60_000 });
  return (await embedCode(page).getByRole('tabpanel').locator('pre').first().textContent()).trim();
}

/** The settings every round-trip test uses, entered through labelled controls only. */
async function configure(page) {
  await page.getByLabel('Endpoint', { exact: true }).fill(`${endpoints.origin}/leads`);
  await page.getByLabel('Offer kind').selectOption('newsletter');
  await page.getByLabel('Offer id', { exact: true }).fill('spring-report');
  await page.getByLabel('Offer title', { exact: true }).fill('The spring report');
  await page.getByLabel('Privacy policy link').fill('https://example.com/privacy');
  await page.getByRole('button', { name: 'Add an indicator' }).click();
  const first = page.getByRole('group', { name: 'Indicator 1' });
  await first.getByLabel('Label').fill('Leads go cold');
  await first.getByLabel('Code').fill('cold-leads');
  await page.getByRole('button', { name: 'Add an indicator' }).click();
  const second = page.getByRole('group', { name: 'Indicator 2' });
  await second.getByLabel('Label').fill('No follow-up');
  await second.getByLabel('Code').fill('no-follow-up');
  // Reorder: the second first.
  await page.getByRole('button', { name: 'Move indicator 2 up' }).click();
  await page.getByText(/^Texts \(/).click();
  await page.getByLabel('submitNewsletter', { exact: true }).fill('Send me the spring report');
  await page.getByLabel('Theme').selectOption('dark');
  // Colours that read on the dark theme: a light accent, dark text on it.
  await page.getByLabel('Accent colour', { exact: true }).fill('#c4b5fd');
  await page.getByLabel('Accent text colour', { exact: true }).fill('#111827');
  await page.getByLabel('Radius', { exact: true }).fill('0.25rem');
  await page.getByLabel('Script address').fill('/dist/lead-capture.iife.js');
}

/** What a widget is configured with, and what it shows, read in its page. */
const widgetFacts = () => {
  const widget = document.querySelector('lead-capture');
  const style = getComputedStyle(widget);
  return {
    endpoint: widget.endpoint,
    offer: widget.offer,
    offerId: widget.offerId,
    offerTitle: widget.offerTitle,
    privacyHref: widget.privacyHref,
    theme: widget.theme,
    indicators: widget.indicators,
    accent: style.getPropertyValue('--lead-capture-accent').trim(),
    radius: style.getPropertyValue('--lead-capture-radius').trim(),
    text: widget.shadowRoot.textContent.replace(/\s+/g, ' ').trim(),
  };
};

/** The preview's widget, in its frame, once the builder has shown `state` there. */
async function previewFrame(page, state = 'idle') {
  await page.waitForFunction((shown) => document.querySelector('#preview-frame')?.dataset.shownState === shown, state, { timeout: 30_000 });
  return page.frame({ url: /preview\.html/ }) ?? page.frames().find((frame) => frame.url().includes('preview.html'));
}

async function axeViolations(target, options = {}) {
  await target.addScriptTag({ path: axePath });
  return target.evaluate(
    async (runOptions) =>
      (await window.axe.run(document, { ...runOptions, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    options,
  );
}

// ——— the tests ———

/** The HTML code of `configure()`, from the first round trip: the CLS tests paste it too. */
let configuredSnippet;

describe('round trips', () => {
  let snippet;
  let shareLink;
  let previewed;

  test('configured through labelled controls, the HTML code loads the script with defer and holds only what was set', async () => {
    const page = await openBuilder();
    await configure(page);
    snippet = configuredSnippet = await htmlCode(page);
    assert.match(snippet, /<script src="\/dist\/lead-capture\.iife\.js" defer><\/script>/);
    assert.match(snippet, /offer="newsletter"/);
    assert.match(snippet, /<lead-indicator value="no-follow-up">No follow-up<\/lead-indicator>\s*<lead-indicator value="cold-leads">/);
    assert.match(snippet, /"submitNewsletter": "Send me the spring report"/);
    assert.match(snippet, /min-height: [\d.]+rem;[^]*@media \(min-width: 1280px\) \{ lead-capture \{ min-height: [\d.]+rem; \} \}/);
    // Defaults are not written.
    assert.doesNotMatch(snippet, /retries|timeout|max-call-attempts|track-repeats/);
    shareLink = await page.getByLabel('Share link').inputValue();
    assert.match(shareLink, /#config=[\w-]+$/);
    const frame = await previewFrame(page);
    previewed = await frame.evaluate(widgetFacts);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the HTML code pasted into a blank page gives the widget of the preview', async () => {
    assert.ok(snippet, 'needs the code of the first test');
    pages.set('/blank.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body>\n${snippet}\n</body></html>`);
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${site.origin}/blank.html`);
    await page.waitForFunction(() => document.querySelector('lead-capture')?.shadowRoot?.querySelector('form'));
    const pasted = await page.evaluate(widgetFacts);
    assert.equal(pasted.offerTitle, 'The spring report');
    assert.deepEqual(pasted.indicators, [
      { value: 'no-follow-up', label: 'No follow-up' },
      { value: 'cold-leads', label: 'Leads go cold' },
    ]);
    assert.equal(pasted.accent, '#c4b5fd');
    assert.match(pasted.text, /Send me the spring report/);
    assert.deepEqual(pasted, previewed);
    await page.close();
  });

  test('the share link reopens the same configuration', async () => {
    assert.ok(shareLink, 'needs the link of the first test');
    const page = await openBuilder(new URL(shareLink).hash);
    assert.equal(await page.getByLabel('Offer title', { exact: true }).inputValue(), 'The spring report');
    assert.equal(await page.getByRole('group', { name: 'Indicator 1' }).getByLabel('Code').inputValue(), 'no-follow-up');
    assert.equal(await htmlCode(page), snippet);
    await page.close();
  });

  test('Import of that code restores it', async () => {
    assert.ok(snippet, 'needs the code of the first test');
    const page = await openBuilder();
    await page.getByLabel('Code to import').fill(snippet);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/^Imported \d+ settings from the code\./).waitFor();
    assert.equal(await page.getByLabel('Theme').inputValue(), 'dark');
    assert.equal(await htmlCode(page), snippet);
    await page.close();
  });
});

describe('the preview', () => {
  test('shows the real widget in each state, never posting', async () => {
    const page = await openBuilder();
    await page.getByLabel('Endpoint', { exact: true }).fill(`${endpoints.origin}/leads`);
    const before = endpoints.received.length;
    const widgetStates = { idle: 'idle', invalid: 'idle', call: 'idle', sending: 'submitting', sent: 'sent', queued: 'queued', error: 'error' };
    for (const [state, widgetState] of Object.entries(widgetStates)) {
      await page.getByLabel('State', { exact: true }).selectOption(state);
      const frame = await previewFrame(page, state);
      assert.equal(await frame.evaluate(() => document.querySelector('lead-capture').state), widgetState, state);
      const shown = await frame.evaluate(() => {
        const root = document.querySelector('lead-capture').shadowRoot;
        return { errors: root.querySelectorAll('[part~="error"]').length, phone: Boolean(root.querySelector('#phone')) };
      });
      if (state === 'invalid') assert.ok(shown.errors > 0, 'the invalid state shows a message');
      if (state === 'call') assert.ok(shown.phone, 'call chosen asks for a phone number');
      assert.equal(await page.locator('#preview-frame + .note, .preview-viewport + .note').textContent().then((text) => text.trim()), '', state);
    }
    assert.equal(endpoints.received.length, before, 'the preview posts nothing');
    await page.close();
  });
});

describe('test send', () => {
  async function testSend(endpoint, destination) {
    const page = await openBuilder();
    await page.getByLabel('Endpoint', { exact: true }).fill(endpoint);
    if (destination) await page.getByLabel('Destination', { exact: true }).selectOption(destination);
    await page.getByRole('button', { name: 'Send a test lead' }).click();
    const report = page.locator('.test-report');
    await report.locator('.headline').waitFor({ timeout: 30_000 });
    return { page, text: (await report.textContent()).replace(/\s+/g, ' ') };
  }

  test('against a local endpoint: delivered, and the lead is marked as a test', async () => {
    const before = endpoints.received.length;
    const { page, text } = await testSend(`${endpoints.origin}/leads`);
    assert.match(text, /^ ?Delivered: The endpoint accepted the test lead \(201\)/);
    const sent = endpoints.received.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(JSON.parse(sent[0].body).test, true);
    await page.close();
  });

  test('against an endpoint without CORS: names the header and the destination that fix it', async () => {
    const { page, text } = await testSend(`${endpoints.origin}/no-cors`);
    assert.match(text, /Refused by CORS/);
    assert.match(text, /Access-Control-Allow-Origin/);
    assert.match(text, /Destination: form/);
    await page.close();
  });

  test('against a HubSpot form that lacks a field: names the field to add', async () => {
    const { page, text } = await testSend(hubspot.endpoint, 'hubspot');
    assert.match(text, /this HubSpot form has no field named "firstname"/);
    assert.match(text, /Add a field named "firstname" to this HubSpot form/);
    await page.close();
  });
});

describe('space to reserve', () => {
  for (const width of [375, 1280]) {
    test(`the configured widget leaves CLS 0 at ${width} px`, async () => {
      assert.ok(configuredSnippet, 'needs the code of the round trips');
      const snippet = configuredSnippet;
      const path = `/cls-${width}.html`;
      pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CLS</title></head><body>\n<h1>A landing page</h1>\n${snippet}\n<p id="below">Text below the form.</p></body></html>`);
      const page = await browser.newPage({ viewport: { width, height: 700 } });
      await page.addInitScript(() => {
        window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value))).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${site.origin}${path}`);
      await page.waitForFunction(() => document.querySelector('lead-capture')?.shadowRoot?.querySelector('form'));
      await page.waitForTimeout(500);
      /** The widget's own height (its reservation lifted for a moment) and the reservation. */
      const heights = () =>
        page.evaluate(() => {
          const widget = document.querySelector('lead-capture');
          const reserved = parseFloat(getComputedStyle(widget).minHeight);
          widget.style.minHeight = '0px';
          const height = widget.getBoundingClientRect().height;
          widget.style.minHeight = '';
          return { height, reserved };
        });
      assert.deepEqual(await page.evaluate(() => window.shifts), [], 'no layout shift');
      const idle = await heights();
      assert.ok(idle.height > 100 && idle.reserved >= idle.height, `reserved ${idle.reserved} px for a widget of ${idle.height} px`);
      // Taller states fit too: call chosen, then submitted empty (every message shown).
      await page.locator('lead-capture input[value="call"]').check();
      await page.locator('lead-capture button[type="submit"]').click();
      await page.locator('lead-capture [part~="error"]').first().waitFor();
      const invalid = await heights();
      assert.ok(invalid.height > idle.height && invalid.reserved >= invalid.height, `reserved ${invalid.reserved} px for a widget of ${invalid.height} px`);
      await page.close();
    });
  }
});

describe('accessibility', () => {
  test('0 axe violations: empty, with problems, configured, after a test send, and in each preview state', async () => {
    const page = await openBuilder();
    assert.deepEqual(await axeViolations(page, { iframes: false }), [], 'empty');
    await page.getByLabel('Endpoint', { exact: true }).fill('ftp://nowhere');
    await page.getByLabel('Retries').fill('99');
    await page.locator('.has-problem').first().waitFor();
    assert.deepEqual(await axeViolations(page, { iframes: false }), [], 'with problems');
    await configure(page);
    await htmlCode(page);
    await page.getByRole('button', { name: 'Send a test lead' }).click();
    await page.locator('.test-report .headline').waitFor({ timeout: 30_000 });
    assert.deepEqual(await axeViolations(page, { iframes: false }), [], 'configured, after a test send');
    for (const tab of ['WordPress', 'React', 'Angular']) {
      await embedCode(page).getByRole('tab', { name: tab }).click();
      assert.deepEqual(await axeViolations(page, { iframes: false }), [], tab);
    }
    for (const state of ['idle', 'invalid', 'call', 'sending', 'sent', 'queued', 'error']) {
      await page.getByLabel('State', { exact: true }).selectOption(state);
      const frame = await previewFrame(page, state);
      assert.deepEqual(await axeViolations(frame), [], `preview: ${state}`);
    }
    await page.close();
  });

  test('at 320 px: nothing scrolls sideways and axe finds nothing', async () => {
    const page = await openBuilder('', { width: 320, height: 640 });
    await configure(page);
    await htmlCode(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    assert.deepEqual(await axeViolations(page, { iframes: false }), []);
    await page.close();
  });

  test('keyboard only: enter the endpoint, switch code tabs with the arrows, send a test lead', async () => {
    const page = await openBuilder();
    const focused = () => page.evaluate(() => {
      const element = document.activeElement;
      return { id: element?.id ?? '', role: element?.getAttribute('role') ?? '', text: element?.textContent?.trim() ?? '' };
    });
    const tabTo = async (matches, limit = 400) => {
      for (let press = 0; press < limit; press++) {
        await page.keyboard.press('Tab');
        if (matches(await focused())) return;
      }
      assert.fail('not reached with Tab');
    };
    await tabTo((element) => element.id === 'field-endpoint');
    await page.keyboard.type(`${endpoints.origin}/leads`);
    await tabTo((element) => element.text === 'Send a test lead');
    await page.keyboard.press('Enter');
    await page.locator('.test-report .headline').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.test-report .headline').textContent(), /^Delivered/);
    await tabTo((element) => element.role === 'tab');
    await page.keyboard.press('ArrowRight');
    assert.equal(await embedCode(page).getByRole('tab', { selected: true }).textContent().then((text) => text.trim()), 'WordPress');
    assert.equal((await focused()).role, 'tab');
    await page.close();
  });
});
