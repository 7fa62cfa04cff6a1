// The shared part of the automation-platform webhooks (Zapier catch hooks, Make custom webhooks,
// Pipedream HTTP triggers): an endpoint that takes any body (form-encoded, JSON, multipart,
// text) plus the query string, stores it, and answers with a fixed acknowledgement. What differs
// per vendor (paths, the answer, whether a preflight is answered, whether the answer carries
// Access-Control-Allow-Origin) is given by the vendor module.
import { VendorFake, isPreflight } from './http-fake.mjs';

export class CatchHookFake extends VendorFake {
  /**
   * @param {object} options
   * @param {boolean} [options.corsOnAnswer] answers to non-OPTIONS requests carry ACAO: *
   * @param {false|object} [options.preflight] false: a preflight is refused (405, no CORS headers);
   *   an object: the headers a preflight is answered with (status 200)
   * @param {number} [options.maxBody] bytes; larger bodies get 413
   */
  constructor({ corsOnAnswer = true, preflight = false, maxBody = Infinity, methods = ['GET', 'POST', 'PUT'], ...rest } = {}) {
    super(rest);
    Object.assign(this, { corsOnAnswer, preflightHeaders: preflight, maxBody, methods });
  }

  cors() {
    return this.corsOnAnswer ? { 'Access-Control-Allow-Origin': '*' } : {};
  }

  /** Vendor: the hook id named by the request, or undefined when it names none that exists. */
  hookOf() {
    return 'hook';
  }

  /** Vendor: the acknowledgement { status, headers, body }. */
  acknowledgement() {
    return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'OK' };
  }

  /** Vendor: the answer for an unknown hook. */
  unknownHook() {
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
  }

  answer(record, response, { status, headers, body }) {
    this.send(record, response, status, { ...this.cors(), ...headers }, body);
  }

  async route(record, response) {
    if (record.method === 'OPTIONS') {
      if (this.preflightHeaders && isPreflight(record)) return this.send(record, response, 200, this.preflightHeaders);
      return this.send(record, response, 405, { 'Content-Type': 'text/plain', Allow: this.methods.join(', ') }, 'Method Not Allowed');
    }
    const hook = this.hookOf(record);
    if (hook === undefined) return this.answer(record, response, this.unknownHook(record));
    if (!this.methods.includes(record.method)) return this.answer(record, response, { status: 405, headers: { 'Content-Type': 'text/plain', Allow: this.methods.join(', ') }, body: 'Method Not Allowed' });
    if (record.bodyBytes > this.maxBody) return this.answer(record, response, { status: 413, headers: { 'Content-Type': 'text/plain' }, body: 'Payload Too Large' });

    const store = () => this.accept(record, { hook, data: this.dataOf(record), query: record.query, contentType: record.contentType, rawBody: record.rawBody });
    const played = await this.playScript(record, response, { corsHeaders: this.cors(), store });
    if (played) return;
    const entry = store();
    this.answer(record, response, this.acknowledgement(record, entry));
  }

  /** What the workflow sees: query parameters, then the parsed body (form, JSON object or raw text). */
  dataOf(record) {
    if (record.fields) return { ...record.query, ...record.fields };
    if (record.json && typeof record.json === 'object' && !Array.isArray(record.json)) return { ...record.query, ...record.json };
    if (record.json !== undefined) return { ...record.query, body: record.json };
    return record.rawBody ? { ...record.query, raw_body: record.rawBody } : { ...record.query };
  }
}
