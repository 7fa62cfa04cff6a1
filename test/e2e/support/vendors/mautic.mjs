// Mautic's public form endpoint, as mautic/mautic's FormBundle PublicController::submitAction,
// AjaxController::submitAction and the CORSMiddleware behave:
//   POST <mautic>/form/submit?formId=N        form-encoded mauticform[<alias>], mauticform[formId],
//                                             mauticform[return], mauticform[formName], mauticform[messenger]
//   POST <mautic>/form/submit?formId=N&ajax=1  → JSON, always 200: { success: 1|0, validationErrors?:
//                                             { alias: message }, errorMessage?, results?, redirect?,
//                                             successMessage?, formName? }
//   POST <mautic>/form/submit/ajax            → the same JSON plus { message, type, success: bool }
// Without ajax: mauticform[messenger]=1 → an HTML page that postMessage()s that JSON to its parent;
// otherwise a 302 (to the return URL with mauticError/mauticMessage, to the post-action URL, or to
// /form/message). The form id is read from the body (mauticform[formId]), never from the query.
// JSON mode is chosen by the `ajax` query parameter, not by X-Requested-With. CORS: every OPTIONS
// is answered 204, with CORS headers only when the Origin matches the "valid domains" and the
// preflight asks for headers; an actual response carries CORS headers only when the request has
// X-Requested-With: XMLHttpRequest, and then Access-Control-Allow-Origin is the Origin when valid
// and EMPTY otherwise. A simple (header-less) POST is processed and stored, but its answer is
// unreadable cross-origin.
import { VendorFake, escapeHtml, phpTruthy, wildcard } from './http-fake.mjs';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** PHP's parsing of bracketed names: mauticform[email] → { mauticform: { email } }, a[b][] → arrays. */
export function phpNested(all = {}) {
  const root = {};
  for (const [name, values] of Object.entries(all)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(name);
    for (const value of values) {
      if (!match) {
        root[name] = value;
        continue;
      }
      const keys = [match[1], ...[...match[2].matchAll(/\[([^\]]*)\]/g)].map((part) => part[1])];
      let node = root;
      keys.forEach((key, index) => {
        const last = index === keys.length - 1;
        if (last) {
          if (key === '') (Array.isArray(node) ? node : []).push(value);
          else node[key] = value;
          return;
        }
        const container = keys[index + 1] === '' ? [] : {};
        if (key === '') {
          node.push(container);
          node = container;
        } else {
          if (typeof node[key] !== 'object' || node[key] === null) node[key] = container;
          node = node[key];
        }
      });
    }
  }
  return root;
}

/** PHP rawurlencode. */
const rawurlencode = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const DEFAULT_FORM = {
  alias: 'leadform',
  name: 'leadform',
  published: true,
  postAction: 'message',
  postActionProperty: 'Thank you for your interest.',
  fields: [
    { alias: 'email', label: 'Email', type: 'email', required: true },
    { alias: 'firstname', label: 'First name', type: 'text' },
    { alias: 'lastname', label: 'Last name', type: 'text' },
    { alias: 'phone', label: 'Phone', type: 'tel' },
    { alias: 'message', label: 'Message', type: 'textarea' },
  ],
};

export class MauticFake extends VendorFake {
  /**
   * @param {object} [options]
   * @param {string} [options.basePath] where Mautic is installed ('' for the root)
   * @param {Record<string, object>} [options.forms] form id → { alias, name, published, postAction
   *   ('message'|'redirect'|'return'), postActionProperty, fields: [{ alias, label, type, required,
   *   validationMessage?, showWhenValueExists? }] }
   * @param {boolean} [options.corsRestrictDomains] Mautic's cors_restrict_domains (default true)
   * @param {string[]} [options.validDomains] cors_valid_domains: origins or shell wildcards (default [])
   */
  constructor({ basePath = '', forms = { 1: DEFAULT_FORM }, corsRestrictDomains = true, validDomains = [], ...rest } = {}) {
    super({ name: 'mautic', ...rest });
    Object.assign(this, { basePath: basePath.replace(/\/$/, ''), forms, corsRestrictDomains, validDomains });
  }

  endpoint(formId = Object.keys(this.forms)[0], { ajax = true } = {}) {
    return `${this.origin}${this.basePath}/form/submit?formId=${formId}${ajax ? '&ajax=1' : ''}`;
  }

