// A lead endpoint whose faults the tests script, and which reports what it actually
// received: every request (with its lead id, Idempotency-Key, content type, cookie, referer
// and raw body) and the leads it stored, deduplicated on the key (or the lead id for
// requests without one), as the reference receiver does. It also serves pages with the
// built widget (GET /widget.html?endpoint=…&retries=…&timeout=…&count=…&min-fill-ms=…, plus
// any attribute as attr-<name>=…) and a page framing another (GET /frame.html?src=…&sandbox=…),
// and answers CORS, so a page on another origin can post to it. It can be stopped and
// started again on the same port.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { serveStatic } from './site.mjs';

const cors = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
};

const escapeAttribute = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function widgetPage(parameters) {
  const attribute = (name) => (parameters.has(name) ? ` ${name}="${escapeAttribute(parameters.get(name))}"` : '');
  const count = Number(parameters.get('count') ?? 1);
  // The tests' pages submit at machine speed: no minimum fill time unless a test asks for
  // one; `min-fill-ms=default` leaves the attribute out (the widget's own default).
  const minFill = parameters.get('min-fill-ms') ?? '0';
  const minFillAttribute = minFill === 'default' ? '' : ` min-fill-ms="${escapeAttribute(minFill)}"`;
  const extra = [...parameters]
    .filter(([name]) => name.startsWith('attr-'))
    .map(([name, value]) => ` ${name.slice('attr-'.length)}="${escapeAttribute(value)}"`)
    .join('');
  const widgets = Array.from(
    { length: count },
    (_, index) => `<lead-capture id="widget-${index}" offer-id="offer-${index}" asset-href="/files/reporting-benchmark.pdf" offer-title="The Benchmark"${attribute('endpoint')}${attribute('retries')}${attribute('timeout')}${minFillAttribute}${extra}></lead-capture>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Widget</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>${widgets}</body></html>`;
}

/** A top page framing `src`, with the `sandbox` attribute when given. */
function framePage(parameters) {
  const sandbox = parameters.has('sandbox') ? ` sandbox="${escapeAttribute(parameters.get('sandbox'))}"` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Frame</title></head>
<body><iframe id="frame" title="Lead form"${sandbox} src="${escapeAttribute(parameters.get('src') ?? '')}" style="width: 40rem; height: 50rem"></iframe></body></html>`;
}

export class FaultServer extends EventEmitter {
  /** Every POST to /leads, in arrival order. */
  requests = [];
  /** Every CORS preflight (OPTIONS) to /leads, in arrival order. */
  preflights = [];
  /** Every HEAD to /leads (the widget's question after a failed request), in arrival order. */
  heads = [];
  /** How a HEAD to /leads is answered: `cors` (204, readable), `plain` (204, no CORS headers), `redirect-loop` (302 to itself, with CORS headers) or `hang`. */
  headAnswer = 'cors';
  /** Lead id → the lead, stored once. */
  stored = new Map();
  script = [];
  sockets = new Set();

  /**
   * `credentialedCors`: answer CORS for the caller's origin with credentials allowed, as a
   * careless endpoint would (a request sent with cookies is then accepted cross-origin).
   */
  constructor({ credentialedCors = false } = {}) {
    super();
    this.credentialedCors = credentialedCors;
    this.server = createServer((request, response) =>
      this.handle(request, response).catch((error) => {
        // The client dropped the connection before its body arrived (a page closed mid-request):
        // nothing was received, so nothing is recorded. Any other error is the harness's own.
        if (error.code !== 'ECONNRESET' || !request.destroyed) throw error;
      }),
    );
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

  /**
   * Next responses, in order: { status, headers, body, delayMs, hang, drop, storeFirst }. Then 201.
   * `hang`: no answer ever; `drop`: the connection is reset with no answer at all (a crash,
   * a proxy resetting the upload). With `storeFirst` the lead was stored before that.
   */
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

  /** Resolves with the next request to /leads once it has been answered (its `status` set). */
  nextAnswered() {
    return new Promise((resolve) => this.once('answered', resolve));
  }

  /** Every request and preflight that reached this server's /leads. */
  get hits() {
    return [...this.preflights, ...this.requests];
  }

  corsFor(request) {
    if (!this.credentialedCors) return cors;
    return { ...cors, 'Access-Control-Allow-Origin': request.headers.origin ?? '*', 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' };
  }

  async handle(request, response) {
    const { pathname, searchParams } = new URL(request.url, 'http://fault.invalid');
    if (pathname === '/widget.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(widgetPage(searchParams));
      return;
    }
    if (pathname === '/frame.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(framePage(searchParams));
      return;
    }
    if (pathname !== '/leads') return serveStatic(request, response);
    if (request.method === 'HEAD') return this.answerHead(request, response);
    if (request.method === 'OPTIONS') {
      this.preflights.push({ method: 'OPTIONS', origin: request.headers.origin, requestHeaders: request.headers['access-control-request-headers'], at: Date.now() });
      this.emit('preflight');
      // A fresh connection for the POST: Chromium silently re-sends a request that fails on a
      // reused idle connection, which would hide a connection dropped with no answer.
      response.writeHead(204, { ...this.corsFor(request), Connection: 'close' }).end();
      return;
    }
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    let lead;
    try {
      // Form destinations carry the whole lead as the `lead` field.
      const formEncoded = /^application\/x-www-form-urlencoded/.test(request.headers['content-type'] ?? '');
      lead = JSON.parse(formEncoded ? new URLSearchParams(body).get('lead') : body);
    } catch {
      lead = {};
    }
    const { headers } = request;
    const key = headers['idempotency-key'] ?? lead.id;
    const record = {
      id: lead.id,
      key,
      /** The header itself: undefined when the request had none (a beacon). */
      idempotencyKey: headers['idempotency-key'],
      contentType: headers['content-type'],
      cookie: headers.cookie,
      referer: headers.referer,
      origin: headers.origin,
      body,
      beacon: !headers['idempotency-key'],
      at: Date.now(),
    };
    this.requests.push(record);
    this.emit('request', record);
    const step = this.script.shift() ?? { status: 201 };
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (step.hang || step.drop) {
      // The server did its work but the answer never comes back: only the dedupe prevents a duplicate.
      if (step.storeFirst) this.store(key, lead);
      if (step.drop) request.socket.destroy();
      return;
    }
    if (step.status < 300) this.store(key, lead);
    record.status = step.status;
    response.writeHead(step.status, { ...this.corsFor(request), 'Content-Type': 'application/json', ...step.headers });
    response.end(JSON.stringify(step.body ?? { id: lead.id }), () => this.emit('answered', record));
  }

  answerHead(request, response) {
    this.heads.push({ at: Date.now(), origin: request.headers.origin, cookie: request.headers.cookie, referer: request.headers.referer });
    this.emit('head');
    if (this.headAnswer === 'hang') return;
    // Closed after the answer, like the preflight's: the next POST gets a fresh connection.
    const close = { Connection: 'close' };
    if (this.headAnswer === 'redirect-loop') return response.writeHead(302, { ...this.corsFor(request), ...close, Location: '/leads' }).end();
    response.writeHead(204, this.headAnswer === 'plain' ? close : { ...this.corsFor(request), ...close }).end();
  }

  store(key, lead) {
    if (this.stored.has(key)) return;
    this.stored.set(key, lead);
    this.emit('stored', lead);
  }
}

/** Records every lead-* event in the page (the widgets' bubble up to window; leads from earlier visits are reported on window), for the test to read. */
export const recordLeadEvents = () => {
  window.leadEvents = [];
  for (const type of ['lead-submit', 'lead-sent', 'lead-queued', 'lead-spam', 'lead-error']) {
    window.addEventListener(type, (event) => window.leadEvents.push({ type, detail: event.detail }));
  }
};

/** Lead entries waiting in the page's localStorage. */
export function storedLeadKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:v1:lead:')));
}
