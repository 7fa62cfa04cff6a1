// A lead endpoint whose faults the tests script, and which reports what it actually
// received: every request (with its lead id, Idempotency-Key and content type) and the
// leads it stored, deduplicated on the key (or the lead id for beacons, which cannot carry
// headers), as the reference receiver does. It also serves pages with the built widget
// (GET /widget.html?endpoint=…&retries=…&timeout=…&count=…) and answers CORS, so a page
// on another origin can post to it. It can be stopped and started again on the same port.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { serveStatic } from './site.mjs';

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
};

function widgetPage(parameters) {
  const attribute = (name) => (parameters.has(name) ? ` ${name}="${parameters.get(name).replace(/"/g, '&quot;')}"` : '');
  const count = Number(parameters.get('count') ?? 1);
  const widgets = Array.from(
    { length: count },
    (_, index) => `<lead-capture id="widget-${index}" offer-id="offer-${index}" asset-href="/files/reporting-benchmark.pdf" offer-title="The Benchmark"${attribute('endpoint')}${attribute('retries')}${attribute('timeout')} min-fill-ms="${parameters.get('min-fill-ms') ?? '0'}"></lead-capture>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Widget</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>${widgets}</body></html>`;
}

export class FaultServer extends EventEmitter {
  /** Every request to /leads, in arrival order. */
  requests = [];
  /** Lead id → the lead, stored once. */
  stored = new Map();
  script = [];
  sockets = new Set();

  constructor() {
    super();
    this.server = createServer((request, response) => this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(port = 0) {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    this.origin = `http://127.0.0.1:${this.port}`;
    return this;
  }

  /** Closes the port and every open connection: the endpoint is unreachable until start(). */
  async stop() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  get endpoint() {
    return `${this.origin}/leads`;
  }

  /** Next responses, in order: { status, headers, body, delayMs, hang, storeFirst }. Then 201. */
  respondWith(...steps) {
    this.script.push(...steps);
  }

  requestsFor(id) {
    return this.requests.filter((request) => request.id === id);
  }

  /** Resolves when `count` leads are stored (an event, not a poll). */
  waitForStored(count) {
    if (this.stored.size >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.stored.size >= count) {
          this.off('stored', check);
          resolve();
        }
      };
      this.on('stored', check);
    });
  }

  /** Resolves on the next request to /leads. */
  nextRequest() {
    return new Promise((resolve) => this.once('request', resolve));
  }

  async handle(request, response) {
    const { pathname, searchParams } = new URL(request.url, 'http://fault.invalid');
    if (pathname === '/widget.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(widgetPage(searchParams));
      return;
    }
    if (pathname !== '/leads') return serveStatic(request, response);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
      return;
    }
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    let lead;
    try {
      lead = JSON.parse(body);
    } catch {
      lead = {};
    }
    const key = request.headers['idempotency-key'] ?? lead.id;
    const record = { id: lead.id, key, contentType: request.headers['content-type'], beacon: !request.headers['idempotency-key'], at: Date.now() };
    this.requests.push(record);
    this.emit('request', record);
    const step = this.script.shift() ?? { status: 201 };
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (step.hang) {
      // The server did its work but the answer never comes back: only the dedupe prevents a duplicate.
      if (step.storeFirst) this.store(key, lead);
      return;
    }
    if (step.status < 300) this.store(key, lead);
    response.writeHead(step.status, { ...cors, 'Content-Type': 'application/json', ...step.headers });
    response.end(JSON.stringify(step.body ?? { id: lead.id }));
  }

  store(key, lead) {
    if (this.stored.has(key)) return;
    this.stored.set(key, lead);
    this.emit('stored', lead);
  }
}

/** Records every lead-* event in the page, for the test to read. */
export const recordLeadEvents = () => {
  window.leadEvents = [];
  for (const type of ['lead-submit', 'lead-sent', 'lead-queued', 'lead-error']) {
    document.addEventListener(type, (event) => window.leadEvents.push({ type, detail: event.detail }));
  }
};

/** Lead entries waiting in the page's localStorage. */
export function storedLeadKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:v1:lead:')));
}
