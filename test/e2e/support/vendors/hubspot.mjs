// HubSpot Forms API v3, the unauthenticated submit endpoint that a browser may call:
//   POST https://api.hsforms.com/submissions/v3/integration/submit/:portalId/:formGuid
// JSON only: { fields: [{ objectTypeId?, name, value }], context?: { pageUri, pageName, hutk?, … },
// legalConsentOptions?: { consent: { consentToProcess, text, communications: [{ value,
// subscriptionTypeId, text }] } } | { legitimateInterest: … }, submittedAt?, skipValidation? }.
// Every submitted field must be on the form definition (FIELD_NOT_IN_FORM_DEFINITION otherwise),
// the email must be valid (INVALID_EMAIL), required fields present (REQUIRED_FIELD); success is
// 200 { inlineMessage } or { redirectUri }; failures are { status: 'error', message,
// correlationId, errors: [{ message, errorType }] }. It answers CORS preflights and its answers
// carry Access-Control-Allow-Origin, so a page can read them. 50 requests / 10 s, then 429.
// See CONTRACTS.md for what is verified and what is assumed.
import { randomUUID } from 'node:crypto';
import { VendorFake, isPreflight, mediaType, preflightOf } from './http-fake.mjs';

const SUBMIT = /^\/submissions\/v3\/integration\/submit\/([^/]+)\/([^/]+)\/?$/;
const TOP_LEVEL = new Set(['fields', 'context', 'legalConsentOptions', 'submittedAt', 'skipValidation']);
const CONTEXT_KEYS = new Set(['hutk', 'ipAddress', 'pageName', 'pageUri', 'pageId', 'sfdcCampaignId', 'goToWebinarWebinarKey']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_VALUE = 65536;

const problem = (errors, message = 'The request is not valid') => ({ status: 'error', message, correlationId: randomUUID(), ...(errors ? { errors } : {}) });
const fieldError = (name, text, errorType) => ({ message: `Error in 'fields.${name}'. ${text}`, errorType });

export class HubSpotFake extends VendorFake {
  /**
   * @param {object} [options]
   * @param {string} [options.portalId]
   * @param {string} [options.formGuid]
   * @param {Array<string|{name: string, objectTypeId?: string}>} [options.fields] the form definition
   * @param {string[]} [options.required] required field names
   * @param {number[]} [options.subscriptionTypeIds] subscription types that exist in the portal
   * @param {boolean} [options.requireProcessingConsent] the form asks for consent to process
   * @param {{inlineMessage?: string, redirectUri?: string}} [options.postSubmit] the form's success answer
   * @param {string[]} [options.allowedHeaders] request headers a preflight may ask for (lower case)
   * @param {{max: number, windowMs: number}|false} [options.rateLimit]
   */
  constructor({
    portalId = '1234567',
    formGuid = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    fields = ['email', 'firstname', 'lastname', 'phone', 'company', 'message'],
    required = ['email'],
    subscriptionTypeIds = [999],
    requireProcessingConsent = false,
    postSubmit = { inlineMessage: 'Thanks for submitting the form.' },
    allowedHeaders = ['content-type'],
    rateLimit = { max: 50, windowMs: 10_000 },
    ...rest
  } = {}) {
    super({ name: 'hubspot', ...rest });
    Object.assign(this, { portalId, formGuid, required, subscriptionTypeIds, requireProcessingConsent, postSubmit, allowedHeaders, rateLimit });
    this.fields = fields.map((field) => (typeof field === 'string' ? { name: field, objectTypeId: '0-1' } : { objectTypeId: '0-1', ...field }));
    this.recent = [];
  }

  get endpoint() {
    return `${this.origin}/submissions/v3/integration/submit/${this.portalId}/${this.formGuid}`;
  }

  /** CORS headers on every answer of the submit endpoint (the request's Origin is echoed). */
  corsHeaders(record) {
    const origin = record.headers.origin;
    return origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'false', Vary: 'Origin' } : {};
  }

  json(record, response, status, body, extra = {}) {
    this.send(record, response, status, { ...this.corsHeaders(record), 'Content-Type': 'application/json;charset=utf-8', ...extra }, body);
  }

  async route(record, response) {
    const match = SUBMIT.exec(record.path);
    if (!match) return this.json(record, response, 404, problem(undefined, `Unable to route ${record.method} ${record.path}`));
    if (record.method === 'OPTIONS') return this.preflight(record, response);
    if (record.method !== 'POST') return this.json(record, response, 405, problem(undefined, `HTTP ${record.method} is not supported by this endpoint`), { Allow: 'POST, OPTIONS' });
    const [, portalId, formGuid] = match;

    if (this.rateLimit) {
      const now = Date.now();
      this.recent = this.recent.filter((time) => now - time < this.rateLimit.windowMs);
      this.recent.push(now);
      if (this.recent.length > this.rateLimit.max) return this.json(record, response, 429, HubSpotFake.rateLimited().body);
    }

    const store = () => this.accept(record, this.submissionOf(record, portalId, formGuid));
    const played = await this.playScript(record, response, {
      corsHeaders: this.corsHeaders(record),
      store,
      render: (step) => (step.body && !step.headers ? { ...step, headers: { 'Content-Type': 'application/json;charset=utf-8' } } : step),
    });
    if (played) return;

    if (portalId !== this.portalId || formGuid !== this.formGuid) return this.json(record, response, 404, problem(undefined, 'Form not found'));
    if (mediaType(record.contentType) !== 'application/json') {
      return this.json(record, response, 415, problem(undefined, `Content type '${record.contentType ?? ''}' not supported; send application/json`));
    }
    if (record.jsonError) return this.json(record, response, 400, problem(undefined, `Invalid input JSON: ${record.jsonError}`));
    const structural = this.structuralProblem(record.json);
    if (structural) return this.json(record, response, 400, problem(undefined, structural));

    const errors = this.validate(record.json);
    if (errors.length) return this.json(record, response, 400, problem(errors));
    store();
    this.json(record, response, 200, this.postSubmit);
  }

  preflight(record, response) {
    if (!isPreflight(record)) return this.json(record, response, 405, problem(undefined, 'HTTP OPTIONS without a CORS preflight'));
    // Allowed headers are listed, not echoed: a header outside the list makes the browser refuse
    // the preflight, and the POST is never sent. The record notes which ones a browser would refuse.
    record.refusedHeaders = preflightOf(record).headers.filter((name) => !this.allowedHeaders.includes(name));
    this.send(record, response, 204, {
      ...this.corsHeaders(record),
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': this.allowedHeaders.join(', '),
      'Access-Control-Max-Age': '600',
    });
  }

  structuralProblem(body) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return 'Invalid input JSON: the body must be an object';
    const unknown = Object.keys(body).filter((key) => !TOP_LEVEL.has(key));
    if (unknown.length) return `Invalid input JSON: unrecognized field${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => `"${key}"`).join(', ')}`;
    if (!Array.isArray(body.fields)) return 'Invalid input JSON: "fields" must be an array';
    for (const field of body.fields) {
      if (!field || typeof field !== 'object' || typeof field.name !== 'string' || typeof field.value !== 'string') {
        return 'Invalid input JSON: each of "fields" must be { objectTypeId?, name: string, value: string }';
      }
      const extra = Object.keys(field).filter((key) => !['objectTypeId', 'name', 'value'].includes(key));
      if (extra.length) return `Invalid input JSON: unrecognized field "${extra[0]}" in "fields"`;
    }
    if (body.context !== undefined && (typeof body.context !== 'object' || body.context === null || Array.isArray(body.context))) return 'Invalid input JSON: "context" must be an object';
    if (body.legalConsentOptions !== undefined && (typeof body.legalConsentOptions !== 'object' || body.legalConsentOptions === null)) return 'Invalid input JSON: "legalConsentOptions" must be an object';
    return undefined;
  }

  validate(body) {
    const errors = [];
    if (body.fields.length > 1000) errors.push({ message: 'Too many submitted values', errorType: 'MAX_NUMBER_OF_SUBMITTED_VALUES_EXCEEDED' });
    const given = new Map();
    for (const field of body.fields) {
      const objectTypeId = field.objectTypeId ?? '0-1';
      const known = this.fields.some((definition) => definition.name === field.name && definition.objectTypeId === objectTypeId);
      if (!known) {
        errors.push(fieldError(field.name, `Field '${field.name}' is not in the form definition`, 'FIELD_NOT_IN_FORM_DEFINITION'));
        continue;
      }
      given.set(field.name, field.value);
      if (field.value.length > MAX_VALUE) errors.push(fieldError(field.name, 'Input is too large', 'INPUT_TOO_LARGE'));
      if (field.name === 'email' && field.value !== '' && !EMAIL.test(field.value)) errors.push(fieldError(field.name, 'Invalid email address', 'INVALID_EMAIL'));
    }
    for (const name of this.required) {
      if (!given.has(name) || given.get(name).trim() === '') errors.push(fieldError(name, `Required field '${name}' is missing`, 'REQUIRED_FIELD'));
    }

    const context = body.context ?? {};
    for (const key of Object.keys(context)) {
      if (!CONTEXT_KEYS.has(key)) errors.push({ message: `Error in 'context.${key}'. Unknown context property`, errorType: 'INVALID_METADATA' });
    }
    if (context.pageUri !== undefined && !/^https?:\/\/\S+$/i.test(String(context.pageUri))) errors.push({ message: `Error in 'context.pageUri'. Invalid page URI`, errorType: 'INVALID_PAGE_URI' });
    if (context.hutk !== undefined && !/^[0-9a-f]{32}$/i.test(String(context.hutk))) errors.push({ message: `Error in 'context.hutk'. Invalid hutk`, errorType: 'INVALID_HUTK' });
    if (context.pageName !== undefined && typeof context.pageName !== 'string') errors.push({ message: `Error in 'context.pageName'. Must be a string`, errorType: 'INVALID_METADATA' });

    errors.push(...this.validateConsent(body.legalConsentOptions));
    return errors;
  }

  validateConsent(options) {
    if (options === undefined) {
      return this.requireProcessingConsent ? [{ message: 'Consent to process is required', errorType: 'MISSING_PROCESSING_CONSENT' }] : [];
    }
    const format = (text) => ({ message: `Error in 'legalConsentOptions'. ${text}`, errorType: 'INVALID_LEGAL_OPTION_FORMAT' });
    const keys = Object.keys(options);
    if (keys.length !== 1 || !['consent', 'legitimateInterest'].includes(keys[0])) return [format('Expected exactly one of "consent" or "legitimateInterest"')];
    if (keys[0] === 'legitimateInterest') {
      const interest = options.legitimateInterest ?? {};
      const errors = [];
      if (typeof interest.text !== 'string' || !interest.text.trim()) errors.push({ message: 'Legitimate interest text is missing', errorType: 'MISSING_LEGITIMATE_INTEREST_TEXT' });
      if (typeof interest.value !== 'boolean' || typeof interest.subscriptionTypeId !== 'number' || typeof interest.legalBasis !== 'string') errors.push(format('legitimateInterest needs value, subscriptionTypeId, legalBasis and text'));
      return errors;
    }
    const consent = options.consent;
    if (!consent || typeof consent !== 'object') return [format('"consent" must be an object')];
    const errors = [];
    const unknown = Object.keys(consent).filter((key) => !['consentToProcess', 'text', 'communications'].includes(key));
    if (unknown.length) errors.push(format(`Unknown consent property "${unknown[0]}"`));
    if (typeof consent.consentToProcess !== 'boolean') errors.push(format('"consentToProcess" must be a boolean'));
    if (typeof consent.text !== 'string' || !consent.text.trim()) errors.push({ message: 'Consent to process text is missing', errorType: 'MISSING_PROCESSING_CONSENT_TEXT' });
    if (this.requireProcessingConsent && consent.consentToProcess !== true) errors.push({ message: 'Consent to process is required', errorType: 'MISSING_PROCESSING_CONSENT' });
    const communications = consent.communications ?? [];
    if (!Array.isArray(communications)) return [...errors, format('"communications" must be an array')];
    const seen = new Set();
    for (const communication of communications) {
      if (!communication || typeof communication.value !== 'boolean' || typeof communication.subscriptionTypeId !== 'number') {
        errors.push(format('Each communication needs value (boolean) and subscriptionTypeId (number)'));
        continue;
      }
      if (typeof communication.text !== 'string' || !communication.text.trim()) errors.push({ message: `Communication consent text is missing for ${communication.subscriptionTypeId}`, errorType: 'MISSING_COMMUNICATION_CONSENT_TEXT' });
      if (seen.has(communication.subscriptionTypeId)) errors.push({ message: `Duplicate subscriptionTypeId ${communication.subscriptionTypeId}`, errorType: 'DUPLICATE_SUBSCRIPTION_TYPE_ID' });
      seen.add(communication.subscriptionTypeId);
      if (this.subscriptionTypeIds && !this.subscriptionTypeIds.includes(communication.subscriptionTypeId)) errors.push(format(`Unknown subscriptionTypeId ${communication.subscriptionTypeId}`));
    }
    return errors;
  }

  submissionOf(record, portalId, formGuid) {
    const body = record.json ?? {};
    const fieldList = Array.isArray(body.fields) ? body.fields : [];
    return {
      portalId,
      formGuid,
      fields: Object.fromEntries(fieldList.map((field) => [field.name, field.value])),
      fieldList,
      context: body.context,
      legalConsentOptions: body.legalConsentOptions,
      submittedAt: body.submittedAt,
    };
  }

  // Scripted answers, for respondWith().
  static invalidEmail(name = 'email') {
    return { status: 400, body: problem([fieldError(name, 'Invalid email address', 'INVALID_EMAIL')]) };
  }

  static fieldNotInForm(name) {
    return { status: 400, body: problem([fieldError(name, `Field '${name}' is not in the form definition`, 'FIELD_NOT_IN_FORM_DEFINITION')]) };
  }

  static requiredField(name) {
    return { status: 400, body: problem([fieldError(name, `Required field '${name}' is missing`, 'REQUIRED_FIELD')]) };
  }

  static errors(errors, message) {
    return { status: 400, body: problem(errors, message) };
  }

  /** The standard rate-limit answer (JSON, with CORS headers). */
  static rateLimited() {
    return {
      status: 429,
      body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: 'TEN_SECONDLY_ROLLING' },
    };
  }

  /** The IP block after ten 429s in a second: text/plain "error code: 1015" (assumed without CORS headers). */
  static blocked() {
    return { status: 429, cors: false, headers: { 'Content-Type': 'text/plain; charset=UTF-8' }, body: 'error code: 1015' };
  }

  static serverError() {
    return { status: 500, body: problem(undefined, 'Internal error') };
  }
}
