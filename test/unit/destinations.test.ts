import { expect } from '@open-wc/testing';
import { flatFieldNames, flatFields } from '../../src/delivery/destinations/form-fields.js';
import { siteFields } from '../../src/delivery/destinations/site-fields.js';
import { destinationFor, destinations } from '../../src/delivery/destinations/index.js';
import type { DestinationName } from '../../src/delivery/destinations/names.js';
import type { DeliveryTarget } from '../../src/delivery/destinations/types.js';
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

describe('siteFields: the lead\'s own fields carry the prospect\'s answers', () => {
  it('refuses hidden fields named like the lead\'s own fields, or a destination\'s own names', () => {
    const { hiddenFields, refused } = siteFields(destinations.form, {}, { do_not_contact: 'true', lead: '{}', source: 'site' });
    expect(hiddenFields).to.deep.equal({ source: 'site' });
    expect(refused.map((entry) => entry.option)).to.deep.equal(['hidden-fields', 'hidden-fields']);
    expect(siteFields(destinations.salesforce, {}, { description: 'x', lead_source: 'Webinar' }).hiddenFields).to.deep.equal({ lead_source: 'Webinar' });
    expect(siteFields(destinations.hubspot, {}, { firstname: 'x' }).hiddenFields).to.deep.equal({});
    expect(siteFields(destinations.mautic, {}, { 'mauticform[email]': 'x', 'mauticform[campaign]': 'y' }).hiddenFields).to.deep.equal({ 'mauticform[campaign]': 'y' });
  });

  it('a hidden field may take a name the lead no longer sends once renamed', () => {
    expect(siteFields(destinations.form, { temperature: 'lead_temperature' }, { temperature: 'n/a' }).hiddenFields).to.deep.equal({ temperature: 'n/a' });
  });

  it('refuses renames onto another field\'s name, two onto one, and unknown fields; keeps the rest', () => {
    const { fieldNames, refused } = siteFields(destinations.form, { temperature: 'do_not_contact', email: 'contact', name: 'contact', offer_id: 'campaign', nmae: 'x' });
    expect(fieldNames).to.deep.equal({ offer_id: 'campaign' });
    expect(refused).to.have.length(4);
    expect(siteFields(destinations.hubspot, { temperature: 'firstname' }).fieldNames).to.deep.equal({});
    expect(siteFields(destinations.hubspot, { name: 'firstname', temperature: 'lead_temperature' }).fieldNames).to.deep.equal({ name: 'firstname', temperature: 'lead_temperature' });
  });

  it('bounds hidden fields: 20 at most, names of 100 and values of 500 characters', () => {
    const many = Object.fromEntries(Array.from({ length: 22 }, (_, index) => [`f${index}`, 'v']));
    const { hiddenFields, refused } = siteFields(destinations.form, {}, { ...many, f1: 'v'.repeat(501) });
    expect(Object.keys(hiddenFields)).to.have.length(19);
    expect(refused).to.have.length(2);
  });
});

describe('flatFields', () => {
  it('names each value as flatFieldNames does, in its order', () => {
    const names = flatFields(exampleLead()).map(([name]) => name);
    expect(names).to.deep.equal(flatFieldNames.filter((name) => names.includes(name)));
    expect(names).to.include.members(['lead_id', 'temperature', 'do_not_contact', 'consent_text', 'lead']);
  });

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
    expect(request).not.to.have.any.keys('mode', 'redirect', 'unreadableAnswerMeansSent');
    expect(request.headers).to.deep.equal({ 'Content-Type': 'application/json', 'Idempotency-Key': lead.id });
    expect(JSON.parse(request.body)).to.deep.equal(lead);
  });

  it('form: flat fields renamed as mapped, hidden fields added, no custom header (no preflight)', () => {
    const request = destinations.form.handover(lead, target('form', 'https://hooks.zapier.com/x', { fieldNames: { temperature: 'lead_temperature' }, hiddenFields: { source: 'site' } }));
    expect(Object.keys(request.headers)).to.deep.equal(['Content-Type']);
    expect(request.headers['Content-Type']).to.match(/^application\/x-www-form-urlencoded/);
    expect(request).to.deep.include({ unreadableAnswerMeansSent: true });
    expect(request).not.to.have.any.keys('mode', 'redirect');
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

  it('apps-script: its redirect is never followed (a 307 would re-send the lead); Google\'s error page is a failure', async () => {
    const script = target('apps-script', 'https://script.google.com/macros/s/x/exec');
    expect(destinations['apps-script'].handover(exampleLead(), script)).to.deep.include({ redirect: 'manual' });
    expect(await destinations['apps-script'].read(answer(200, '<html>TypeError</html>', 'text/html'), script)).to.include({ kind: 'rejected' });
    expect(await destinations['apps-script'].read(answer(200, 'ok', 'text/plain'), script)).to.include({ kind: 'delivered' });
  });
});
