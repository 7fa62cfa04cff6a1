// Zapier "Webhooks by Zapier" catch hook: https://hooks.zapier.com/hooks/catch/:accountId/:hookId/
// Takes POST, PUT or GET with a form-encoded, JSON (or XML, other) body and query parameters
// (zapier.com/help/webhooks), and acknowledges with 200 application/json
// { attempt, id, request_id, status: 'success' }. The zap runs later; the answer never reflects
// it. A preflight is not answered (405, no CORS headers), so a browser must send a simple request
// (form-encoded or text/plain, no custom header). Whether the acknowledgement carries
// Access-Control-Allow-Origin: * is an assumption (corsOnAnswer, default true); set it false to
// model an endpoint that stores the lead but whose answer the page cannot read.
import { randomUUID } from 'node:crypto';
import { CatchHookFake } from './catch-hook.mjs';

const CATCH = /^\/hooks\/catch\/(\d+)\/([0-9a-z]+)\/?$/i;

export class ZapierFake extends CatchHookFake {
  /**
   * @param {object} [options]
   * @param {string[]} [options.hooks] 'accountId/hookId' pairs that exist
   * @param {boolean} [options.corsOnAnswer]
   */
  constructor({ hooks = ['1234567/abcdef1'], corsOnAnswer = true, ...rest } = {}) {
    super({ name: 'zapier', corsOnAnswer, preflight: false, methods: ['GET', 'POST', 'PUT'], ...rest });
    this.hooks = hooks;
  }

  get endpoint() {
    return `${this.origin}/hooks/catch/${this.hooks[0]}/`;
  }

  hookOf(record) {
    const match = CATCH.exec(record.path);
    if (!match) return undefined;
    const hook = `${match[1]}/${match[2]}`;
    return this.hooks.includes(hook) ? hook : undefined;
  }

  acknowledgement(record, entry) {
    entry.zapierId = randomUUID();
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: { attempt: randomUUID(), id: entry.zapierId, request_id: randomUUID(), status: 'success' },
    };
  }

  unknownHook() {
    return { status: 404, headers: { 'Content-Type': 'application/json' }, body: { status: 'error', message: 'Hook not found' } };
  }

  static throttled() {
    return { status: 429, headers: { 'Content-Type': 'application/json' }, body: { status: 'error', message: 'Too many requests' } };
  }
}
