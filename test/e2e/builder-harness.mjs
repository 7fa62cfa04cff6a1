// What test/e2e/builder.test.mjs runs the builder with: the built builder and script (dist/),
// a static host for them and for pages a test makes, local endpoints (one that accepts, one
// without CORS, one that redirects, a HubSpot-like fake that knows only the email field), a
// Chromium, and the moves a person makes in the builder.
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { HubSpotFake } from './support/vendors/hubspot.mjs';

const root = resolve(import.meta.dirname, '../..');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };

/** A static host for the built builder (at /builder/) and script (at /dist/), plus the test's pages. */
function startSite(served, pages) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://site.invalid');
    if (pages.has(pathname)) return response.writeHead(200, { 'Content-Type': types['.html'] }).end(pages.get(pathname));
    const [prefix, folder] = pathname.startsWith('/builder/') ? ['/builder/', join(served, 'builder')] : pathname.startsWith('/dist/') ? ['/dist/', served] : [];
    const file = folder && normalize(join(folder, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'));
    if (!file || !file.startsWith(folder) || !(await stat(file).then((entry) => entry.isFile(), () => false))) return response.writeHead(404).end('not found');
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return listen(server);
}

/**
 * Endpoints on another origin: `/leads` accepts (CORS and its preflight answered), `/no-cors`
 * stores but sends no CORS header (its preflight gets none either), `/moved` redirects to `/leads`.
 */
function startEndpoints() {
  const received = [];
  const server = createServer((request, response) => {
    if (request.url === '/moved') return response.writeHead(307, { Location: '/leads', 'Access-Control-Allow-Origin': request.headers.origin ?? '*' }).end();
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

/**
 * Serves the builder and the script as `npm run build` left them in dist/ (npm test builds once,
 * before the end-to-end tests), starts the endpoints and the browser. `close()` stops them.
 */
export async function startBuilderHarness() {
  const served = join(root, 'dist');
  if (!existsSync(join(served, 'builder/index.html'))) throw new Error('dist/builder is missing: run npm run build first (npm test does).');
  /** Pages made by a test (a blank page with a pasted snippet), by path. */
  const pages = new Map();
  const site = await startSite(served, pages);
  const endpoints = await startEndpoints();
  // A HubSpot form that defines the email only: the widget's first name is "not in the form definition".
  const hubspot = new HubSpotFake({ fields: ['email'] });
  await hubspot.start();
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  return {
    origin: site.origin,
    pages,
    endpoints,
    hubspot,
    browser,
    /** A new page on the builder (`fragment`: a share link's `#config=…`), its errors kept in `page.errors`. */
    async openBuilder(fragment = '', viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${site.origin}/builder/${fragment}`);
      await page.getByRole('heading', { name: 'Lead form builder' }).waitFor();
      page.errors = errors;
      return page;
    },
    async close() {
      await browser.close();
      await hubspot.stop();
      await endpoints.close();
      await site.close();
    },
  };
}

// ——— a person's moves ———

export const embedCode = (page) => page.getByRole('region', { name: 'Embed code' });

/** The code of the selected tab's first block, once the space to reserve is measured for the settings in use. */
export async function htmlCode(page) {
  await page.waitForFunction(() => document.querySelector('.reservation')?.textContent?.includes('Measured'), null, { timeout: 60_000 });
  return (await embedCode(page).getByRole('tabpanel').locator('pre').first().textContent()).trim();
}

/** The settings every round-trip test uses, entered through labelled controls only. */
export async function configure(page, endpointOrigin) {
  await page.getByLabel('Endpoint', { exact: true }).fill(`${endpointOrigin}/leads`);
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
export const widgetFacts = () => {
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
export async function previewFrame(page, state = 'idle') {
  await page.waitForFunction((shown) => document.querySelector('#preview-frame')?.dataset.shownState === shown, state, { timeout: 30_000 });
  return page.frame({ url: /preview\.html/ }) ?? page.frames().find((frame) => frame.url().includes('preview.html'));
}

export async function axeViolations(target, options = {}) {
  await target.addScriptTag({ path: axePath });
  return target.evaluate(
    async (runOptions) =>
      (await window.axe.run(document, { ...runOptions, resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    options,
  );
}

// ——— the tests ———
