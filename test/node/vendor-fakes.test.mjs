// The vendor fakes enforce their vendors' browser-side contracts (test/e2e/support/vendors/CONTRACTS.md):
// each is checked here with Node's fetch, which does not enforce CORS itself, so every test
// looks at the headers a browser would judge: a preflight answered or refused, which request
// headers it grants, whether an answer carries Access-Control-Allow-Origin, and what was stored.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  AppsScriptFake,
  FormspreeFake,
  HubSpotFake,
  MakeFake,
  MauticFake,
  NetlifyFake,
  PipedreamFake,
  SalesforceFake,
  ZapierFake,
} from '../e2e/support/vendors/index.mjs';

const PAGE = 'http://shop.example';
const form = (fields) => new URLSearchParams(fields).toString();
const FORM_TYPE = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** A browser's preflight for a POST carrying `headers` (lower-case names). */
function preflight(url, headers = [], origin = PAGE) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', ...(headers.length ? { 'Access-Control-Request-Headers': headers.join(',') } : {}) },
  });
}

/** Whether a browser would let the POST through after this preflight answer. */
function preflightPasses(response, origin, headers = []) {
  const allowOrigin = response.headers.get('access-control-allow-origin');
  if (!response.ok || (allowOrigin !== '*' && allowOrigin !== origin)) return false;
  const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(',').map((name) => name.trim().toLowerCase());
  return headers.every((name) => allowed.includes(name) || (allowed.includes('*') && name !== 'authorization'));
}

/** Whether a page on `origin` could read this answer (a credential-less CORS request). */
const readable = (response, origin = PAGE) => [origin, '*'].includes(response.headers.get('access-control-allow-origin'));

const hasNoCorsHeaders = (response) => [...response.headers.keys()].every((name) => !name.startsWith('access-control-'));