  /** CORSMiddleware::getAllowOriginHeaderValue: the Origin when valid, else null. */
  allowedOrigin(record) {
    const origin = record.headers.origin;
    if (!this.corsRestrictDomains || (origin !== undefined && this.validDomains.includes(origin))) return { value: origin ?? null, valid: true, vary: false };
    if (origin !== undefined && this.validDomains.some((pattern) => wildcard(pattern).test(origin))) return { value: origin, valid: true, vary: true };
    return { value: null, valid: false, vary: false };
  }

  corsHeaders(record) {
    const allowed = this.allowedOrigin(record);
    return {
      // Symfony sets the header to null when the origin is not valid: it goes out empty.
      'Access-Control-Allow-Origin': allowed.value ?? '',
      'Access-Control-Allow-Headers': 'Origin, X-Requested-With, Content-Type, Authorization',
      'Access-Control-Allow-Methods': 'PUT, GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Max-Age': '36000',
      ...(allowed.vary ? { Vary: 'Origin' } : {}),
    };
  }

  /** Symfony's Request::isXmlHttpRequest(): the exact header value. */
  isXhr(record) {
    return record.headers['x-requested-with'] === 'XMLHttpRequest';
  }

  /** Every non-OPTIONS answer goes through here: CORS headers only for XHR requests. */
  finish(record, response, status, headers, body) {
    this.send(record, response, status, { ...(this.isXhr(record) ? this.corsHeaders(record) : {}), ...headers }, body);
  }

  html(record, response, status, body, headers = {}) {
    this.finish(record, response, status, { 'Content-Type': 'text/html; charset=UTF-8', ...headers }, body);
  }

  redirect(record, response, location) {
    this.html(record, response, 302, `<!DOCTYPE html><html><head><meta charset="UTF-8" /><meta http-equiv="refresh" content="0;url='${escapeHtml(location)}'" /><title>Redirecting to ${escapeHtml(location)}</title></head><body>Redirecting to <a href="${escapeHtml(location)}">${escapeHtml(location)}</a>.</body></html>`, { Location: location });
  }

  async route(record, response) {
    if (record.method === 'OPTIONS') return this.preflight(record, response);
    const path = record.path.slice(this.basePath.length);
    if (!record.path.startsWith(this.basePath)) return this.html(record, response, 404, '<h1>404 Not Found</h1>');
    if (path === '/form/submit' || path === '/form/submit/ajax') return this.submit(record, response, path.endsWith('/ajax'));
    if (path === '/form/message' && record.method === 'GET') return this.html(record, response, 200, '<html><body><div class="mautic-message">Thank you!</div></body></html>');
    return this.html(record, response, 404, '<h1>404 Not Found</h1>');
  }

  preflight(record, response) {
    const allowed = this.allowedOrigin(record);
    const answered = allowed.valid && record.headers['access-control-request-headers'] !== undefined && record.headers.origin !== undefined;
    this.send(record, response, 204, answered ? this.corsHeaders(record) : {});
  }

