// The shared part of the vendor fakes: an HTTP server on 127.0.0.1 (or a given host, plain or
// TLS) that records every request it receives (method, path, query, headers, raw body, the
// fields parsed from it) and what it answered, keeps the submissions the vendor "accepted",
// lets a test script the next answers, and can be stopped and started again on the same port.
// Each vendor module decides, per request, what the real service would answer; nothing here
// adds CORS headers on its own: a fake sends exactly the headers its vendor sends.
import { EventEmitter } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

export const FORM = 'application/x-www-form-urlencoded';
const MAX_BODY = 8 * 1024 * 1024;

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
export function mediaType(contentType) {
  return String(contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** URL-encoded pairs → { first: {name: first value}, all: {name: [values]} }, in order. */
export function parsePairs(text) {
  const first = {};
  const all = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (!(name in first)) first[name] = value;
    (all[name] ??= []).push(value);
  }
  return { first, all };
}

/** A multipart/form-data body, parsed the way a server would (files become {filename, type, size}). */
async function parseMultipart(raw, contentType) {
  const data = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const first = {};
  const all = {};
  for (const [name, value] of data) {
    const entry = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size };
    if (!(name in first)) first[name] = entry;
    (all[name] ??= []).push(entry);
  }
  return { first, all };
}

/** PHP's idea of a true-ish request value: absent, '' and '0' are false. */
export function phpTruthy(value) {
  return value !== undefined && value !== null && value !== '' && value !== '0' && value !== false;
}

/** A shell-style wildcard (as PHP fnmatch, case-insensitive) → a RegExp. */
export function wildcard(pattern) {
  const source = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

/** The headers a preflight asks about: { origin, method, headers: [lower-case names] }. */
export function preflightOf(record) {
  const requested = record.headers['access-control-request-headers'] ?? '';
  return {
    origin: record.headers.origin,
    method: record.headers['access-control-request-method'],
    headers: requested.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean),
  };
}

export const isPreflight = (record) => record.method === 'OPTIONS' && record.headers['access-control-request-method'] !== undefined;

