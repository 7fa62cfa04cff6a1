// What the destination tests share: one Chromium whose resolver maps the vendors' real host
// names to 127.0.0.1 (so the widget chooses its destination from the address, as on a live
// site), a throw-away TLS certificate for the hosts Chromium only reaches over HTTPS (HSTS
// preloaded: script.google.com, webto.salesforce.com, hooks.zapier.com), a tiny site that
// serves pages with the *built* script tag, and the moves a prospect makes. Everything
// started by a test is stopped after it, even when an assertion failed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';
import { recordLeadEvents } from './fault-server.mjs';
import { serveStatic } from './site.mjs';

/** Vendor host names the tests use; each resolves to loopback only. */
export const vendorHosts = {
  hubspot: 'api.hsforms.com',
  formspree: 'formspree.io',
  appsScript: 'script.google.com',
  appsScriptEcho: 'script.googleusercontent.com',
  salesforce: 'webto.salesforce.com',
  zapier: 'hooks.zapier.com',
  make: 'hook.eu1.make.com',
  pipedream: 'eo3xk2v9q7abcde.m.pipedream.net',
  mautic: 'mautic.example.com',
};

const resolverRules = Object.values(vendorHosts).map((host) => `MAP ${host} 127.0.0.1`).join(', ');

/**
 * A self-signed certificate for the vendor hosts (tests only; Chromium is told to ignore the
 * errors), committed so the tests need no openssl. Made with:
 * openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650
 *   -subj "/CN=lead-capture vendor fakes (tests only)" -addext "subjectAltName=DNS:<each vendor host>"
 */
function makeCertificate() {
  const folder = new URL('./vendors/tls/', import.meta.url);
  return { key: readFileSync(new URL('key.pem', folder)), cert: readFileSync(new URL('cert.pem', folder)) };
}

/** Registers the hooks of one test file; returns the factories whose products it cleans up. */
export function useDestinationHarness() {
  let browser;
  let shared;
  let site;
  let tls;
  const openedByTest = [];
  before(async () => {
    tls = makeCertificate();
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...chromiumArgs, `--host-resolver-rules=${resolverRules}`] });
    // One context per file (a context costs about 0.7 s): pages are closed and the site's
    // storage emptied after each test, so no test sees another's outbox or history.
    shared = await browser.newContext({ ignoreHTTPSErrors: true });
    site = await new PageSite().start();
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });
  afterEach(async () => {
    while (openedByTest.length > 0) await openedByTest.pop()().catch(() => {});
    await Promise.all(shared.pages().map((page) => page.close()));
    await shared.clearCookies();
    await site.clearStorage(shared);
  });
  return {
    /** Key and certificate for the fakes served over HTTPS (Chromium ignores the errors). */
    get tls() {
      return tls;
    },
    /** The site serving test pages (origin http://127.0.0.1:<port>). */
    get site() {
      return site;
    },
    /** Starts a fake (anything with start/stop), stopped after the test at the latest. */
    async startFake(fake, ...startArguments) {
      openedByTest.push(() => fake.stop());
      await fake.start(...startArguments);
      return fake;
    },
    /**
     * A page with empty storage that records lead events, console errors and every request
     * it makes.
     */
    async freshPage() {
      const page = await shared.newPage();
      await page.addInitScript(recordLeadEvents);
      page.consoleErrors = [];
      page.requestLog = [];
      page.on('console', (message) => {
        if (message.type() === 'error') page.consoleErrors.push(message.text());
      });
      page.on('request', (request) => page.requestLog.push({ method: request.method(), url: request.url() }));
      return page;
    },
  };
}

/** A site of generated pages: `add(html)` returns the URL of a new page. */
export class PageSite {
  pages = new Map([['/empty.html', '<!doctype html><title>Empty</title>']]);

  async start() {
    this.server = createServer((request, response) => {
      const { pathname } = new URL(request.url, 'http://site.invalid');
      const html = this.pages.get(pathname);
      if (html === undefined) return serveStatic(request, response);
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(html);
    });
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  stop() {
    this.server.closeAllConnections?.();
    return new Promise((resolve) => this.server.close(resolve));
  }

  /** Empties the site origin's localStorage (all the widget keeps) in the given context. */
  async clearStorage(context) {
    const page = await context.newPage();
    await page.goto(`${this.origin}/empty.html`);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  }

  add(html) {
    const path = `/page-${this.pages.size + 1}.html`;
    this.pages.set(path, html);
    return `${this.origin}${path}`;
  }
}

const escapeAttribute = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A `<lead-capture id="widget-0">` with the given attributes and, when `config` is given, a
 * JSON config child. Submits at machine speed (min-fill-ms="0") unless told otherwise.
 */
export function widgetMarkup({ attributes = {}, config } = {}) {
  const all = { 'offer-id': 'benchmark-2026', 'offer-title': 'The Benchmark', 'asset-href': '/files/reporting-benchmark.pdf', 'min-fill-ms': '0', ...attributes };
  const attributeText = Object.entries(all)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  // `<` escaped so that no value can close the script element.
  const child = config === undefined ? '' : `<script type="application/json" slot="config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;
  return `<lead-capture id="widget-0"${attributeText}>${child}</lead-capture>`;
}

/** A whole page with the built script tag and one widget. */
export function widgetPage(options) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Destinations</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>${widgetMarkup(options)}</body></html>`;
}

/** The label of each contact preference, as the prospect sees it (and as the consent text records it). */
export const preferenceLabels = { none: "Just the content, please don't contact me", email: 'Email me', call: 'Call me' };

/** Fills the form as a prospect would and submits it. */
export async function submitLead(page, { preference = 'email', name, email = 'ada@example.org', phone } = {}) {
  const form = page.locator('#widget-0');
  await form.getByLabel(preferenceLabels[preference]).check();
  if (name !== undefined) await form.getByRole('textbox', { name: 'Name (optional)' }).fill(name);
  if (preference !== 'none') await form.getByRole('textbox', { name: 'Email (required)' }).fill(email);
  if (phone !== undefined) await form.getByRole('textbox', { name: 'Phone (required)' }).fill(phone);
  await form.getByRole('button', { name: 'Get the download' }).click();
}

export function leadEvents(page) {
  return page.evaluate(() => window.leadEvents);
}

/** The lead the widget submitted (from its `lead-submit` event). */
export async function submittedLead(page) {
  const submitted = (await leadEvents(page)).find((event) => event.type === 'lead-submit');
  if (!submitted) throw new Error('no lead-submit event');
  return submitted.detail.lead;
}

/** Waits for the widget to reach a state: sent, queued or error. */
export function widgetState(page, state, timeout = 30_000) {
  return page.locator(`#widget-0[state="${state}"]`).waitFor({ timeout });
}

/** The text of the widget's live region (role=status). */
export function statusText(page) {
  return page.locator('#widget-0').getByRole('status').textContent();
}

/** The `[part~="error"]` shown inside the field that holds the given input. */
export function fieldError(page, field) {
  return page.locator('#widget-0 [part~="field"]', { has: page.locator(`#${field}`) }).locator('[part~="error"]');
}

/** Console errors the widget itself wrote (they start with the element's name). */
export function widgetConsoleErrors(page) {
  return page.consoleErrors.filter((text) => text.startsWith('<lead-capture'));
}

/** Lead entries waiting in the page's localStorage. */
export function storedLeadKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:v1:lead:')));
}


/** POSTs the page made to URLs starting with `prefix`. */
export function postsTo(page, prefix) {
  return page.requestLog.filter((request) => request.method === 'POST' && request.url.startsWith(prefix));
}
