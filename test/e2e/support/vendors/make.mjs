// Make (formerly Integromat) custom webhook: https://hook.<region>.make.com/:hookId (region eu1,
// eu2, us1, us2, …). Takes the query string and a form-encoded, JSON or multipart body; without a
// "Webhook response" module in the scenario it acknowledges at once with 200 text/plain
// "Accepted" (the scenario runs later, from a queue); an unknown or deleted hook answers 410.
// Preflights are not answered, and by default the acknowledgement carries no CORS headers (both
// assumed, see CONTRACTS.md): a page can send a simple request but not read the answer.
// `responseHeaders` / corsOnAnswer model a scenario whose Webhook response module adds headers.
import { CatchHookFake } from './catch-hook.mjs';

export class MakeFake extends CatchHookFake {
  /**
   * @param {object} [options]
   * @param {string[]} [options.hooks] hook ids that exist
   * @param {boolean} [options.corsOnAnswer] default false
   * @param {object} [options.responseHeaders] extra headers on the acknowledgement
   */
  constructor({ hooks = ['k7n2c4x9q1w8e5r3t6y0u2i4o7p9a1s3'], corsOnAnswer = false, responseHeaders = {}, ...rest } = {}) {
    super({ name: 'make', corsOnAnswer, preflight: false, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], maxBody: 5 * 1024 * 1024, ...rest });
    Object.assign(this, { hooks, responseHeaders });
  }

  get endpoint() {
    return `${this.origin}/${this.hooks[0]}`;
  }

  hookOf(record) {
    const id = record.path.replace(/^\/|\/$/g, '');
    return this.hooks.includes(id) ? id : undefined;
  }

  acknowledgement() {
    return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...this.responseHeaders }, body: 'Accepted' };
  }

  unknownHook() {
    return { status: 410, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'There is no scenario listening for this webhook.' };
  }
}
