import { expect } from '@open-wc/testing';
import { flatFields } from '../../src/delivery/destinations/flat-fields.js';
import { destinationFor, type DeliveryTarget, type DestinationName } from '../../src/delivery/destinations/index.js';
import { destinations } from '../../src/delivery/destinations/registry.js';
import { exampleLead } from '../support/leads.js';

const target = (destination: DestinationName, endpoint: string, extra: Partial<DeliveryTarget> = {}): DeliveryTarget => ({ endpoint, destination, ...extra });
const answer = (status: number, body: unknown, type = 'application/json') =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('destinationFor: the automatic choice', () => {
  const cases: [string, DestinationName][] = [
    ['https://api.hsforms.com/submissions/v3/integration/submit/123456/0a1b2c3d-form', 'hubspot'],
    ['https://api.hsforms.com/submissions/v3/integration/secure/submit/1/2', 'json'],
    ['https://formspree.io/f/xyzzy', 'formspree'],
    ['https://script.google.com/macros/s/AKfy-abc/exec', 'apps-script'],
    ['https://webto.salesforce.com/servlet/servlet.WebToLead', 'salesforce'],
    ['https://hooks.zapier.com/hooks/catch/1/abc/', 'form'],
    ['https://hook.eu1.make.com/abc123', 'form'],
    ['https://eo1a2b3c.m.pipedream.net', 'form'],
    ['https://mautic.example.com/form/submit?formId=3', 'mautic'],
    ['https://mautic.example.com/form/submit', 'json'],
    ['https://example.com/api/leads', 'json'],
    ['https://n8n.example.com/webhook/leads', 'json'],
    ['https://evil.example/hooks.zapier.com', 'json'],
  ];
  for (const [url, expected] of cases) it(`${url} → ${expected}`, () => expect(destinationFor(new URL(url))).to.equal(expected));
});

describe('flatFields', () => {
  it('gives one pair a value, lists comma-separated, absent values left out, and the whole lead', () => {
    const lead = exampleLead();
    const fields = Object.fromEntries(flatFields(lead));
    expect(fields).to.deep.include({
      lead_id: lead.id,
      offer_kind: 'download',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+442079460958',
      preference: 'call',
      call_window: 'morning',
      temperature: 'warm',
      priority: 'true',
      next_steps: 'deliver-request, individual-call',
      indicators: 'manual-reports',
      do_not_contact: 'false',
      consent_text: 'Call me',
    });
    expect(JSON.parse(fields.lead)).to.deep.equal(lead);
    const none = Object.fromEntries(flatFields(exampleLead({ indicators: [], contact: { preference: 'none' } })));
    expect(none).not.to.have.any.keys('email', 'phone', 'indicators', 'call_window');
  });
});

