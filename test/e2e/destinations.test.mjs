// Destinations end to end: the BUILT script tag, in Chromium, hands a lead to each vendor's
// fake (test/e2e/support/vendors, which enforce the contracts in support/vendors/CONTRACTS.md)
// at the vendor's real host name, mapped to 127.0.0.1, so the widget chooses the destination
// from the address as it would on a live site. Every test asserts what the FAKE received (shape,
// headers, preflights, how many times) and what the prospect and the page saw: the widget's
// state, its lead-* events and its messages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  fieldError,
  leadEvents,
  postsTo,
  storedLeadKeys,
  statusText,
  submitLead,
  submittedLead,
  useDestinationHarness,
  vendorHosts,
  widgetConsoleErrors,
  widgetPage,
  widgetState,
} from './support/destinations-harness.mjs';
import { FaultServer } from './support/fault-server.mjs';
import { serveStatic, within } from './support/site.mjs';
import { AppsScriptFake, FormspreeFake, HubSpotFake, MakeFake, MauticFake, NetlifyFake, PipedreamFake, SalesforceFake, ZapierFake } from './support/vendors/index.mjs';

const harness = useDestinationHarness();

const FORM_ENCODED = /^application\/x-www-form-urlencoded/;
const text = {
  sent: 'Thank you, your details were sent.',
  queuedLater: "Saved. Our server couldn't be reached just now, so we'll send your details automatically later.",
  rejected: (problem) => `We couldn't accept your details: ${problem}`,
};

/** The fake's address under the vendor's real host name. */
const at = (host, fake, path) => `${fake.scheme}://${host}:${fake.port}${path}`;

/** Opens a page with one widget on the test site. */
async function openWidget(options) {
  const page = await harness.freshPage();
  await page.goto(harness.site.add(widgetPage(options)));
  return page;
}

/** The lead's flat form fields, as every form-field destination must carry them. */
function assertFlatFields(fields, lead) {
  assert.equal(fields.lead_id, lead.id);
  assert.equal(fields.temperature, lead.temperature);
  assert.equal(fields.preference, lead.contact.preference);
  assert.equal(fields.email, lead.contact.email);
  assert.equal(fields.consent_text, lead.consent.text);
  assert.deepEqual(JSON.parse(fields.lead), lead, '`lead` is the whole lead as JSON');
}

/** The events of one capture: lead-submit, then exactly one outcome. */
async function outcomeEvents(page) {
  const events = await leadEvents(page);
  assert.equal(events[0]?.type, 'lead-submit');
  return events.slice(1);
}

async function assertSent(page, { confirmed, status }) {
  const lead = await submittedLead(page);
  const outcome = await outcomeEvents(page);
  assert.deepEqual(outcome.map((event) => event.type), ['lead-sent']);
  assert.equal(outcome[0].detail.lead.id, lead.id);
  assert.equal(outcome[0].detail.confirmed, confirmed, `confirmed: ${confirmed}`);
  if (status !== undefined) assert.equal(outcome[0].detail.status, status);
  assert.equal(await statusText(page), text.sent);
  assert.deepEqual(await storedLeadKeys(page), [], 'nothing left in the outbox');
}

async function assertRejected(page, { status, problem }) {
  const outcome = await outcomeEvents(page);
  assert.deepEqual(outcome.map((event) => event.type), ['lead-error']);
  assert.equal(outcome[0].detail.error.code, 'rejected');
  if (status !== undefined) assert.equal(outcome[0].detail.error.status, status);
  if (problem !== undefined) assert.equal(await statusText(page), text.rejected(problem));
  assert.deepEqual(await storedLeadKeys(page), [], 'a refused lead is not queued');
}

