// The fault server, plus what the configuration attacks need: pages generated per test
// (any HTML, served on the server's own origin), the headers of every lead request (the
// Referer in particular), a "sentinel" beacon target through which a closing page says how
// many lead requests it issued, and an endpoint that can be told to fail forever.
import { FaultServer } from './fault-server.mjs';

export class AttackServer extends FaultServer {
  /** Path → HTML of the pages added with addPage(). */
  pages = new Map();
  /** Headers of every POST to /leads, in arrival order. */
  leadHeaders = [];
  /** Bodies of every request to /sentinel, in arrival order. */
  sentinels = [];
  #pageCount = 0;
  #always;

  /** Serves `html` at a fresh path on this origin; returns its absolute URL. */
  addPage(html) {
    this.#pageCount += 1;
    const path = `/attack-${this.#pageCount}.html`;
    this.pages.set(path, html);
    return `${this.origin}${path}`;
  }

  /** Every later request to /leads gets this answer (a scripted step) instead of 201. */
  respondAlways(step) {
    this.#always = step;
  }

  /** Resolves when /leads has received `count` requests in all. */
  waitForRequests(count) {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.requests.length >= count) {
          this.off('request', check);
          resolve();
        }
      };
      this.on('request', check);
    });
  }

  /** Resolves with the body of the next request to /sentinel. */
  nextSentinel() {
    return new Promise((resolve) => this.once('sentinel', resolve));
  }

  async handle(request, response) {
    const { pathname } = new URL(request.url, 'http://attack.invalid');
    const html = this.pages.get(pathname);
    if (html !== undefined) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(html);
      return;
    }
    if (pathname === '/sentinel') {
      const chunks = [];
      for await (const chunk of request) chunks.push(chunk);
      const body = Buffer.concat(chunks).toString('utf8');
      this.sentinels.push(body);
      response.writeHead(204).end();
      this.emit('sentinel', body);
      return;
    }
    if (pathname === '/leads' && request.method === 'POST') {
      this.leadHeaders.push({ ...request.headers });
      if (this.#always && this.script.length === 0) this.script.push(this.#always);
    }
    return super.handle(request, response);
  }
}

/** One page with the built script and the given body; `htmlLang` goes on <html>. */
export function widgetDocument(body, { htmlLang = 'en' } = {}) {
  return `<!doctype html><html lang="${htmlLang}"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Attack</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>${body}</body></html>`;
}

/** `<lead-capture>` with the given attributes (values escaped for a double-quoted attribute). */
export function leadCaptureTag(attributes, inner = '') {
  const escape = (value) => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const written = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join('');
  return `<lead-capture id="widget"${written}>${inner}</lead-capture>`;
}

/**
 * Console errors the page's scripts wrote (console.error calls carry arguments; the
 * browser's own network log lines, "Failed to load resource: …", carry none), and
 * uncaught errors.
 */
export function watchErrors(page) {
  const watched = { console: [], browserLog: [], page: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (message.args().length > 0) watched.console.push(message.text());
    else watched.browserLog.push(message.text());
  });
  page.on('pageerror', (error) => watched.page.push(error.message));
  return watched;
}

/** Waits until the widget is defined and has finished rendering. */
export async function widgetReady(page, selector = '#widget') {
  await page.waitForFunction(() => customElements.get('lead-capture') !== undefined);
  await page.evaluate(async (widgetSelector) => {
    const widget = document.querySelector(widgetSelector);
    // Twice: an update may request another (children judged after parsing).
    await widget.updateComplete;
    await widget.updateComplete;
  }, selector);
}

/**
 * Init script: counts the lead requests the page issues (fetch and sendBeacon to a URL
 * with /leads), in `window.leadSendsIssued`.
 */
export const countLeadSends = () => {
  window.leadSendsIssued = 0;
  const isLead = (target) => String(target instanceof Request ? target.url : target).includes('/leads');
  const originalFetch = window.fetch;
  window.fetch = function countedFetch(input, init) {
    if (isLead(input)) window.leadSendsIssued += 1;
    return originalFetch.call(window, input, init);
  };
  const originalBeacon = Navigator.prototype.sendBeacon;
  Navigator.prototype.sendBeacon = function countedBeacon(url, data) {
    if (isLead(url)) window.leadSendsIssued += 1;
    return originalBeacon.call(this, url, data);
  };
};

/**
 * Page script, run after the widget is attached: when the page is hidden for good, after
 * the widget's own pagehide listeners (registered earlier) have run, it beacons to
 * /sentinel how many lead requests the page issued in all.
 */
export const reportLeadSendsOnPagehide = () => {
  window.addEventListener('pagehide', () => navigator.sendBeacon('/sentinel', String(window.leadSendsIssued)));
};