describe('destinations: lead → request', () => {
  const lead = exampleLead();

  it('json: our JSON with the Idempotency-Key, redirects refused', () => {
    const request = destinations.json.handover(lead, target('json', 'https://example.com/leads'));
    expect(request).to.deep.include({ mode: 'cors', redirect: 'error', unreadableAnswerMeansSent: false });
    expect(request.headers).to.deep.equal({ 'Content-Type': 'application/json', 'Idempotency-Key': lead.id });
    expect(JSON.parse(request.body)).to.deep.equal(lead);
  });

  it('form: flat fields renamed as mapped, hidden fields added, no custom header (no preflight)', () => {
    const request = destinations.form.handover(lead, target('form', 'https://hooks.zapier.com/x', { fieldNames: { temperature: 'lead_temperature' }, hiddenFields: { source: 'site' } }));
    expect(Object.keys(request.headers)).to.deep.equal(['Content-Type']);
    expect(request.headers['Content-Type']).to.match(/^application\/x-www-form-urlencoded/);
    expect(request).to.deep.include({ mode: 'cors', redirect: 'error', unreadableAnswerMeansSent: true });
    const fields = form(request.body);
    expect(fields).to.include({ lead_temperature: 'warm', source: 'site', email: 'ada@example.com' });
    expect(fields).not.to.have.property('temperature');
  });

  it('hubspot: fields[] of the defaults and mapped fields only, the page, and the consent as shown', () => {
    const emailLead = exampleLead({
      contact: { preference: 'email', name: 'Ada', email: 'ada@example.com' },
      consent: { ...lead.consent, text: 'Email me', channels: { email: true, phone: false } },
    });
    const request = destinations.hubspot.handover(emailLead, target('hubspot', 'https://api.hsforms.com/submissions/v3/integration/submit/1/2', { fieldNames: { temperature: 'lead_temperature' }, subscriptionTypeId: 42 }));
    expect(request.headers).to.deep.equal({ 'Content-Type': 'application/json' });
    const body = JSON.parse(request.body);
    expect(body.fields).to.deep.equal([
      { name: 'firstname', value: 'Ada' },
      { name: 'email', value: 'ada@example.com' },
      { name: 'lead_temperature', value: 'warm' },
    ]);
    expect(body.context).to.deep.equal({ pageUri: emailLead.page.url, pageName: emailLead.offer.title });
    expect(body.legalConsentOptions).to.deep.equal({
      consent: { consentToProcess: true, text: 'Email me', communications: [{ value: true, subscriptionTypeId: 42, text: 'Email me' }] },
    });
    const call = JSON.parse(destinations.hubspot.handover(lead, target('hubspot', 'https://api.hsforms.com/submissions/v3/integration/submit/1/2', { subscriptionTypeId: 42 })).body);
    expect(call.legalConsentOptions.consent.communications, 'no email subscription for a call').to.deep.equal([]);
  });

  it('mautic: mauticform[...] fields, the form id from the endpoint, JSON mode and the AJAX header', () => {
    const request = destinations.mautic.handover(lead, target('mautic', 'https://m.example.com/form/submit?formId=3'));
    expect(request.url).to.equal('https://m.example.com/form/submit?formId=3&ajax=1');
    expect(request.headers['X-Requested-With']).to.equal('XMLHttpRequest');
    expect(form(request.body)).to.include({ 'mauticform[email]': 'ada@example.com', 'mauticform[formId]': '3', 'mauticform[return]': lead.page.url });
  });

  it('salesforce: Web-to-Lead fields, a readable description, no-cors', () => {
    const request = destinations.salesforce.handover(lead, target('salesforce', 'https://webto.salesforce.com/servlet/servlet.WebToLead', { hiddenFields: { oid: '00D000000000001', lead_source: 'Benchmark' } }));
    expect(request.url).to.equal('https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8');
    expect(request.mode).to.equal('no-cors');
    const fields = form(request.body);
    expect(fields).to.include({ oid: '00D000000000001', last_name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958', lead_source: 'Benchmark' });
    expect(fields.description).to.contain('Temperature: warm (priority)').and.contain('Follow-up: call (morning').and.contain('Consent: "Call me"');
  });

  it('says what a destination cannot work without', () => {
    expect(destinations.salesforce.missing?.(target('salesforce', 'https://webto.salesforce.com/servlet/servlet.WebToLead'))).to.contain('oid');
    expect(destinations.netlify.missing?.(target('netlify', 'https://example.com/'))).to.contain('form-name');
    expect(destinations.netlify.missing?.(target('netlify', 'https://example.com/', { hiddenFields: { 'form-name': 'leads' } }))).to.equal(undefined);
    expect(destinations.mautic.missing?.(target('mautic', 'https://m.example.com/form/submit'))).to.contain('formId');
    expect(destinations.hubspot.missing?.(target('hubspot', 'https://api.hsforms.com/'))).to.contain('portalId');
  });
});

describe('destinations: answer → outcome', () => {
  const hubspot = target('hubspot', 'https://api.hsforms.com/submissions/v3/integration/submit/1/2');

  it('hubspot: 200 sent; INVALID_EMAIL at the email field; a property the form lacks as the form problem', async () => {
    expect(await destinations.hubspot.read(answer(200, { inlineMessage: 'Thanks' }), hubspot)).to.deep.equal({ kind: 'delivered', status: 200, confirmed: true });
    const invalid = await destinations.hubspot.read(answer(400, { status: 'error', errors: [{ message: "Error in 'fields.email'. Invalid email address", errorType: 'INVALID_EMAIL' }] }), hubspot);
    expect(invalid).to.deep.equal({ kind: 'rejected', status: 400, problem: 'Invalid email address', fields: { email: 'Invalid email address' } });
    const unknown = await destinations.hubspot.read(answer(400, { errors: [{ message: "Error in 'fields.lead_temperature'. Property does not exist", errorType: 'FIELD_NOT_IN_FORM_DEFINITION' }] }), hubspot);
    expect(unknown).to.deep.equal({ kind: 'rejected', status: 400, problem: 'Property does not exist', fields: {} });
    expect(await destinations.hubspot.read(answer(429, { errorType: 'RATE_LIMIT' }), hubspot)).to.include({ kind: 'failed', reason: 'server', status: 429 });
  });

  it('formspree: next/ok sent; errors by field; an HTML page never counts as sent', async () => {
    const formspree = target('formspree', 'https://formspree.io/f/x');
    expect(await destinations.formspree.read(answer(200, { next: '/thanks', ok: true }), formspree)).to.include({ kind: 'delivered' });
    const refused = await destinations.formspree.read(answer(422, { error: 'Validation errors', errors: [{ field: 'email', code: 'TYPE_EMAIL', message: 'should be an email' }] }), formspree);
    expect(refused).to.deep.equal({ kind: 'rejected', status: 422, problem: 'email: should be an email', fields: { email: 'should be an email' } });
    expect(await destinations.formspree.read(answer(200, '<html>Thanks!</html>', 'text/html'), formspree)).to.include({ kind: 'rejected' });
  });

  it('mautic: always 200; success 0 with validationErrors is a refusal by field alias', async () => {
    const mautic = target('mautic', 'https://m.example.com/form/submit?formId=3', { fieldNames: { email: 'email_address' } });
    expect(await destinations.mautic.read(answer(200, { success: 1 }), mautic)).to.include({ kind: 'delivered', confirmed: true });
    const refused = await destinations.mautic.read(answer(200, { success: 0, validationErrors: { email_address: 'The email is invalid.' } }), mautic);
    expect(refused).to.deep.equal({ kind: 'rejected', status: 200, problem: 'email_address: The email is invalid.', fields: { email: 'The email is invalid.' } });
    expect(await destinations.mautic.read(answer(200, { success: 0, errorMessage: 'This form is no longer available.' }), mautic)).to.include({ kind: 'rejected', problem: 'This form is no longer available.' });
  });

  it('apps-script: the echoed body decides; an error page is a failure', async () => {
    const script = target('apps-script', 'https://script.google.com/macros/s/x/exec');
    expect(await destinations['apps-script'].read(answer(200, { result: 'success' }), script)).to.include({ kind: 'delivered' });
    expect(await destinations['apps-script'].read(answer(200, { ok: false, error: 'Sheet is full' }), script)).to.include({ kind: 'rejected', problem: 'Sheet is full' });
    expect(await destinations['apps-script'].read(answer(200, { result: 'error' }), script)).to.include({ kind: 'rejected' });
    expect(await destinations['apps-script'].read(answer(200, '<html>TypeError</html>', 'text/html'), script)).to.include({ kind: 'rejected' });
    expect(await destinations['apps-script'].read(answer(200, 'ok', 'text/plain'), script)).to.include({ kind: 'delivered' });
  });
});