  async submit(record, response, ajaxRoute) {
    if (record.method !== 'POST') return this.html(record, response, 403, '<h1>403 Forbidden</h1><p>You do not have access to the requested area/action.</p>');
    const isAjax = ajaxRoute || phpTruthy(record.query.ajax);
    const post = record.fieldsAll ? phpNested(record.fieldsAll).mauticform : undefined;
    const postObject = post && typeof post === 'object' && !Array.isArray(post) ? post : undefined;
    const messenger = phpTruthy(postObject?.messenger);
    let returnUrl = postObject?.return || record.headers.referer || false;
    if (returnUrl) returnUrl = returnUrl.replace(/([?&])(mauticError|mauticMessage)=[^&#]*&?/g, '$1').replace(/[?&]$/, '');
    const form = postObject?.formId !== undefined ? this.forms[postObject.formId] : undefined;

    let error;
    let results;
    if (!form || form.published === false) {
      error = 'This form is no longer available.';
    } else {
      const outcome = await this.outcome(record, response, form, postObject, isAjax || messenger);
      if (outcome === 'answered') return;
      ({ error, results } = outcome);
    }

    if (messenger || isAjax) {
      const data = { success: 1 };
      if (error !== undefined && error !== '' && !(typeof error === 'object' && Object.keys(error).length === 0)) {
        if (typeof error === 'object') data.validationErrors = error;
        else data.errorMessage = error;
        data.success = 0;
      } else {
        if (results) data.results = results;
        if (form.postAction === 'redirect') data.redirect = form.postActionProperty;
        else if (form.postActionProperty) data.successMessage = form.postActionProperty;
      }
      if (postObject?.formName !== undefined) data.formName = postObject.formName;
      if (ajaxRoute) {
        const success = !data.errorMessage && !data.validationErrors;
        const message = data.successMessage ?? data.errorMessage ?? '';
        const type = data.successMessage !== undefined ? 'notice' : data.errorMessage !== undefined ? 'error' : '';
        Object.assign(data, { message, type, success });
      }
      if (isAjax) return this.finish(record, response, 200, { 'Content-Type': 'application/json' }, data);
      return this.html(record, response, 200, `<html>\n    <head>\n        <script type="text/javascript">\n            parent.postMessage(${JSON.stringify(JSON.stringify(data))}, '*');\n        </script>\n    </head>\n    <body></body>\n</html>`);
    }

    const query = returnUrl && returnUrl.includes('?') ? '&' : '?';
    if (error) {
      if (returnUrl) return this.redirect(record, response, `${returnUrl}${query}mauticError=${rawurlencode(error)}${form ? `#${form.alias.toLowerCase()}` : ''}`);
      return this.redirect(record, response, `${this.origin}${this.basePath}/form/message`);
    }
    if (form.postAction === 'redirect') return this.redirect(record, response, form.postActionProperty);
    if (form.postAction === 'return' && returnUrl) {
      return this.redirect(record, response, form.postActionProperty ? `${returnUrl}${query}mauticMessage=${rawurlencode(form.postActionProperty)}` : returnUrl);
    }
    return this.redirect(record, response, `${this.origin}${this.basePath}/form/message`);
  }

  /**
   * SubmissionModel::saveSubmission, or the next scripted step. Returns { error, results }, or
   * 'answered' when a generic scripted step answered the request itself.
   */
  async outcome(record, response, form, post, arrayErrors) {
    const store = (results) =>
      this.accept(record, { formId: String(post.formId), formAlias: form.alias, results, post, ajax: arrayErrors });
    const step = this.script[0];
    if (step) {
      if (step.validationErrors || step.errorMessage || step.success) {
        this.script.shift();
        record.scripted = true;
        if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
        if (step.success) {
          const results = this.resultsOf(form, post);
          store(results);
          return { results };
        }
        if (step.errorMessage) return { error: step.errorMessage };
        return { error: arrayErrors ? step.validationErrors : `Errors:<br /><ol><li>${Object.values(step.validationErrors).join('</li><li>')}</li></ol>` };
      }
      const played = await this.playScript(record, response, { corsHeaders: this.isXhr(record) ? this.corsHeaders(record) : {}, store: () => store(this.resultsOf(form, post)) });
      if (played) return 'answered';
    }

    const errors = {};
    for (const field of form.fields) {
      const value = post[field.alias] ?? '';
      if (value === '' && field.required) {
        if (field.showWhenValueExists === false && !(field.alias in post)) continue;
        errors[field.alias] = field.validationMessage || `'${field.label}' is required.`;
        continue;
      }
      if (value === '') continue;
      if (field.type === 'email' && !EMAIL.test(String(value))) errors[field.alias] = 'The email is invalid.';
      if (field.type === 'captcha' && !field.captcha && value !== '') errors[field.alias] = 'This value should be blank.';
    }
    if (Object.keys(errors).length) {
      return { error: arrayErrors ? errors : `Errors:<br /><ol><li>${Object.values(errors).join('</li><li>')}</li></ol>` };
    }
    const results = this.resultsOf(form, post);
    store(results);
    return { results };
  }

  /** Only the form's own fields are kept; anything else in mauticform[…] is ignored. */
  resultsOf(form, post) {
    return Object.fromEntries(form.fields.filter((field) => field.type !== 'captcha' && post[field.alias] !== undefined).map((field) => [field.alias, post[field.alias]]));
  }

  // Scripted answers, for respondWith().
  static validationErrors(errors) {
    return { validationErrors: errors };
  }

  static errorMessage(message) {
    return { errorMessage: message };
  }
}
