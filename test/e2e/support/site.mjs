// A plain Node HTTP server for the end-to-end tests: static pages that load the *built*
// bundle with a script tag, exactly as a marketer would, and the receiver (the built
// lead-capture-receiver, its database in memory) taking the pages' leads at /api/leads.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createReceiver } from 'lead-capture-receiver';
import { toNodeHandler } from 'srvx/node';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '../../..');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.pdf': 'application/pdf', '.css': 'text/css' };

/** URL prefix → folder served there. */
const mounts = [
  ['/dist/', join(root, 'dist')],
  // The app bundled from the built package by test/e2e/bundler.test.mjs.
  ['/bundled/', join(root, 'node_modules/.cache/bundler-consumer/dist')],
  ['/files/', join(root, 'demo/files')],
  ['/', join(root, 'test/e2e/pages')],
];

export async function serveStatic(request, response) {
  const { pathname } = new URL(request.url, 'http://site.invalid');
  const [prefix, folder] = mounts.find(([mountPrefix]) => pathname.startsWith(mountPrefix));
  const file = normalize(join(folder, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'));
  if (!file.startsWith(folder)) return notFound(response);
  try {
    if (!(await stat(file)).isFile()) return notFound(response);
  } catch {
    return notFound(response);
  }
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(response);
}

function notFound(response) {
  response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
}

/**
 * Starts the site on a free loopback port; `close()` stops it. `pages` maps a path to a
 * function of the query that returns HTML (or to `{ html, headers }`), for pages generated
 * per request: the benchmark's, and pages served with a Content Security Policy. HTML given
 * as an async iterable is streamed, a chunk as each comes: a page the network delivers in parts.
 * `onPost({ status, origin })` hears of every lead POST the receiver answers, duplicates included.
 */
export async function startSite({ pages = {}, onPost } = {}) {
  // The pages post to /api/leads on their own origin: that path is the receiver's POST /leads.
  // No rate limit to speak of (every test posts from 127.0.0.1), no logs in the test output.
  const password = randomUUID();
  const receiver = createReceiver({ database: 'memory', inboxPassword: password, rateLimit: 1_000_000, inboxDir: false, log: () => {} });
  await receiver.ready;
  // What the old reference receiver also told: per lead, its idempotency key and how many
  // deliveries were answered 200/201 (more than 1: a duplicate the receiver kept out).
  const deliveries = new Map();
  const receive = toNodeHandler(async (request) => {
    const key = request.headers.get('idempotency-key');
    const response = await receiver(request, { clientAddress: request.ip });
    if (request.method === 'POST') onPost?.({ status: response.status, origin: request.headers.get('origin') ?? undefined });
    if (request.method === 'POST' && (response.status === 200 || response.status === 201)) {
      const { id } = await response.clone().json();
      const seen = deliveries.get(id) ?? { deliveries: 0, idempotencyKey: key ?? id };
      deliveries.set(id, { ...seen, deliveries: seen.deliveries + 1 });
    }
    return response;
  });
  const server = createServer((request, response) => {
    const { pathname, searchParams, search } = new URL(request.url, 'http://site.invalid');
    const page = pages[pathname];
    if (page) {
      const { html, headers = {} } = typeof page === 'function' ? { html: page } : page;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      const body = html(searchParams);
      if (typeof body === 'string') response.end(body);
      else void (async () => {
        for await (const chunk of body) response.write(chunk);
        response.end();
      })();
      return;
    }
    if (pathname === '/api/leads') {
      request.url = `/leads${search}`;
      return void receive(request, response);
    }
    serveStatic(request, response);
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const origin = `http://127.0.0.1:${server.address().port}`;
  /** The receiver's own API, called in process with a session. */
  const api = async (path, init = {}) => receiver(new Request(`${origin}${path}`, init));
  return {
    origin,
    /** Stored leads, newest first: `{ id, receivedAt, lead, followUps, idempotencyKey, deliveries }`. */
    async leads() {
      const login = await api('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) });
      const cookie = login.headers.get('set-cookie').split(';')[0];
      const leads = [];
      let cursor = null;
      do {
        const page = await (await api(`/api/leads?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Cookie: cookie } })).json();
        leads.push(...page.leads.map((record) => ({ ...record, ...deliveries.get(record.id) })));
        cursor = page.cursor;
      } while (cursor);
      return leads;
    },
    close: async () => {
      await new Promise((resolveClose) => server.close(resolveClose));
      await receiver.close();
    },
  };
}

/** The system Chromium, headless, driven by playwright-core (which never downloads a browser). */
export function launchBrowser() {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
}

/**
 * Types `text` into `field` (a locator) as a scripted bot does: one input event per character,
 * all in one task. Playwright's own typing waits a browser round trip per key (about 9 ms
 * here, more on a loaded machine), too close to the time trap's 20 ms a key to test it.
 */
export function typeLikeABot(field, text) {
  return field.evaluate((input, characters) => {
    input.focus();
    for (const character of characters) {
      input.value += character;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: character }));
    }
  }, text);
}

/** Collects a page's console errors and uncaught exceptions (CSP violations are console errors). */
export function watchProblems(page) {
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * `promise`'s value, or a failure naming `what` once `ms` have passed: a deadline for what
 * must happen, never a pause (a server that never hears of the lead fails the test, not the run).
 */
export function within(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
