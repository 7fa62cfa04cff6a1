// Pipedream HTTP trigger: https://<endpointId>.m.pipedream.net (any path, any method, any media
// type, query parameters kept). Documented (PipedreamHQ/pipedream docs-v2 workflows/building-
// workflows/triggers.mdx): OPTIONS is answered with Access-Control-Allow-Origin: * and
// Access-Control-Allow-Methods: GET,HEAD,PUT,PATCH,POST,DELETE (no Access-Control-Allow-Headers
// is listed, so a preflight asking for Content-Type: application/json or a custom header fails);
// the default answer is 200 with an HTML "Success!" body; an unknown or disabled endpoint is 404;
// a body over the limit is 413; throttling is 429. The answer carrying ACAO: * is assumed
// (corsOnAnswer, default true).
import { CatchHookFake } from './catch-hook.mjs';

const DEFAULT_BODY = '<p><b>Success!</b></p>\n<p>To customize this response, check out our docs <a href="https://docs.pipedream.com/workflows/steps/triggers/#http-responses">here</a></p>\n';
const HOST = /^([0-9a-z]+)\.m\.pipedream\.net(?::\d+)?$/i;

export class PipedreamFake extends CatchHookFake {
  /**
   * @param {object} [options]
   * @param {string} [options.endpointId] checked against the Host header when it is *.m.pipedream.net
   * @param {boolean} [options.corsOnAnswer]
   * @param {number} [options.maxBody] bytes before 413
   */
  constructor({ endpointId = 'eo3xk2v9q7abcde', corsOnAnswer = true, maxBody = 512 * 1024, ...rest } = {}) {
    super({
      name: 'pipedream',
      corsOnAnswer,
      maxBody,
      preflight: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,HEAD,PUT,PATCH,POST,DELETE' },
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      ...rest,
    });
    this.endpointId = endpointId;
  }

  get endpoint() {
    return `${this.origin}/`;
  }

  hookOf(record) {
    const match = HOST.exec(record.host ?? '');
    if (match && match[1].toLowerCase() !== this.endpointId.toLowerCase()) return undefined;
    return this.endpointId;
  }

  acknowledgement() {
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: DEFAULT_BODY };
  }

  unknownHook() {
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found' };
  }

  static throttled() {
    return { status: 429, headers: { 'Content-Type': 'text/plain' }, body: 'Too Many Requests' };
  }
}
