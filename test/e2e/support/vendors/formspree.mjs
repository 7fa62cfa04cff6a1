// Formspree form endpoints: POST https://formspree.io/f/:formId (and /p/:project/f/:key).
// Accepts application/json, application/x-www-form-urlencoded and multipart/form-data; any field
// names are kept (_gotcha is a honeypot: when filled the submission is silently dropped, yet
// answered as a success; other _-prefixed names are settings, not data). The answer is JSON only
// when the request "wants JSON" (formspree/formspree utils.request_wants_json: Accept preferring
// JSON, X-Requested-With: XMLHttpRequest, or a JSON body without an Accept preferring HTML):
// success 200 { ok: true, next }, failure 4xx { error, errors: [{ code, field?, message }] }.
// Otherwise it is HTML: a 302 to the thank-you page (or _next) on success, an HTML error page on
// failure. CORS (flask-cors): preflights answered with the Origin echoed and only the requested
// headers that are allowed; every answer carries Access-Control-Allow-Origin: <Origin>.
import { VendorFake, escapeHtml, isPreflight, mediaType, preflightOf } from './http-fake.mjs';

const FORM_PATH = /^\/(?:p\/([^/]+)\/)?f\/([^/]+)\/?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// flask-cors allow_headers of formspree/formspree, plus the two headers @formspree/core sends.
const ALLOWED_HEADERS = ['accept', 'content-type', 'x-requested-with', 'authorization', 'formspree-client', 'formspree-session-data'];

function acceptBetter(accept, subject, against) {
  if (accept === undefined) return false;
  const lower = accept.toLowerCase();
  const subjectAt = lower.indexOf(subject);
  if (subjectAt < 0) return false;
  const againstAt = lower.indexOf(against);
  return againstAt < 0 || subjectAt < againstAt;
}

/** formspree/formspree utils.request_wants_json. */
export function wantsJson(record) {
  if ((record.headers['x-requested-with'] ?? '').toLowerCase() === 'xmlhttprequest') return true;
  if (acceptBetter(record.headers.accept, 'json', 'html')) return true;
  return (record.contentType ?? '').includes('json') && !acceptBetter(record.headers.accept, 'html', 'json');
}

export class FormspreeFake extends VendorFake {
  /**
   * @param {object} [options]
   * @param {Record<string, {fields?: Array<{name: string, type?: 'email'|'text'|'number', required?: boolean}>, active?: boolean}>} [options.forms]
   * @param {string} [options.next] the thank-you URL answered as `next`
   * @param {string[]} [options.allowedHeaders] request headers a preflight may ask for (lower case)
   */
  constructor({ forms = { xyzzyabc: { fields: [{ name: 'email', type: 'email', required: true }] } }, next = 'https://formspree.io/thanks?language=en', allowedHeaders = ALLOWED_HEADERS, ...rest } = {}) {
    super({ name: 'formspree', ...rest });
    Object.assign(this, { forms, next, allowedHeaders });
  }

  endpoint(formId = Object.keys(this.forms)[0]) {
    return `${this.origin}/f/${formId}`;
  }

  corsHeaders(record) {
    return record.headers.origin ? { 'Access-Control-Allow-Origin': record.headers.origin, Vary: 'Origin' } : {};
  }