export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class VendorFake extends EventEmitter {
  /** Every request received, in arrival order (OPTIONS included). */
  requests = [];
  /** What the vendor stored: the submissions that would reach the CRM / sheet / zap. */
  accepted = [];
  /** Scripted answers for the next submissions (see respondWith). */
  script = [];
  sockets = new Set();

  /**
   * @param {{ name?: string, host?: string, tls?: { key: string|Buffer, cert: string|Buffer } }} options
   */
  constructor({ name = 'vendor', host = '127.0.0.1', tls } = {}) {
    super();
    this.name = name;
    this.host = host;
    this.scheme = tls ? 'https' : 'http';
    const handler = (request, response) =>
      this.receive(request, response).catch((error) => {
        this.emit('error-in-handler', error);
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
        response.end(`fake ${this.name} failed: ${error.message}`);
      });
    this.server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(port = 0) {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = this.server.address().port;
    this.origin = `${this.scheme}://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
    return this;
  }

  /** Closes the port and every open connection: the vendor is unreachable until start(). */
  async stop() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets what was received, accepted and scripted. */
  reset() {
    this.requests.length = 0;
    this.accepted.length = 0;
    this.script.length = 0;
  }

  /**
   * The next submissions are answered by these steps, in order, instead of by the vendor's own
   * logic (preflights are never scripted). A step is either a vendor-specific object (see each
   * vendor: e.g. HubSpotFake.invalidEmail()) or { status, headers, body, cors, accept, delayMs,
   * hang }: cors:false drops the vendor's CORS headers, accept:true stores the submission as if it
   * succeeded, hang:true never answers (after storing when accept is true).
   */
  respondWith(...steps) {
    this.script.push(...steps);
    return this;
  }

  /** Resolves on the next request (of the given method, when given). */
  nextRequest(method) {
    return new Promise((resolve) => {
      const check = (record) => {
        if (method && record.method !== method) return;
        this.off('request', check);
        resolve(record);
      };
      this.on('request', check);
    });
  }

  /** Resolves when `count` submissions are accepted (an event, not a poll). */
  waitForAccepted(count) {
    if (this.accepted.length >= count) return Promise.resolve(this.accepted);
    return new Promise((resolve) => {
      const check = () => {
        if (this.accepted.length < count) return;
        this.off('accepted', check);
        resolve(this.accepted);
      };
      this.on('accepted', check);
    });
  }

  /** Requests other than preflights (the ones that carry a submission). */
  get submissions() {
    return this.requests.filter((record) => record.method !== 'OPTIONS');
  }

  accept(record, submission) {
    const entry = { ...submission, requestId: record.id, at: Date.now() };
    this.accepted.push(entry);
    record.accepted = true;
    this.emit('accepted', entry);
    return entry;
  }

  async receive(request, response) {
    const url = new URL(request.url, `${this.scheme}://${request.headers.host ?? 'fake.invalid'}`);
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks);
    const headers = { ...request.headers };
    const contentType = headers['content-type'];
    const record = {
      id: this.requests.length + 1,
      method: request.method,
      url: request.url,
      host: headers.host,
      path: url.pathname,
      query: parsePairs(url.search).first,
      queryAll: parsePairs(url.search).all,
      headers,
      contentType,
      rawBody: raw.toString('utf8'),
      bodyBytes: size,
      fields: undefined,
      fieldsAll: undefined,
      json: undefined,
      jsonError: undefined,
      accepted: false,
      answer: undefined,
      at: Date.now(),
    };
    const type = mediaType(contentType);
    if (type === FORM) {
      const pairs = parsePairs(record.rawBody);
      record.fields = pairs.first;
      record.fieldsAll = pairs.all;
    } else if (type === 'multipart/form-data') {
      try {
        const pairs = await parseMultipart(raw, contentType);
        record.fields = pairs.first;
        record.fieldsAll = pairs.all;
      } catch (error) {
        record.multipartError = error.message;
      }
    } else if (type === 'application/json' || type.endsWith('+json')) {
      try {
        record.json = JSON.parse(record.rawBody);
      } catch (error) {
        record.jsonError = error.message;
      }
    }
    this.requests.push(record);
    this.emit('request', record);
    await this.route(record, response, url);
  }

  /** Vendor logic: answer the request (subclasses). */
  async route(record, response) {
    this.send(record, response, 404, { 'Content-Type': 'text/plain' }, 'Not Found');
  }

  /** Answers and notes what was answered on the request's record. */
  send(record, response, status, headers = {}, body = '') {
    const text = body === undefined || body === null ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const clean = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined && value !== null));
    record.answer = { status, headers: clean, body: Buffer.isBuffer(text) ? text.toString('utf8') : text };
    response.writeHead(status, clean);
    response.end(record.method === 'HEAD' ? undefined : text);
  }

  /**
   * Plays the next scripted step, if any: returns true when the request was answered (or left
   * hanging) by it. `render(step)` lets a vendor turn its own step kinds into { status, headers,
   * body }; `corsHeaders` are the vendor's usual CORS headers for this request; `store()` stores
   * the submission.
   */
  async playScript(record, response, { corsHeaders = {}, render, store } = {}) {
    const step = this.script.shift();
    if (!step) return false;
    record.scripted = true;
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (step.accept && store) store();
    if (step.hang) return true;
    // The connection reset with no answer at all (a crash, a proxy resetting the upload).
    if (step.drop) {
      response.socket?.destroy();
      return true;
    }
    const rendered = render?.(step) ?? step;
    const withoutCors = (rendered.cors ?? step.cors) === false;
    const headers = { ...(withoutCors ? {} : corsHeaders), ...rendered.headers };
    this.send(record, response, rendered.status ?? 200, headers, rendered.body ?? '');
    return true;
  }
}