describe('automatic choice', () => {
  test('an address no vendor owns stays json: the lead as JSON, with its Idempotency-Key', async () => {
    const server = await harness.startFake(new FaultServer());
    const page = await openWidget({ attributes: { endpoint: server.endpoint } });
    await submitLead(page, { preference: 'none' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    assert.equal(server.requests.length, 1);
    const [request] = server.requests;
    assert.match(request.contentType, /^application\/json/);
    assert.equal(request.idempotencyKey, lead.id);
    assert.deepEqual(JSON.parse(request.body), lead);
    assert.ok(server.preflights.length >= 1, 'JSON with Idempotency-Key is preflighted');
    await assertSent(page, { confirmed: true, status: 201 });
  });

  test('an unknown destination="zapier" is reported once, naming destination, and the address decides (form)', async () => {
    const pipedream = await harness.startFake(new PipedreamFake());
    const endpoint = at(vendorHosts.pipedream, pipedream, '/');
    const page = await openWidget({ attributes: { endpoint, destination: 'zapier' } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /destination/);
    assert.match(errors[0], /"zapier" is unknown; using "form"/);
    assert.equal(pipedream.accepted.length, 1);
    assert.match(pipedream.accepted[0].contentType, FORM_ENCODED);
    assertFlatFields(pipedream.accepted[0].data, await submittedLead(page));
    await assertSent(page, { confirmed: true, status: 200 });
  });
});

describe('form (catch hooks: Zapier, Make, Pipedream)', () => {
  test('Zapier: flat form fields, no custom header, no preflight; sent and confirmed', async () => {
    const zapier = await harness.startFake(new ZapierFake({ tls: harness.tls }));
    const endpoint = at(vendorHosts.zapier, zapier, '/hooks/catch/1234567/abcdef1/');
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email', name: 'Ada' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    assert.equal(lead.temperature, 'cool');
    assert.deepEqual(zapier.requests.map((request) => request.method), ['POST'], 'one POST, no preflight');
    const [request] = zapier.requests;
    assert.match(request.contentType, FORM_ENCODED);
    assert.equal(request.headers['idempotency-key'], undefined);
    assert.equal(request.headers['x-requested-with'], undefined);
    assertFlatFields(request.fields, lead);
    assert.equal(request.fields.name, 'Ada');
    assert.equal(zapier.accepted.length, 1);
    await assertSent(page, { confirmed: true, status: 200 });
  });

  test('Make, answering without CORS headers: stored exactly once, sent unconfirmed, not sent again on the next visit', async () => {
    const make = await harness.startFake(new MakeFake());
    const endpoint = at(vendorHosts.make, make, `/${make.hooks[0]}`);
    const page = await harness.freshPage();
    const url = harness.site.add(widgetPage({ attributes: { endpoint } }));
    await page.goto(url);
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    assert.equal(make.accepted.length, 1);
    assert.ok(make.requests.every((request) => request.method !== 'OPTIONS'), 'no preflight');
    assert.equal(make.requests.filter((request) => request.method === 'POST').length, 1, 'one POST: the unreadable answer is not retried');
    assertFlatFields(make.accepted[0].data, lead);
    await assertSent(page, { confirmed: false, status: 0 });

    // The next visit: nothing waits in the outbox, so only the new lead reaches Make.
    await page.reload();
    await submitLead(page, { preference: 'none' });
    await widgetState(page, 'sent');
    const second = await submittedLead(page);
    await within(make.waitForAccepted(2), 30_000, 'Make to store the second lead');
    assert.deepEqual(make.accepted.map((entry) => entry.data.lead_id), [lead.id, second.id], 'the first lead exactly once');
    assert.equal(make.requests.filter((request) => request.method === 'POST').length, 2);
  });

  test('Make down, then up (no CORS headers): the queued lead is stored exactly once on the next visit', async () => {
    const make = await harness.startFake(new MakeFake());
    const port = make.port;
    const endpoint = at(vendorHosts.make, make, `/${make.hooks[0]}`);
    await make.stop();
    const page = await openWidget({ attributes: { endpoint, retries: '0' } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'queued');
    const lead = await submittedLead(page);

    await make.start(port);
    await page.reload();
    await within(make.waitForAccepted(1), 30_000, 'Make to store the queued lead');
    await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('lead-capture:v1:lead:')));
    // The outbox is empty once a copy was sent and its unreadable answer taken for "sent": a
    // second copy (the page exit's keepalive, then the next load's) would be a second lead in Make.
    const events = await leadEvents(page);
    assert.deepEqual(events.map((event) => [event.type, event.detail.lead.id, event.detail.confirmed]), [['lead-sent', lead.id, false]]);
    assert.deepEqual(make.accepted.map((entry) => entry.data.lead_id), [lead.id], `Make stored the lead ${make.accepted.length} time(s)`);
    assert.match(make.accepted[0].contentType, FORM_ENCODED);
  });

  test('Pipedream refusing connections (port closed): retried, then queued', async () => {
    const pipedream = await harness.startFake(new PipedreamFake());
    const endpoint = at(vendorHosts.pipedream, pipedream, '/');
    await pipedream.stop();
    const page = await openWidget({ attributes: { endpoint, retries: '2' } });
    await submitLead(page, { preference: 'none' });
    await widgetState(page, 'queued');
    const lead = await submittedLead(page);
    assert.equal(postsTo(page, endpoint).length, 3, 'the first attempt and two retries');
    const outcome = await outcomeEvents(page);
    assert.deepEqual(outcome.map((event) => event.type), ['lead-queued']);
    assert.equal(outcome[0].detail.lead.id, lead.id);
    assert.equal(await statusText(page), text.queuedLater);
    assert.deepEqual(await storedLeadKeys(page), [`lead-capture:v1:lead:${lead.id}`]);
  });

  test('a queued lead keeps its destination: on the next visit Pipedream receives form fields, not JSON', async () => {
    const pipedream = await harness.startFake(new PipedreamFake());
    const port = pipedream.port;
    const endpoint = at(vendorHosts.pipedream, pipedream, '/');
    await pipedream.stop();
    const page = await openWidget({ attributes: { endpoint, retries: '0' } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'queued');
    const lead = await submittedLead(page);

    await pipedream.start(port);
    await page.reload();
    await within(pipedream.waitForAccepted(1), 30_000, 'Pipedream to store the queued lead');
    await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('lead-capture:v1:lead:')));
    const posts = pipedream.requests.filter((request) => request.method === 'POST');
    // Not at the page exit (a form service cannot dedupe): once, by the next load.
    assert.equal(posts.length, 1, `${posts.length} POSTs`);
    assert.match(posts[0].contentType, FORM_ENCODED);
    assert.equal(posts[0].json, undefined);
    assertFlatFields(posts[0].fields, lead);
    const events = await leadEvents(page);
    assert.deepEqual(events.map((event) => [event.type, event.detail.lead.id]), [['lead-sent', lead.id]]);
  });
});

describe('the lead\'s own fields always carry the prospect\'s answers', () => {
  /** Every value of each field name in the form body Pipedream received. */
  const allValues = (rawBody) => {
    const values = {};
    for (const [name, value] of new URLSearchParams(rawBody)) (values[name] ??= []).push(value);
    return values;
  };

  test('hidden fields named like the lead\'s own (do_not_contact, consent_text, lead) are refused, one console error each; others are sent', async () => {
    const pipedream = await harness.startFake(new PipedreamFake());
    const endpoint = at(vendorHosts.pipedream, pipedream, '/');
    const hiddenFields = { do_not_contact: 'true', consent_text: 'Call me any time', lead: '{}', source: 'landing-page' };
    const page = await openWidget({ attributes: { endpoint }, config: { hiddenFields } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    const values = allValues(pipedream.accepted[0].rawBody);
    assert.deepEqual(values.do_not_contact, ['false']);
    assert.deepEqual(values.consent_text, ['Email me']);
    assert.deepEqual(values.lead.map((text) => JSON.parse(text).id), [lead.id]);
    assert.deepEqual(values.source, ['landing-page'], 'a hidden field of its own name is sent');
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 3, errors.join('\n'));
    for (const name of ['do_not_contact', 'consent_text', 'lead']) assert.ok(errors.some((error) => error.includes(`"${name}"`) && /hidden-fields/.test(error)), `an error names ${name}: ${errors.join('\n')}`);
  });

  test('field names that land on another field, or two fields on one name, are refused: nothing forged, nothing dropped', async () => {
    const pipedream = await harness.startFake(new PipedreamFake());
    const endpoint = at(vendorHosts.pipedream, pipedream, '/');
    const fieldNames = { temperature: 'do_not_contact', email: 'contact', name: 'contact', offer_id: 'campaign' };
    const page = await openWidget({ attributes: { endpoint }, config: { fieldNames } });
    await submitLead(page, { preference: 'email', name: 'Ada' });
    await widgetState(page, 'sent');
    const values = allValues(pipedream.accepted[0].rawBody);
    assert.deepEqual(values.do_not_contact, ['false']);
    assert.deepEqual(values.temperature, ['cool']);
    assert.deepEqual(values.email, ['ada@example.org']);
    assert.deepEqual(values.name, ['Ada']);
    assert.equal(values.contact, undefined);
    assert.deepEqual(values.campaign, ['benchmark-2026'], 'a mapping onto a free name still applies');
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.ok(errors.every((error) => /field-names/.test(error)), errors.join('\n'));
  });

  test('hidden fields are bounded: at most 20, values at most 500 characters', async () => {
    const pipedream = await harness.startFake(new PipedreamFake());
    const endpoint = at(vendorHosts.pipedream, pipedream, '/');
    const hiddenFields = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`extra_${index}`, 'v']));
    hiddenFields.extra_0 = 'w'.repeat(501);
    const page = await openWidget({ attributes: { endpoint }, config: { hiddenFields } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const values = allValues(pipedream.accepted[0].rawBody);
    assert.equal(values.extra_0, undefined, 'the over-long value is left out');
    assert.deepEqual(values.extra_19, ['v']);
    assert.equal(values.extra_20, undefined, 'the 21st is left out');
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.ok(errors.every((error) => /hidden-fields/.test(error)), errors.join('\n'));
  });
});

describe('apps-script', () => {
  async function startScript() {
    const script = new AppsScriptFake({ execTls: harness.tls, echoTls: harness.tls });
    await harness.startFake(script);
    // The Location names Google's echo host, on the port the echo fake listens on.
    script.configuredEchoOrigin = at(vendorHosts.appsScriptEcho, script.echo, '');
    return { script, endpoint: at(vendorHosts.appsScript, script.exec, `/macros/s/${script.deploymentId}/exec`) };
  }

  test('form fields, no preflight; the 302 is not followed (a fetch cannot tell it from a 307 that re-posts the lead): sent, unconfirmed', async () => {
    const { script, endpoint } = await startScript();
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    assert.deepEqual(script.requests.map((request) => request.method), ['POST'], 'one POST, no preflight');
    assert.match(script.requests[0].contentType, FORM_ENCODED);
    assert.equal(script.accepted.length, 1);
    assertFlatFields(script.accepted[0].parameter, lead);
    assert.deepEqual(script.echo.requests, [], 'nothing goes to the redirect target');
    await assertSent(page, { confirmed: false, status: 0 });
  });

  test('a script that throws (Google answers its error page, no redirect): error state, lead-error "rejected", no retry', async () => {
    const { script, endpoint } = await startScript();
    script.respondWith(AppsScriptFake.scriptError());
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    assert.equal(script.requests.filter((request) => request.method === 'POST').length, 1);
    await assertRejected(page, { status: 200, problem: 'The Apps Script failed (it answered with an error page): check its doPost.' });
  });

  for (const status of [307, 308]) {
    test(`a ${status} from the exec address never carries the lead to another host`, async () => {
      const { script, endpoint } = await startScript();
      // Another server that would take (and answer, with CORS) whatever is re-posted to it.
      const elsewhere = await harness.startFake(new FaultServer({ credentialedCors: true }));
      script.respondWith({ status, headers: { Location: elsewhere.endpoint } });
      const page = await openWidget({ attributes: { endpoint } });
      await submitLead(page, { preference: 'email' });
      await page.locator('#widget-0:is([state="sent"], [state="queued"], [state="error"])').waitFor();
      assert.deepEqual(elsewhere.hits, [], 'the redirect target received nothing');
      assert.deepEqual(script.echo.requests, []);
      const sent = (await leadEvents(page)).find((event) => event.type === 'lead-sent');
      assert.notEqual(sent?.detail.confirmed, true, 'never reported as confirmed');
    });
  }

  test('destination="apps-script" on another host: one console error naming destination, and the automatic choice (json)', async () => {
    const server = await harness.startFake(new FaultServer());
    const page = await openWidget({ attributes: { endpoint: server.endpoint, destination: 'apps-script' } });
    await submitLead(page, { preference: 'none' });
    await widgetState(page, 'sent');
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /destination/);
    assert.match(errors[0], /script\.google\.com/);
    assert.match(errors[0], /using "json"/);
    const [request] = server.requests;
    assert.match(request.contentType, /^application\/json/);
    assert.equal(request.idempotencyKey, (await submittedLead(page)).id);
  });
});

