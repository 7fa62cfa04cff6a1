// Netlify Forms: the site itself receives the submission. The page POSTs to a path of its own
// site (usually "/"), application/x-www-form-urlencoded (or multipart/form-data), with a
// `form-name` field naming a form that Netlify detected at deploy time. Fields the detected form
// does not have are not kept; a filled honeypot field (netlify-honeypot="bot-field") makes
// Netlify drop the submission while answering as usual. Known form → 200 (an HTML page); unknown
// or missing form-name, or a body Netlify does not read as a form (e.g. JSON) → 404. It is
// same-site: no CORS headers at all, so a page on another origin can send but never read the answer.
// GET requests serve the site's pages (`pages`, or a `fallback(request, response)` such as
// site.mjs's serveStatic), so the widget can run on the same origin as the forms endpoint.
import { VendorFake, escapeHtml, mediaType } from './http-fake.mjs';

const SUCCESS_PAGE = '<!DOCTYPE html><html><head><title>Form submission received</title></head><body><h1>Thank you!</h1><p>Your form submission has been received.</p><a href="/">Back to our site</a></body></html>';
const NOT_FOUND_PAGE = "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>Looks like you've followed a broken link or entered a URL that doesn't exist on this site.</p></body></html>";

export class NetlifyFake extends VendorFake {
  /**
   * @param {object} [options]
   * @param {Record<string, {fields: string[], honeypot?: string}>} [options.forms] detected forms by name
   * @param {Record<string, string>} [options.pages] path → HTML served on GET
   * @param {(request: {url: string, method: string, headers: object}, response: import('node:http').ServerResponse) => void} [options.fallback]
   */
  constructor({ forms = { 'lead-capture': { fields: ['name', 'email', 'phone', 'message', 'consent'], honeypot: 'bot-field' } }, pages = {}, fallback, ...rest } = {}) {
    super({ name: 'netlify', ...rest });
    Object.assign(this, { forms, pages, fallback });
  }

  get endpoint() {
    return `${this.origin}/`;
  }

  async route(record, response) {
    const html = (status, body, headers = {}) => this.send(record, response, status, { 'Content-Type': 'text/html; charset=UTF-8', ...headers }, body);
    if (record.method === 'GET' || record.method === 'HEAD') {
      if (this.pages[record.path] !== undefined) return html(200, this.pages[record.path], { 'Cache-Control': 'no-store' });
      if (this.fallback) {
        record.answer = { status: 'fallback' };
        return this.fallback({ url: record.url, method: record.method, headers: record.headers }, response);
      }
      return html(404, NOT_FOUND_PAGE);
    }
    if (record.method !== 'POST') return html(405, '<h1>Method Not Allowed</h1>', { Allow: 'GET, HEAD, POST' });

    const formName = record.fields?.['form-name'];
    const form = typeof formName === 'string' ? this.forms[formName] : undefined;
    const store = () => this.accept(record, this.submissionOf(record, formName, form));
    const played = await this.playScript(record, response, { store });
    if (played) return;

    const isForm = ['application/x-www-form-urlencoded', 'multipart/form-data'].includes(mediaType(record.contentType));
    if (!isForm || !form) return html(404, NOT_FOUND_PAGE);
    const trap = form.honeypot && record.fields[form.honeypot];
    if (trap) record.spam = 'honeypot';
    else store();
    html(200, SUCCESS_PAGE);
  }

  submissionOf(record, formName, form) {
    const fields = {};
    const dropped = [];
    for (const [name, value] of Object.entries(record.fields ?? {})) {
      if (name === 'form-name' || name === form?.honeypot) continue;
      if (form && !form.fields.includes(name)) dropped.push(name);
      else fields[name] = value;
    }
    return { formName, fields, dropped };
  }

  /** A page that loads `scriptSrc` and renders `body`, for tests that need the widget same-site. */
  static page(body, scriptSrc) {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Netlify site</title>${scriptSrc ? `<script src="${escapeHtml(scriptSrc)}"></script>` : ''}</head><body>${body}</body></html>`;
  }
}
