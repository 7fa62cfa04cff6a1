// A Google Apps Script web app ("Execute as: me, access: anyone"), on its two hosts:
//   exec: POST https://script.google.com/macros/s/:deploymentId/exec runs doPost(e), where
//         e.parameter / e.parameters come from the query string and an
//         application/x-www-form-urlencoded body, and e.postData holds the raw body. A
//         ContentService output is not served from there: the answer is a 302 (carrying
//         Access-Control-Allow-Origin: *) to
//   echo: GET https://script.googleusercontent.com/macros/echo?user_content_key=…&lib=…, which
//         serves the output with its MIME type and Access-Control-Allow-Origin: *.
// There is no OPTIONS handling: a preflight is refused (405, no CORS headers), so a page must
// send a simple request (form-encoded or text/plain, no custom header) and follow the redirect
// (a 302 after a POST becomes a GET). doPost runs once per POST, before the redirect is answered.
// Tests map the real host names to the two ports with Chromium's --host-resolver-rules; the
// Location is built from `echoOrigin` (default: the echo server's own origin).
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { VendorFake, escapeHtml, mediaType, parsePairs } from './http-fake.mjs';

const EXEC = /^\/macros\/s\/([^/]+)\/(exec|dev)(?:\/(.*))?$/;
const NO_CACHE = {
  'Cache-Control': 'no-cache, no-store, max-age=0, must-revalidate',
  Pragma: 'no-cache',
  Expires: 'Mon, 01 Jan 1990 00:00:00 GMT',
  'X-Content-Type-Options': 'nosniff',
};
const STAR = { 'Access-Control-Allow-Origin': '*' };

/** A ContentService TextOutput. */
export const textOutput = (content, mimeType = 'text/plain') => ({ content: String(content), mimeType });
/** ContentService.createTextOutput(JSON.stringify(value)).setMimeType(ContentService.MimeType.JSON). */
export const jsonOutput = (value) => textOutput(JSON.stringify(value), 'application/json');

const notFoundPage = '<!DOCTYPE html><html><head><title>Google Drive - Page Not Found</title></head><body><p>Sorry, unable to open the file at this time.</p><p>Please check the address and try again.</p></body></html>';
const errorPage = (message) => `<!DOCTYPE html><html><head><title>Error</title></head><body style="margin:20px"><div><div style="text-align:center;font-family:monospace;margin:50px auto 0;max-width:600px">${escapeHtml(message)}</div></div></body></html>`;

class ExecServer extends VendorFake {
  constructor(app, options) {
    super({ name: 'apps-script-exec', ...options });
    this.app = app;
  }

  async route(record, response) {
    const html = (status, body, headers = {}) => this.send(record, response, status, { 'Content-Type': 'text/html; charset=utf-8', ...NO_CACHE, ...headers }, body);
    const match = EXEC.exec(record.path);
    if (!match || match[1] !== this.app.deploymentId) return html(404, notFoundPage);
    if (record.method === 'OPTIONS') return html(405, '<!DOCTYPE html><html><body><p>405. That’s an error. The request method OPTIONS is inappropriate for the URL.</p></body></html>', { Allow: 'GET, HEAD, POST' });
    if (record.method !== 'POST' && record.method !== 'GET') return html(405, '<p>405. That’s an error.</p>', { Allow: 'GET, HEAD, POST' });

    const event = this.app.eventOf(record, match[3]);
    record.event = event;
    const handler = record.method === 'POST' ? this.app.doPost : this.app.doGet;
    const name = record.method === 'POST' ? 'doPost' : 'doGet';
    const store = () => this.accept(record, { parameter: event.parameter, parameters: event.parameters, postData: event.postData, queryString: event.queryString });

    let output;
    const step = this.script.shift();
    if (step) {
      record.scripted = true;
      if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      if (step.accept) store();
      if (step.hang) return;
      if (step.scriptError) return html(200, errorPage(step.scriptError), this.app.errorPageCors ? STAR : {});
      if (step.output === undefined) return this.send(record, response, step.status ?? 200, { ...(step.cors === false ? {} : STAR), ...step.headers }, step.body ?? '');
      output = typeof step.output === 'string' ? textOutput(step.output) : step.output.content !== undefined ? step.output : jsonOutput(step.output);
    } else {
      if (!handler) return html(200, errorPage(`Script function not found: ${name}`), this.app.errorPageCors ? STAR : {});
      try {
        output = await handler(event, { store });
      } catch (error) {
        return html(200, errorPage(`${error.name}: ${error.message} (line 1, file "Code")`), this.app.errorPageCors ? STAR : {});
      }
      if (output === undefined || output === null) output = textOutput('The script completed but did not return anything.', 'text/html');
      else if (typeof output === 'string') output = textOutput(output);
      else if (output.content === undefined) output = jsonOutput(output);
    }

    const key = this.app.keep(output, record);
    const location = `${this.app.echoOrigin}/macros/echo?user_content_key=${key}&lib=${this.app.lib}`;
    record.location = location;
    html(302, `<HTML>\n<HEAD>\n<TITLE>Moved Temporarily</TITLE>\n</HEAD>\n<BODY BGCOLOR="#FFFFFF" TEXT="#000000">\n<H1>Moved Temporarily</H1>\nThe document has moved <A HREF="${escapeHtml(location)}">here</A>.\n</BODY>\n</HTML>\n`, {
      ...STAR,
      Location: location,
      'X-Frame-Options': 'SAMEORIGIN',
      'Content-Security-Policy': "frame-ancestors 'self'",
    });
  }
}