describe('hubspot', () => {
  const startHubSpot = async (options = {}) => {
    const hubspot = await harness.startFake(new HubSpotFake({ fields: ['email', 'firstname', 'lastname', 'phone', 'lead_temperature'], ...options }));
    return { hubspot, endpoint: at(vendorHosts.hubspot, hubspot, `/submissions/v3/integration/submit/${hubspot.portalId}/${hubspot.formGuid}`) };
  };

  test('"Email me": fields[] (email, firstname + mapped only), pageUri, the exact consent label, the subscription; no Idempotency-Key', async () => {
    const { hubspot, endpoint } = await startHubSpot();
    const page = await openWidget({ attributes: { endpoint, 'subscription-type-id': '999' }, config: { fieldNames: { temperature: 'lead_temperature' } } });
    await submitLead(page, { preference: 'email', name: 'Ada' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    assert.equal(hubspot.accepted.length, 1);
    const [submission] = hubspot.accepted;
    assert.deepEqual(submission.fields, { firstname: 'Ada', email: 'ada@example.org', lead_temperature: 'cool' });
    assert.equal(submission.context.pageUri, lead.page.url);
    assert.equal(submission.legalConsentOptions.consent.text, 'Email me');
    assert.equal(submission.legalConsentOptions.consent.consentToProcess, true);
    assert.deepEqual(submission.legalConsentOptions.consent.communications, [{ value: true, subscriptionTypeId: 999, text: 'Email me' }]);
    const preflights = hubspot.requests.filter((request) => request.method === 'OPTIONS');
    assert.ok(preflights.length >= 1);
    assert.deepEqual(preflights.map((request) => request.refusedHeaders), preflights.map(() => []), 'the preflight asks for no header HubSpot refuses');
    const post = hubspot.requests.find((request) => request.method === 'POST');
    assert.equal(post.headers['idempotency-key'], undefined);
    await assertSent(page, { confirmed: true, status: 200 });
  });

  test('"Call me": consent text "Call me", the phone, and no communications', async () => {
    const { hubspot, endpoint } = await startHubSpot();
    const page = await openWidget({ attributes: { endpoint, 'subscription-type-id': '999' } });
    await submitLead(page, { preference: 'call', phone: '+44 20 7946 0000' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    assert.equal(lead.temperature, 'warm');
    assert.equal(hubspot.accepted.length, 1);
    const [submission] = hubspot.accepted;
    assert.deepEqual(submission.fields, { email: 'ada@example.org', phone: lead.contact.phone });
    assert.equal(submission.legalConsentOptions.consent.text, 'Call me');
    assert.deepEqual(submission.legalConsentOptions.consent.communications, []);
    await assertSent(page, { confirmed: true, status: 200 });
  });

  test('400 INVALID_EMAIL: error state, the message shown at the email field', async () => {
    const { hubspot, endpoint } = await startHubSpot();
    hubspot.respondWith(HubSpotFake.invalidEmail());
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    assert.equal(hubspot.requests.filter((request) => request.method === 'POST').length, 1, 'no retry');
    assert.equal(hubspot.accepted.length, 0);
    await fieldError(page, 'email').waitFor();
    assert.equal(await fieldError(page, 'email').textContent(), 'Invalid email address');
    assert.equal(await page.locator('#widget-0 #email').getAttribute('aria-invalid'), 'true');
    await assertRejected(page, { status: 400, problem: 'Invalid email address' });
  });

  test('429 (no readable Retry-After): not hammered on the page but queued, and stored once on the next visit', async () => {
    const { hubspot, endpoint } = await startHubSpot();
    hubspot.respondWith(HubSpotFake.rateLimited());
    const url = harness.site.add(widgetPage({ attributes: { endpoint } }));
    const page = await harness.freshPage();
    await page.goto(url);
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'queued');
    const posts = () => hubspot.requests.filter((request) => request.method === 'POST');
    assert.deepEqual(posts().map((request) => request.answer.status), [429], 'one attempt');
    await page.goto(url);
    await within(hubspot.waitForAccepted(1), 30_000, 'HubSpot to store the queued lead');
    assert.deepEqual(posts().map((request) => request.answer.status), [429, 200]);
  });

  test('a refusal with 48,000 characters of errors is shortened, in the status and the field', async () => {
    const { hubspot, endpoint } = await startHubSpot();
    const long = 'x'.repeat(4000);
    hubspot.respondWith(HubSpotFake.errors(Array.from({ length: 12 }, () => ({ message: `Error in 'fields.email'. ${long}`, errorType: 'INVALID_EMAIL' }))));
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    const status = await statusText(page);
    assert.ok(status.length < 400, `status of ${status.length} characters`);
    assert.ok((await fieldError(page, 'email').textContent()).length <= 300);
    const [error] = (await leadEvents(page)).filter((event) => event.type === 'lead-error');
    assert.ok(error.detail.error.message.length <= 300, `lead-error message of ${error.detail.error.message.length} characters`);
  });
});

describe('formspree', () => {
  const startFormspree = async () => {
    const formspree = await harness.startFake(new FormspreeFake());
    return { formspree, endpoint: at(vendorHosts.formspree, formspree, '/f/xyzzyabc') };
  };

  test('flat fields as JSON with Accept: application/json; {next, ok}: sent and confirmed', async () => {
    const { formspree, endpoint } = await startFormspree();
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    const post = formspree.requests.find((request) => request.method === 'POST');
    assert.match(post.contentType, /^application\/json/);
    assert.equal(post.headers.accept, 'application/json');
    assert.equal(post.headers['idempotency-key'], undefined);
    assertFlatFields(post.json, lead);
    assert.deepEqual(formspree.requests.filter((request) => request.method === 'OPTIONS').map((request) => request.refusedHeaders), [[]]);
    assert.equal(formspree.accepted.length, 1);
    assert.equal(formspree.accepted[0].json, true, 'answered in JSON');
    await assertSent(page, { confirmed: true, status: 200 });
  });

  test('422 errors[] by field: error state, shown at the email field', async () => {
    const { formspree, endpoint } = await startFormspree();
    formspree.respondWith(FormspreeFake.fieldErrors([{ code: 'TYPE_EMAIL', field: 'email', message: 'should be an email' }]));
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    await fieldError(page, 'email').waitFor();
    assert.equal(await fieldError(page, 'email').textContent(), 'should be an email');
    assert.equal(formspree.accepted.length, 0);
    await assertRejected(page, { status: 422, problem: 'email: should be an email' });
  });

  test('a refusal with 48,000 characters of errors is shortened', async () => {
    const { formspree, endpoint } = await startFormspree();
    formspree.respondWith(FormspreeFake.fieldErrors(Array.from({ length: 12 }, () => ({ code: 'TYPE_EMAIL', field: 'email', message: 'y'.repeat(4000) }))));
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    const status = await statusText(page);
    assert.ok(status.length < 400, `status of ${status.length} characters`);
    assert.ok((await fieldError(page, 'email').textContent()).length <= 300);
  });

  test('an HTML 200 page is never "sent": error state', async () => {
    const { formspree, endpoint } = await startFormspree();
    formspree.respondWith({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>Thanks!</title><h1>Thanks!</h1>' });
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    await assertRejected(page, { status: 200, problem: 'Formspree did not confirm the submission.' });
  });
});

describe('mautic', () => {
  const form = {
    alias: 'leadform',
    name: 'leadform',
    published: true,
    postAction: 'message',
    postActionProperty: 'Thank you for your interest.',
    fields: [
      { alias: 'email', label: 'Email', type: 'email', required: true },
      { alias: 'firstname', label: 'First name', type: 'text' },
      { alias: 'temperature', label: 'Temperature', type: 'text' },
    ],
  };
  const startMautic = async (validDomains) => {
    const mautic = await harness.startFake(new MauticFake({ forms: { 3: form }, validDomains }));
    return { mautic, endpoint: at(vendorHosts.mautic, mautic, '/form/submit?formId=3') };
  };

  test('mauticform[…] form fields, formId, return, ?ajax=1 and X-Requested-With: sent and confirmed', async () => {
    const { mautic, endpoint } = await startMautic([harness.site.origin]);
    const page = await openWidget({ attributes: { endpoint }, config: { fieldNames: { name: 'firstname' } } });
    await submitLead(page, { preference: 'email', name: 'Ada' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    const post = mautic.requests.find((request) => request.method === 'POST');
    assert.equal(post.query.ajax, '1');
    assert.equal(post.query.formId, '3');
    assert.equal(post.headers['x-requested-with'], 'XMLHttpRequest');
    assert.match(post.contentType, FORM_ENCODED);
    assert.equal(post.fields['mauticform[formId]'], '3');
    assert.equal(post.fields['mauticform[return]'], lead.page.url);
    assert.equal(post.fields['mauticform[email]'], 'ada@example.org');
    assert.equal(post.fields['mauticform[lead_id]'], lead.id);
    assert.equal(mautic.accepted.length, 1);
    assert.deepEqual(mautic.accepted[0].results, { email: 'ada@example.org', firstname: 'Ada', temperature: 'cool' });
    await assertSent(page, { confirmed: true, status: 200 });
  });

  test('success:0 with validationErrors: refused, the message shown at the email field', async () => {
    const { mautic, endpoint } = await startMautic([harness.site.origin]);
    mautic.respondWith(MauticFake.validationErrors({ email: 'The email is invalid.' }));
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    await fieldError(page, 'email').waitFor();
    assert.equal(await fieldError(page, 'email').textContent(), 'The email is invalid.');
    assert.equal(mautic.accepted.length, 0);
    await assertRejected(page, { status: 200, problem: 'email: The email is invalid.' });
  });

  test('validationErrors of 48,000 characters are shortened', async () => {
    const { mautic, endpoint } = await startMautic([harness.site.origin]);
    mautic.respondWith(MauticFake.validationErrors(Object.fromEntries(Array.from({ length: 12 }, (_, index) => [index === 0 ? 'email' : `field${index}`, 'z'.repeat(4000)]))));
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'error');
    const status = await statusText(page);
    assert.ok(status.length < 400, `status of ${status.length} characters`);
    assert.ok((await fieldError(page, 'email').textContent()).length <= 300);
  });

  test('the page’s origin not in Mautic’s CORS valid domains: queued (not "back online"), one console error naming them', async () => {
    const { mautic, endpoint } = await startMautic(['https://elsewhere.example']);
    const page = await openWidget({ attributes: { endpoint } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'queued');
    assert.equal(mautic.accepted.length, 0);
    assert.equal(await statusText(page), text.queuedLater);
    assert.doesNotMatch(await statusText(page), /back online/);
    const outcome = await outcomeEvents(page);
    assert.deepEqual(outcome.map((event) => event.type), ['lead-queued']);
    const errors = widgetConsoleErrors(page).filter((message) => /CORS valid domains/.test(message));
    assert.equal(errors.length, 1, page.consoleErrors.join('\n'));
  });
});

describe('netlify', () => {
  const startNetlify = async (config) => {
    const netlify = new NetlifyFake({
      forms: { leads: { fields: ['lead_id', 'name', 'email', 'preference', 'temperature', 'consent_text', 'lead'], honeypot: 'bot-field' } },
      fallback: (request, response) => serveStatic(request, response),
    });
    netlify.pages['/landing'] = widgetPage({ attributes: { endpoint: '/', destination: 'netlify' }, config });
    await harness.startFake(netlify);
    const page = await harness.freshPage();
    await page.goto(`${netlify.origin}/landing`);
    return { netlify, page };
  };

  test('same origin, form-encoded with form-name: 2xx is sent', async () => {
    const { netlify, page } = await startNetlify({ hiddenFields: { 'form-name': 'leads' } });
    await submitLead(page, { preference: 'email' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    const post = netlify.requests.find((request) => request.method === 'POST');
    assert.equal(post.path, '/');
    assert.match(post.contentType, FORM_ENCODED);
    assert.equal(post.fields['form-name'], 'leads');
    assertFlatFields(post.fields, lead);
    assert.equal(netlify.accepted.length, 1);
    assert.equal(netlify.accepted[0].formName, 'leads');
    await assertSent(page, { confirmed: true, status: 200 });
  });

  test('without form-name: one console error naming destination, the notice, and no request', async () => {
    const { netlify, page } = await startNetlify(undefined);
    await page.locator('#widget-0 [part="notice"]').waitFor();
    assert.equal(await page.locator('#widget-0 [part="notice"]').textContent(), "This form can't send details right now.");
    assert.equal(await page.locator('#widget-0 [part="form"]').count(), 0, 'no form to submit');
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /destination/);
    assert.match(errors[0], /form-name/);
    assert.equal(netlify.requests.filter((request) => request.method === 'POST').length, 0);
  });
});

describe('salesforce', () => {
  const oid = '00D5g000004ABCD';
  const startSalesforce = async () => {
    const salesforce = await harness.startFake(new SalesforceFake({ tls: harness.tls, oids: [oid] }));
    return { salesforce, endpoint: at(vendorHosts.salesforce, salesforce, '/servlet/servlet.WebToLead') };
  };

  test('oid, last_name, email and a readable description, no-cors: sent, unconfirmed', async () => {
    const { salesforce, endpoint } = await startSalesforce();
    const page = await openWidget({ attributes: { endpoint }, config: { hiddenFields: { oid } } });
    await submitLead(page, { preference: 'email', name: 'Ada Lovelace' });
    await widgetState(page, 'sent');
    const lead = await submittedLead(page);
    const post = salesforce.requests.find((request) => request.method === 'POST');
    assert.equal(post.query.encoding, 'UTF-8');
    assert.match(post.contentType, FORM_ENCODED);
    assert.equal(post.headers['sec-fetch-mode'], 'no-cors');
    assert.deepEqual(salesforce.requests.map((request) => request.method), ['POST'], 'one POST: no preflight, no probe');
    assert.equal(salesforce.rejected.length, 0, JSON.stringify(salesforce.rejected));
    assert.equal(salesforce.accepted.length, 1);
    const [created] = salesforce.accepted;
    assert.equal(created.oid, oid);
    assert.equal(created.lead.last_name, 'Ada Lovelace');
    assert.equal(created.lead.email, 'ada@example.org');
    assert.match(created.lead.description, /^Temperature: cool$/m);
    assert.match(created.lead.description, /^Follow-up: email$/m);
    assert.match(created.lead.description, /Consent: "Email me"/);
    assert.match(created.lead.description, new RegExp(`Lead id: ${lead.id}`));
    await assertSent(page, { confirmed: false, status: 0 });
  });

  test('a connection dropped with no answer (no-cors resolves whenever Salesforce answers): retried, the lead created once', async () => {
    const { salesforce, endpoint } = await startSalesforce();
    salesforce.respondWith({ drop: true });
    const page = await openWidget({ attributes: { endpoint }, config: { hiddenFields: { oid } } });
    await submitLead(page, { preference: 'email', name: 'Ada Lovelace' });
    await widgetState(page, 'sent');
    assert.deepEqual(salesforce.requests.map((request) => request.method), ['POST', 'POST'], 'the dropped POST was sent again; no HEAD');
    assert.equal(salesforce.accepted.length, 1);
    await assertSent(page, { confirmed: false, status: 0 });
  });

  test('without oid: one console error naming destination, the notice, and no request', async () => {
    const { salesforce, endpoint } = await startSalesforce();
    const page = await openWidget({ attributes: { endpoint } });
    await page.locator('#widget-0 [part="notice"]').waitFor();
    const errors = widgetConsoleErrors(page);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /destination/);
    assert.match(errors[0], /oid/);
    assert.equal(salesforce.requests.length, 0);
  });
});