  async route(record, response) {
    const match = FORM_PATH.exec(record.path);
    if (!match) return this.send(record, response, 404, { 'Content-Type': 'text/html; charset=utf-8' }, '<h1>Not Found</h1>');
    if (record.method === 'OPTIONS') return this.preflight(record, response);
    const json = wantsJson(record);
    const fail = (status, error, errors) => this.fail(record, response, json, status, error, errors);
    if (record.method !== 'POST') return fail(405, 'Please submit POST request.', [{ code: 'UNSPECIFIED', message: 'Please submit POST request.' }]);

    const formId = match[2];
    const form = this.forms[formId];
    const data = this.dataOf(record);
    const store = () => this.accept(record, { formId, fields: Object.fromEntries(Object.entries(data).filter(([name]) => !name.startsWith('_'))), settings: Object.fromEntries(Object.entries(data).filter(([name]) => name.startsWith('_'))), json });
    const played = await this.playScript(record, response, {
      corsHeaders: this.corsHeaders(record),
      store,
      render: (step) => {
        if (!step.errors) return undefined;
        const error = step.errors.map((entry) => entry.message).join(', ');
        return json
          ? { status: step.status ?? 422, headers: { 'Content-Type': 'application/json' }, body: { error, errors: step.errors } }
          : { status: step.status ?? 422, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>Form Error</title><p>${escapeHtml(error)}</p>` };
      },
    });
    if (played) return;

    if (!form) return fail(404, 'Form not found', [{ code: 'FORM_NOT_FOUND', message: 'Form not found' }]);
    if (form.active === false) return fail(403, 'Form not active', [{ code: 'INACTIVE', message: 'Form not active' }]);
    if (data === undefined) return fail(400, 'Unable to parse the submission', [{ code: 'UNSPECIFIED', message: 'Unable to parse the submission' }]);
    const values = Object.entries(data).filter(([name]) => !name.startsWith('_'));
    if (values.length === 0 || values.every(([, value]) => value === '' || value === null || value === undefined)) {
      return fail(400, "Can't send an empty form", [{ code: 'EMPTY', message: "Can't send an empty form" }]);
    }

    const errors = [];
    const rules = [...(form.fields ?? [])];
    if (!rules.some((rule) => rule.name === 'email') && data.email !== undefined) rules.push({ name: 'email', type: 'email' });
    for (const rule of rules) {
      const value = data[rule.name];
      if (value === undefined) {
        if (rule.required) errors.push({ code: 'REQUIRED_FIELD_MISSING', field: rule.name, message: 'is required' });
        continue;
      }
      if (value === '' || value === null) {
        if (rule.required) errors.push({ code: 'REQUIRED_FIELD_EMPTY', field: rule.name, message: 'is required' });
        continue;
      }
      if (rule.type === 'email' && !EMAIL.test(String(value))) errors.push({ code: 'TYPE_EMAIL', field: rule.name, message: 'should be an email' });
      if (rule.type === 'number' && !Number.isFinite(Number(value))) errors.push({ code: 'TYPE_NUMERIC', field: rule.name, message: 'should be a number' });
    }
    if (errors.length) return fail(422, errors.map((error) => `${error.field} ${error.message}`).join(', '), errors);

    const next = typeof data._next === 'string' && data._next ? data._next : this.next;
    // The honeypot: a filled _gotcha is silently ignored, but answered as a success.
    if (!(typeof data._gotcha === 'string' && data._gotcha !== '')) store();
    if (json) return this.send(record, response, 200, { ...this.corsHeaders(record), 'Content-Type': 'application/json' }, { next, ok: true });
    this.send(record, response, 302, { ...this.corsHeaders(record), 'Content-Type': 'text/html; charset=utf-8', Location: next }, `<!doctype html><title>Redirecting...</title><a href="${escapeHtml(next)}">${escapeHtml(next)}</a>`);
  }

  preflight(record, response) {
    if (!isPreflight(record)) return this.send(record, response, 200, { ...this.corsHeaders(record), Allow: 'POST, OPTIONS' });
    const asked = preflightOf(record);
    const granted = asked.headers.filter((name) => this.allowedHeaders.includes(name));
    record.refusedHeaders = asked.headers.filter((name) => !this.allowedHeaders.includes(name));
    this.send(record, response, 200, {
      ...this.corsHeaders(record),
      'Access-Control-Allow-Methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
      ...(granted.length ? { 'Access-Control-Allow-Headers': granted.join(', ') } : {}),
      'Content-Type': 'text/html; charset=utf-8',
    });
  }

  /** The submitted data: a JSON object, or the form/multipart fields; undefined when unparseable. */
  dataOf(record) {
    if (record.fields) return record.fields;
    if (record.json !== undefined) return record.json && typeof record.json === 'object' && !Array.isArray(record.json) ? record.json : undefined;
    if (record.jsonError) return undefined;
    return mediaType(record.contentType) === '' && record.rawBody === '' ? {} : undefined;
  }

  fail(record, response, json, status, error, errors) {
    if (json) return this.send(record, response, status, { ...this.corsHeaders(record), 'Content-Type': 'application/json' }, { error, errors });
    this.send(record, response, status, { ...this.corsHeaders(record), 'Content-Type': 'text/html; charset=utf-8' }, `<!doctype html><title>Form Error</title><h1>Form Error</h1><p>${escapeHtml(error)}</p>`);
  }

  // Scripted answers, for respondWith(): errors is [{ code, field?, message }].
  static fieldErrors(errors, status = 422) {
    return { status, errors };
  }
}