class EchoServer extends VendorFake {
  constructor(app, options) {
    super({ name: 'apps-script-echo', ...options });
    this.app = app;
  }

  async route(record, response) {
    const html = (status, body, headers = {}) => this.send(record, response, status, { 'Content-Type': 'text/html; charset=utf-8', ...NO_CACHE, ...headers }, body);
    if (record.path !== '/macros/echo') return html(404, notFoundPage);
    if (record.method === 'OPTIONS') return html(405, '<p>405. That’s an error. The request method OPTIONS is inappropriate for the URL.</p>', { Allow: 'GET, HEAD' });
    if (record.method !== 'GET' && record.method !== 'HEAD') return html(405, '<p>405. That’s an error.</p>', { Allow: 'GET, HEAD' });
    const kept = this.app.outputs.get(record.query.user_content_key);
    if (!kept) return html(404, notFoundPage);
    kept.reads += 1;
    this.send(record, response, 200, { 'Content-Type': `${kept.output.mimeType}; charset=utf-8`, ...NO_CACHE, ...STAR }, kept.output.content);
  }
}

export class AppsScriptFake extends EventEmitter {
  /**
   * @param {object} [options]
   * @param {string} [options.deploymentId]
   * @param {(e: object, tools: {store: () => void}) => any} [options.doPost] returns a TextOutput
   *   ({content, mimeType}), a string (text/plain) or a value (served as JSON). Default: stores
   *   e.parameter and answers {"result":"success","row":n}.
   * @param {(e: object, tools: {store: () => void}) => any} [options.doGet]
   * @param {string} [options.echoOrigin] origin put in the Location (e.g. https://script.googleusercontent.com)
   * @param {string} [options.execHost] [options.echoHost] listening addresses (127.0.0.1)
   * @param {object} [options.execTls] [options.echoTls] { key, cert } to serve HTTPS
   * @param {boolean} [options.errorPageCors] whether the script-error page carries ACAO: * (assumed true)
   */
  constructor({
    deploymentId = 'AKfycbzFakeDeploymentId0123456789abcdefghijklmnopqrstuvwxyz',
    doPost = (e, { store }) => {
      const entry = store();
      return jsonOutput({ result: 'success', row: entry.row });
    },
    doGet,
    echoOrigin,
    execHost = '127.0.0.1',
    echoHost = '127.0.0.1',
    execTls,
    echoTls,
    errorPageCors = true,
  } = {}) {
    super();
    Object.assign(this, { deploymentId, doPost, doGet, errorPageCors });
    this.configuredEchoOrigin = echoOrigin;
    this.lib = `M${randomBytes(12).toString('hex')}`;
    /** user_content_key → { output, requestId, reads } */
    this.outputs = new Map();
    this.exec = new ExecServer(this, { host: execHost, tls: execTls });
    this.echo = new EchoServer(this, { host: echoHost, tls: echoTls });
    this.exec.on('accepted', (entry) => {
      entry.row = this.exec.accepted.length + 1;
      this.emit('accepted', entry);
    });
  }

  async start({ execPort = 0, echoPort = 0 } = {}) {
    await this.echo.start(echoPort);
    await this.exec.start(execPort);
    return this;
  }

  async stop() {
    await Promise.all([this.exec.stop(), this.echo.stop()]);
  }

  get echoOrigin() {
    return this.configuredEchoOrigin ?? this.echo.origin;
  }

  get endpoint() {
    return `${this.exec.origin}/macros/s/${this.deploymentId}/exec`;
  }

  /** doPost runs (what the script stored). */
  get accepted() {
    return this.exec.accepted;
  }

  get requests() {
    return this.exec.requests;
  }

  respondWith(...steps) {
    this.exec.respondWith(...steps);
    return this;
  }

  waitForAccepted(count) {
    return this.exec.waitForAccepted(count);
  }

  keep(output, record) {
    const key = randomBytes(24).toString('base64url');
    this.outputs.set(key, { output, requestId: record.id, reads: 0 });
    return key;
  }

  /** The doGet/doPost event object. */
  eventOf(record, pathInfo) {
    const query = record.url.includes('?') ? record.url.slice(record.url.indexOf('?') + 1) : '';
    const fromQuery = parsePairs(query).all;
    const fromBody = mediaType(record.contentType) === 'application/x-www-form-urlencoded' ? parsePairs(record.rawBody).all : {};
    const parameters = { ...fromQuery };
    for (const [name, values] of Object.entries(fromBody)) parameters[name] = [...(parameters[name] ?? []), ...values];
    const event = {
      queryString: query,
      parameter: Object.fromEntries(Object.entries(parameters).map(([name, values]) => [name, values[0]])),
      parameters,
      contextPath: '',
      contentLength: record.method === 'POST' ? record.bodyBytes : -1,
    };
    if (pathInfo) event.pathInfo = pathInfo;
    if (record.method === 'POST') {
      event.postData = { contents: record.rawBody, length: record.bodyBytes, name: 'postData', type: mediaType(record.contentType) || 'application/octet-stream' };
    }
    return event;
  }

  // Scripted answers, for respondWith(): what doPost returns this time (a value is served as JSON),
  // or a script that throws.
  static output(value) {
    return { output: value };
  }

  static failure(value = { result: 'error', error: 'Sheet is full' }) {
    return { output: value };
  }

  static scriptError(message = 'TypeError: Cannot read properties of null (reading "appendRow") (line 4, file "Code")') {
    return { scriptError: message };
  }
}