describe('HubSpot Forms API v3', () => {
  let hubspot;
  const valid = () => ({
    fields: [
      { objectTypeId: '0-1', name: 'email', value: 'ada@example.org' },
      { objectTypeId: '0-1', name: 'firstname', value: 'Ada' },
      { name: 'phone', value: '+44 20 7946 0000' },
    ],
    context: { pageUri: 'https://shop.example/offer', pageName: 'The Benchmark' },
    legalConsentOptions: {
      consent: {
        consentToProcess: true,
        text: 'I agree to the processing of my data to receive the benchmark.',
        communications: [{ value: true, subscriptionTypeId: 999, text: 'Send me follow-up by email.' }],
      },
    },
  });
  const submit = (body, headers = {}) =>
    fetch(hubspot.endpoint, { method: 'POST', headers: { Origin: PAGE, 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  before(async () => {
    hubspot = await new HubSpotFake().start();
  });
  after(() => hubspot.stop());

  test('answers the preflight for JSON, granting Content-Type but not a custom header', async () => {
    const json = await preflight(hubspot.endpoint, ['content-type']);
    assert.equal(json.status, 204);
    assert.equal(json.headers.get('access-control-allow-origin'), PAGE);
    assert.match(json.headers.get('access-control-allow-methods'), /POST/);
    assert.ok(preflightPasses(json, PAGE, ['content-type']));
    const withKey = await preflight(hubspot.endpoint, ['content-type', 'idempotency-key']);
    assert.equal(preflightPasses(withKey, PAGE, ['content-type', 'idempotency-key']), false);
    assert.deepEqual(hubspot.requests.at(-1).refusedHeaders, ['idempotency-key']);
  });

  test('a valid submission is stored and answered 200 { inlineMessage }, readable cross-origin', async () => {
    const before = hubspot.accepted.length;
    const response = await submit(valid());
    assert.equal(response.status, 200);
    assert.ok(readable(response));
    assert.deepEqual(await response.json(), { inlineMessage: 'Thanks for submitting the form.' });
    const stored = hubspot.accepted.at(-1);
    assert.equal(hubspot.accepted.length, before + 1);
    assert.deepEqual(stored.fields, { email: 'ada@example.org', firstname: 'Ada', phone: '+44 20 7946 0000' });
    assert.equal(stored.context.pageName, 'The Benchmark');
    assert.equal(stored.legalConsentOptions.consent.communications[0].subscriptionTypeId, 999);
  });

  test('an unknown field is refused with FIELD_NOT_IN_FORM_DEFINITION, and nothing is stored', async () => {
    const before = hubspot.accepted.length;
    const body = valid();
    body.fields.push({ name: 'temperature', value: 'hot' });
    const response = await submit(body);
    assert.equal(response.status, 400);
    assert.ok(readable(response));
    const answer = await response.json();
    assert.equal(answer.status, 'error');
    assert.deepEqual(answer.errors.map((error) => error.errorType), ['FIELD_NOT_IN_FORM_DEFINITION']);
    assert.match(answer.errors[0].message, /^Error in 'fields\.temperature'\./);
    assert.equal(hubspot.accepted.length, before);
  });

  test('a bad email is INVALID_EMAIL, a missing one REQUIRED_FIELD', async () => {
    const bad = valid();
    bad.fields[0].value = 'ada@';
    const invalid = await (await submit(bad)).json();
    assert.deepEqual(invalid.errors, [{ message: "Error in 'fields.email'. Invalid email address", errorType: 'INVALID_EMAIL' }]);
    const missing = valid();
    missing.fields.shift();
    const required = await (await submit(missing)).json();
    assert.deepEqual(required.errors.map((error) => error.errorType), ['REQUIRED_FIELD']);
  });

  test('consent must carry its texts; a subscription type may appear once', async () => {
    const noText = valid();
    noText.legalConsentOptions.consent.text = '';
    assert.deepEqual((await (await submit(noText)).json()).errors.map((error) => error.errorType), ['MISSING_PROCESSING_CONSENT_TEXT']);
    const twice = valid();
    twice.legalConsentOptions.consent.communications.push({ value: false, subscriptionTypeId: 999, text: 'Again' });
    assert.deepEqual((await (await submit(twice)).json()).errors.map((error) => error.errorType), ['DUPLICATE_SUBSCRIPTION_TYPE_ID']);
    const noCommunicationText = valid();
    delete noCommunicationText.legalConsentOptions.consent.communications[0].text;
    assert.deepEqual((await (await submit(noCommunicationText)).json()).errors.map((error) => error.errorType), ['MISSING_COMMUNICATION_CONSENT_TEXT']);
  });

  test('only JSON of the documented shape: form-encoded is 415, unknown keys and bad JSON are 400', async () => {
    const encoded = await fetch(hubspot.endpoint, { method: 'POST', headers: { Origin: PAGE, ...FORM_TYPE }, body: form({ email: 'ada@example.org' }) });
    assert.equal(encoded.status, 415);
    assert.equal((await submit({ ...valid(), id: 'lead-1' })).status, 400);
    assert.equal((await submit('{"fields": [')).status, 400);
    assert.equal((await submit({ fields: [{ name: 'email', value: 42 }] })).status, 400);
  });

  test('an unknown portal or form is 404', async () => {
    const response = await fetch(hubspot.endpoint.replace(hubspot.formGuid, 'no-such-form'), { method: 'POST', headers: { Origin: PAGE, 'Content-Type': 'application/json' }, body: JSON.stringify(valid()) });
    assert.equal(response.status, 404);
    assert.equal((await response.json()).status, 'error');
  });

  test('scripted answers: 429 (readable), the IP block (not readable), then the contract again', async () => {
    hubspot.respondWith(HubSpotFake.rateLimited(), HubSpotFake.blocked(), HubSpotFake.invalidEmail());
    const limited = await submit(valid());
    assert.equal(limited.status, 429);
    assert.ok(readable(limited));
    assert.equal((await limited.json()).errorType, 'RATE_LIMIT');
    const blocked = await submit(valid());
    assert.equal(blocked.status, 429);
    assert.equal(readable(blocked), false);
    assert.equal(await blocked.text(), 'error code: 1015');
    assert.equal((await (await submit(valid())).json()).errors[0].errorType, 'INVALID_EMAIL');
    assert.equal((await submit(valid())).status, 200);
  });

  test('past 50 requests in 10 seconds it answers 429', async () => {
    const limited = await new HubSpotFake({ rateLimit: { max: 2, windowMs: 10_000 } }).start();
    try {
      const post = () => fetch(limited.endpoint, { method: 'POST', headers: { Origin: PAGE, 'Content-Type': 'application/json' }, body: JSON.stringify(valid()) });
      assert.deepEqual([(await post()).status, (await post()).status, (await post()).status], [200, 200, 429]);
      assert.equal(limited.accepted.length, 2);
    } finally {
      await limited.stop();
    }
  });
});

describe('Mautic form submit', () => {
  let mautic;
  const fields = (extra = {}) => ({ 'mauticform[formId]': '1', 'mauticform[return]': `${PAGE}/offer`, 'mauticform[formName]': 'leadform', ...extra });
  const submit = (url, body, headers = {}) => fetch(url, { method: 'POST', redirect: 'manual', headers: { Origin: PAGE, ...FORM_TYPE, ...headers }, body: form(body) });

  before(async () => {
    mautic = await new MauticFake({ validDomains: ['http://shop.example'] }).start();
  });
  after(() => mautic.stop());

  test('AJAX mode (?ajax=1) answers 200 success:0 + validationErrors for a missing required field', async () => {
    const response = await submit(mautic.endpoint(1), fields({ 'mauticform[firstname]': 'Ada' }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { success: 0, validationErrors: { email: "'Email' is required." }, formName: 'leadform' });
    assert.equal(mautic.accepted.length, 0);
  });

  test('AJAX mode answers 200 success:1 and stores only the form’s own fields', async () => {
    const response = await submit(mautic.endpoint(1), fields({ 'mauticform[email]': 'ada@example.org', 'mauticform[firstname]': 'Ada', 'mauticform[temperature]': 'hot', 'mauticform[messenger]': '1' }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      success: 1,
      results: { email: 'ada@example.org', firstname: 'Ada' },
      successMessage: 'Thank you for your interest.',
      formName: 'leadform',
    });
    assert.deepEqual(mautic.accepted.at(-1).results, { email: 'ada@example.org', firstname: 'Ada' });
  });

  test('a bad email and a missing formId are failures, still 200', async () => {
    const bad = await submit(mautic.endpoint(1), fields({ 'mauticform[email]': 'ada@' }));
    assert.deepEqual((await bad.json()).validationErrors, { email: 'The email is invalid.' });
    const noForm = await submit(mautic.endpoint(1), { 'mauticform[email]': 'ada@example.org' });
    assert.equal(noForm.status, 200);
    assert.deepEqual(await noForm.json(), { success: 0, errorMessage: 'This form is no longer available.' });
  });

  test('CORS headers only on X-Requested-With requests: the Origin when valid, empty otherwise', async () => {
    const count = mautic.accepted.length;
    const plain = await submit(mautic.endpoint(1), fields({ 'mauticform[email]': 'plain@example.org' }));
    assert.ok(hasNoCorsHeaders(plain), 'a simple POST gets no CORS headers');
    assert.equal(mautic.accepted.length, count + 1, '…yet it was stored: sent, but unreadable');
    const xhr = await submit(mautic.endpoint(1), fields({ 'mauticform[email]': 'xhr@example.org' }), { 'X-Requested-With': 'XMLHttpRequest' });
    assert.equal(xhr.headers.get('access-control-allow-origin'), PAGE);
    assert.equal(xhr.headers.get('access-control-allow-credentials'), 'true');
    const elsewhere = await submit(mautic.endpoint(1), fields({ 'mauticform[email]': 'x@example.org' }), { 'X-Requested-With': 'XMLHttpRequest', Origin: 'http://other.example' });
    assert.equal(elsewhere.headers.get('access-control-allow-origin'), '');
    assert.equal(readable(elsewhere, 'http://other.example'), false);
  });

  test('preflights: 204 always, CORS headers only for a valid domain that asks for headers', async () => {
    const valid = await preflight(mautic.endpoint(1), ['x-requested-with']);
    assert.equal(valid.status, 204);
    assert.ok(preflightPasses(valid, PAGE, ['x-requested-with']));
    assert.equal(preflightPasses(await preflight(mautic.endpoint(1), ['x-requested-with', 'idempotency-key']), PAGE, ['x-requested-with', 'idempotency-key']), false);
    const invalid = await preflight(mautic.endpoint(1), ['x-requested-with'], 'http://other.example');
    assert.equal(invalid.status, 204);
    assert.ok(hasNoCorsHeaders(invalid));
    assert.ok(hasNoCorsHeaders(await preflight(mautic.endpoint(1), [])), 'no Access-Control-Request-Headers, no CORS headers');
  });

  test('X-Requested-With alone does not switch to JSON: without ajax it redirects', async () => {
    const response = await submit(mautic.endpoint(1, { ajax: false }), fields({ 'mauticform[email]': 'ada@' }), { 'X-Requested-With': 'XMLHttpRequest' });
    assert.equal(response.status, 302);
    const location = new URL(response.headers.get('location'));
    assert.equal(location.origin + location.pathname, `${PAGE}/offer`);
    assert.match(location.searchParams.get('mauticError'), /The email is invalid\./);
    assert.equal(location.hash, '#leadform');
  });

  test('messenger mode answers an HTML page that postMessage()s the JSON', async () => {
    const response = await submit(mautic.endpoint(1, { ajax: false }), fields({ 'mauticform[email]': 'ada@example.org', 'mauticform[messenger]': '1' }));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /text\/html/);
    assert.match(await response.text(), /parent\.postMessage\("\{\\"success\\":1/);
  });

  test('/form/submit/ajax adds { message, type, success: boolean }', async () => {
    const response = await submit(`${mautic.origin}/form/submit/ajax`, fields({ 'mauticform[email]': 'ada@example.org' }));
    const answer = await response.json();
    assert.equal(answer.success, true);
    assert.equal(answer.type, 'notice');
    assert.equal(answer.message, 'Thank you for your interest.');
  });

  test('a JSON body carries no mauticform[…]: the form is "no longer available"', async () => {
    const response = await fetch(mautic.endpoint(1), { method: 'POST', headers: { Origin: PAGE, 'Content-Type': 'application/json' }, body: JSON.stringify({ mauticform: { formId: 1, email: 'ada@example.org' } }) });
    assert.deepEqual(await response.json(), { success: 0, errorMessage: 'This form is no longer available.' });
  });

  test('scripted validationErrors are answered in the request’s mode', async () => {
    mautic.respondWith(MauticFake.validationErrors({ email: 'This address is blocked.' }));
    const response = await submit(mautic.endpoint(1), fields({ 'mauticform[email]': 'ada@example.org' }));
    assert.deepEqual(await response.json(), { success: 0, validationErrors: { email: 'This address is blocked.' }, formName: 'leadform' });
  });
});

describe('Formspree', () => {
  let formspree;
  const submitJson = (body, headers = {}) =>
    fetch(formspree.endpoint(), { method: 'POST', redirect: 'manual', headers: { Origin: PAGE, 'Content-Type': 'application/json', Accept: 'application/json', ...headers }, body: JSON.stringify(body) });

  before(async () => {
    formspree = await new FormspreeFake().start();
  });
  after(() => formspree.stop());

  test('the preflight grants Content-Type and Accept, not Idempotency-Key', async () => {
    const response = await preflight(formspree.endpoint(), ['content-type']);
    assert.ok(preflightPasses(response, PAGE, ['content-type']));
    const withKey = await preflight(formspree.endpoint(), ['content-type', 'idempotency-key']);
    assert.equal(preflightPasses(withKey, PAGE, ['content-type', 'idempotency-key']), false);
  });

  test('JSON with Accept: application/json → 200 { ok: true, next }, readable', async () => {
    const response = await submitJson({ email: 'ada@example.org', name: 'Ada', temperature: 'hot' });
    assert.equal(response.status, 200);
    assert.ok(readable(response));
    assert.deepEqual(await response.json(), { next: formspree.next, ok: true });
    assert.deepEqual(formspree.accepted.at(-1).fields, { email: 'ada@example.org', name: 'Ada', temperature: 'hot' });
  });

  test('without asking for JSON the answer is HTML (a 302 to the thank-you page)', async () => {
    const response = await fetch(formspree.endpoint(), { method: 'POST', redirect: 'manual', headers: { Origin: PAGE, ...FORM_TYPE }, body: form({ email: 'ada@example.org' }) });
    assert.equal(response.status, 302);
    assert.match(response.headers.get('content-type'), /text\/html/);
    assert.equal(response.headers.get('location'), formspree.next);
    const asJson = await fetch(formspree.endpoint(), { method: 'POST', headers: { Origin: PAGE, ...FORM_TYPE, Accept: 'application/json' }, body: form({ email: 'ada@example.org' }) });
    assert.deepEqual(await asJson.json(), { next: formspree.next, ok: true });
  });

  test('field errors come back as errors[] by field', async () => {
    const missing = await submitJson({ name: 'Ada' });
    assert.equal(missing.status, 422);
    assert.deepEqual((await missing.json()).errors, [{ code: 'REQUIRED_FIELD_MISSING', field: 'email', message: 'is required' }]);
    const invalid = await (await submitJson({ email: 'ada@' })).json();
    assert.deepEqual(invalid.errors.map((error) => [error.code, error.field]), [['TYPE_EMAIL', 'email']]);
    const empty = await (await submitJson({})).json();
    assert.equal(empty.errors[0].code, 'EMPTY');
  });

  test('a filled _gotcha is answered as a success but not stored', async () => {
    const count = formspree.accepted.length;
    const response = await submitJson({ email: 'bot@example.org', _gotcha: 'http://spam.example' });
    assert.deepEqual(await response.json(), { next: formspree.next, ok: true });
    assert.equal(formspree.accepted.length, count);
  });

  test('an unknown form is 404 FORM_NOT_FOUND; scripted errors are answered as JSON', async () => {
    const unknown = await fetch(formspree.endpoint('nope'), { method: 'POST', headers: { Origin: PAGE, 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{"email":"ada@example.org"}' });
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).errors[0].code, 'FORM_NOT_FOUND');
    formspree.respondWith(FormspreeFake.fieldErrors([{ code: 'TYPE_EMAIL', field: 'email', message: 'should be an email' }]));
    const scripted = await submitJson({ email: 'ada@example.org' });
    assert.equal(scripted.status, 422);
    assert.ok(readable(scripted));
    assert.equal((await scripted.json()).errors[0].field, 'email');
  });
});

describe('Netlify Forms', () => {
  let netlify;
  before(async () => {
    netlify = await new NetlifyFake({ pages: { '/': '<!doctype html><title>Home</title>' } }).start();
  });
  after(() => netlify.stop());
  const submit = (body, headers = FORM_TYPE) => fetch(netlify.endpoint, { method: 'POST', headers, body });

  test('a known form-name is stored (registered fields only) and answered 200, with no CORS headers', async () => {
    const response = await submit(form({ 'form-name': 'lead-capture', name: 'Ada', email: 'ada@example.org', temperature: 'hot' }));
    assert.equal(response.status, 200);
    assert.ok(hasNoCorsHeaders(response));
    assert.deepEqual(netlify.accepted.at(-1).fields, { name: 'Ada', email: 'ada@example.org' });
    assert.deepEqual(netlify.accepted.at(-1).dropped, ['temperature']);
  });

  test('an unknown or missing form-name, or a JSON body, is 404', async () => {
    assert.equal((await submit(form({ 'form-name': 'other', email: 'ada@example.org' }))).status, 404);
    assert.equal((await submit(form({ email: 'ada@example.org' }))).status, 404);
    assert.equal((await submit(JSON.stringify({ 'form-name': 'lead-capture', email: 'ada@example.org' }), { 'Content-Type': 'application/json' })).status, 404);
  });

  test('a filled honeypot is answered 200 but dropped', async () => {
    const count = netlify.accepted.length;
    assert.equal((await submit(form({ 'form-name': 'lead-capture', email: 'bot@example.org', 'bot-field': 'x' }))).status, 200);
    assert.equal(netlify.accepted.length, count);
  });

  test('serves the site’s pages; a preflight gets no CORS headers', async () => {
    assert.equal((await fetch(`${netlify.origin}/`)).status, 200);
    assert.ok(hasNoCorsHeaders(await preflight(netlify.endpoint, ['content-type'])));
  });
});

describe('Salesforce Web-to-Lead', () => {
  let salesforce;
  before(async () => {
    salesforce = await new SalesforceFake({ customFields: ['00N5g00000AbCdE'] }).start();
  });
  after(() => salesforce.stop());
  const lead = (extra = {}) => ({ oid: '00D5g000004ABCD', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', phone: '+44 20 7946 0000', lead_source: 'Web', description: 'Wants the benchmark.\nTemperature: hot', retURL: `${PAGE}/thanks`, ...extra });
  const submit = (body, headers = FORM_TYPE) => fetch(salesforce.endpoint, { method: 'POST', headers: { Origin: PAGE, ...headers }, body });

  test('a lead is created and answered 200 HTML with no CORS headers at all', async () => {
    const response = await submit(form(lead({ '00N5g00000AbCdE': 'hot', '00N5g00000ZzZzZ': 'unknown' })));
    assert.equal(response.status, 200);
    assert.ok(hasNoCorsHeaders(response));
    assert.match(await response.text(), /Refresh" content="0; URL=http:\/\/shop\.example\/thanks/);
    const stored = salesforce.accepted.at(-1);
    assert.equal(stored.lead.last_name, 'Lovelace');
    assert.equal(stored.lead['00N5g00000AbCdE'], 'hot');
    assert.deepEqual(stored.ignored, ['00N5g00000ZzZzZ']);
  });

  test('the preflight is refused: no CORS headers', async () => {
    const response = await preflight(salesforce.endpoint, ['content-type']);
    assert.equal(preflightPasses(response, PAGE, ['content-type']), false);
    assert.ok(hasNoCorsHeaders(response));
  });

  test('a wrong oid, a missing last_name or a text/plain body: the same 200, but no lead', async () => {
    const count = salesforce.accepted.length;
    for (const body of [form(lead({ oid: '00D000000000000' })), form(lead({ last_name: '' }))]) {
      assert.equal((await submit(body)).status, 200);
    }
    assert.equal((await submit(JSON.stringify(lead()), { 'Content-Type': 'text/plain;charset=UTF-8' })).status, 200);
    assert.equal(salesforce.accepted.length, count);
    assert.deepEqual(salesforce.rejected.map((entry) => entry.reason), ['unknown oid 00D000000000000', 'missing last_name', 'no oid']);
  });
});

describe('Google Apps Script web app', () => {
  let script;
  before(async () => {
    script = await new AppsScriptFake().start();
  });
  after(() => script.stop());
  const submit = (body, { redirect = 'manual', headers = FORM_TYPE, query = '' } = {}) =>
    fetch(`${script.endpoint}${query}`, { method: 'POST', redirect, headers: { Origin: PAGE, ...headers }, body });

  test('OPTIONS fails: 405 without CORS headers', async () => {
    const response = await preflight(script.endpoint, ['content-type']);
    assert.equal(response.status, 405);
    assert.ok(hasNoCorsHeaders(response));
  });

  test('POST runs doPost once and answers 302 (with ACAO: *) to the echo host', async () => {
    const response = await submit(form({ email: 'ada@example.org', name: 'Ada' }));
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const location = new URL(response.headers.get('location'));
    assert.equal(location.origin, script.echo.origin);
    assert.equal(location.pathname, '/macros/echo');
    assert.ok(location.searchParams.get('user_content_key'));
    assert.deepEqual(script.accepted.at(-1).parameter, { email: 'ada@example.org', name: 'Ada' });
    const echoed = await fetch(location, { headers: { Origin: 'null' } });
    assert.equal(echoed.status, 200);
    assert.equal(echoed.headers.get('access-control-allow-origin'), '*');
    assert.match(echoed.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(await echoed.json(), { result: 'success', row: script.accepted.length + 1 });
  });

  test('following the redirect ends on the echoed output; doPost ran once', async () => {
    const count = script.accepted.length;
    const response = await submit(form({ email: 'grace@example.org' }), { redirect: 'follow' });
    assert.ok(response.redirected);
    assert.equal(new URL(response.url).origin, script.echo.origin);
    assert.equal((await response.json()).result, 'success');
    assert.equal(script.accepted.length, count + 1);
    assert.equal(script.echo.requests.at(-1).method, 'GET');
  });

  test('e.parameter merges the query string and a form body; a JSON body stays in e.postData', async () => {
    await submit(form({ email: 'ada@example.org' }), { query: '?source=widget' });
    assert.deepEqual(script.requests.at(-1).event.parameter, { source: 'widget', email: 'ada@example.org' });
    await submit('{"email":"ada@example.org"}', { headers: { 'Content-Type': 'text/plain;charset=utf-8' } });
    const event = script.requests.at(-1).event;
    assert.deepEqual(event.parameter, {});
    assert.equal(event.postData.contents, '{"email":"ada@example.org"}');
    assert.equal(event.postData.type, 'text/plain');
  });

  test('a scripted { result: "error" } is echoed as the script’s output; the Location uses echoOrigin', async () => {
    script.respondWith(AppsScriptFake.failure());
    const response = await submit(form({ email: 'ada@example.org' }), { redirect: 'follow' });
    assert.deepEqual(await response.json(), { result: 'error', error: 'Sheet is full' });
    const named = await new AppsScriptFake({ echoOrigin: 'https://script.googleusercontent.com' }).start();
    try {
      const redirect = await fetch(named.endpoint, { method: 'POST', redirect: 'manual', headers: FORM_TYPE, body: form({ a: '1' }) });
      assert.match(redirect.headers.get('location'), /^https:\/\/script\.googleusercontent\.com\/macros\/echo\?user_content_key=/);
    } finally {
      await named.stop();
    }
  });

  test('an unknown deployment is 404', async () => {
    assert.equal((await fetch(script.endpoint.replace(script.deploymentId, 'AKfycbNope'), { method: 'POST', headers: FORM_TYPE, body: 'a=1' })).status, 404);
  });
});

describe('Zapier catch hook', () => {
  let zapier;
  before(async () => {
    zapier = await new ZapierFake().start();
  });
  after(() => zapier.stop());

  test('a form-encoded POST is stored and acknowledged { status: "success" } with ACAO: *', async () => {
    const response = await fetch(`${zapier.endpoint}?source=widget`, { method: 'POST', headers: { Origin: PAGE, ...FORM_TYPE }, body: form({ email: 'ada@example.org', name: 'Ada' }) });
    assert.equal(response.status, 200);
    assert.ok(readable(response));
    const answer = await response.json();
    assert.equal(answer.status, 'success');
    assert.deepEqual(Object.keys(answer).sort(), ['attempt', 'id', 'request_id', 'status']);
    assert.deepEqual(zapier.accepted.at(-1).data, { source: 'widget', email: 'ada@example.org', name: 'Ada' });
  });

  test('the preflight is refused; an unknown hook is 404', async () => {
    const response = await preflight(zapier.endpoint, ['content-type']);
    assert.equal(preflightPasses(response, PAGE, ['content-type']), false);
    assert.ok(hasNoCorsHeaders(response));
    assert.equal((await fetch(zapier.endpoint.replace('abcdef1', 'zzz'), { method: 'POST', headers: FORM_TYPE, body: 'a=1' })).status, 404);
  });

  test('corsOnAnswer:false: stored, but the answer is unreadable', async () => {
    const silent = await new ZapierFake({ corsOnAnswer: false }).start();
    try {
      const response = await fetch(silent.endpoint, { method: 'POST', headers: { Origin: PAGE, ...FORM_TYPE }, body: form({ email: 'ada@example.org' }) });
      assert.equal(readable(response), false);
      assert.equal(silent.accepted.length, 1);
    } finally {
      await silent.stop();
    }
  });
});

describe('Make custom webhook', () => {
  let make;
  before(async () => {
    make = await new MakeFake().start();
  });
  after(() => make.stop());

  test('a POST is stored and acknowledged 200 "Accepted", without CORS headers by default', async () => {
    const response = await fetch(make.endpoint, { method: 'POST', headers: { Origin: PAGE, ...FORM_TYPE }, body: form({ email: 'ada@example.org' }) });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'Accepted');
    assert.ok(hasNoCorsHeaders(response));
    assert.deepEqual(make.accepted.at(-1).data, { email: 'ada@example.org' });
  });

  test('an unknown hook is 410; the preflight is refused', async () => {
    assert.equal((await fetch(`${make.origin}/nohook`, { method: 'POST', headers: FORM_TYPE, body: 'a=1' })).status, 410);
    assert.equal(preflightPasses(await preflight(make.endpoint, ['content-type']), PAGE, ['content-type']), false);
  });
});

describe('Pipedream HTTP trigger', () => {
  let pipedream;
  before(async () => {
    pipedream = await new PipedreamFake({ maxBody: 1024 }).start();
  });
  after(() => pipedream.stop());

  test('OPTIONS is answered with ACAO: * and the methods, but grants no request header', async () => {
    const simple = await preflight(pipedream.endpoint);
    assert.ok(preflightPasses(simple, PAGE));
    assert.equal(simple.headers.get('access-control-allow-methods'), 'GET,HEAD,PUT,PATCH,POST,DELETE');
    assert.equal(preflightPasses(await preflight(pipedream.endpoint, ['content-type']), PAGE, ['content-type']), false);
  });

  test('a POST is stored and answered with the default "Success!" page, with ACAO: *', async () => {
    const response = await fetch(pipedream.endpoint, { method: 'POST', headers: { Origin: PAGE, ...FORM_TYPE }, body: form({ email: 'ada@example.org' }) });
    assert.equal(response.status, 200);
    assert.ok(readable(response));
    assert.match(await response.text(), /<b>Success!<\/b>/);
    assert.deepEqual(pipedream.accepted.at(-1).data, { email: 'ada@example.org' });
  });

  test('another endpoint id is 404; a body over the limit is 413', async () => {
    const status = await new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: pipedream.port, method: 'POST', path: '/', headers: { Host: 'enotmine.m.pipedream.net', ...FORM_TYPE } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      request.end('a=1');
    });
    assert.equal(status, 404);
    assert.equal((await fetch(pipedream.endpoint, { method: 'POST', headers: FORM_TYPE, body: 'a='.padEnd(2048, 'x') })).status, 413);
  });
});

describe('every fake', () => {
  test('a scripted hang after storing leaves the lead stored and the request unanswered', async () => {
    const zapier = await new ZapierFake().start();
    try {
      zapier.respondWith({ accept: true, hang: true });
      const controller = new AbortController();
      const pending = fetch(zapier.endpoint, { method: 'POST', headers: FORM_TYPE, body: 'email=ada%40example.org', signal: controller.signal });
      await zapier.waitForAccepted(1);
      controller.abort();
      await assert.rejects(pending, { name: 'AbortError' });
      assert.equal(zapier.accepted.length, 1);
    } finally {
      await zapier.stop();
    }
  });

  test('stop() makes the vendor unreachable; start() on the same port brings it back', async () => {
    const make = await new MakeFake().start();
    const { port } = make;
    await make.stop();
    await assert.rejects(fetch(make.endpoint, { method: 'POST', body: 'a=1' }));
    const again = await new MakeFake().start(port);
    try {
      assert.equal((await fetch(again.endpoint, { method: 'POST', headers: FORM_TYPE, body: 'a=1' })).status, 200);
    } finally {
      await again.stop();
    }
  });
});
