import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { defineLeadCapture } from '../../src/element.js';
import type { LeadCapture, LeadErrorDetail, LeadQueuedDetail, LeadSentDetail } from '../../src/lead-capture.js';
import { sharedCourier } from '../../src/delivery/courier.js';
import { LeadOutbox } from '../../src/delivery/outbox.js';
import { parseLead } from '../../src/lead/schema.js';
import { exampleLead } from '../support/leads.js';
import { TestEndpoint } from '../support/endpoint.js';
import { choose, errorTexts, field, maybeField, shadow, statusText, submit, tick, type } from '../support/form.js';
import { captureConsoleErrors, clearStoredState } from '../support/page-state.js';

async function widget(endpoint: string, offer = 'download'): Promise<LeadCapture> {
  return fixture<LeadCapture>(html`
    <lead-capture min-fill-ms="0"
      endpoint=${endpoint}
      offer=${offer}
      offer-id="benchmark-2026"
      offer-title="The 2026 Reporting Benchmark"
      asset-href="/files/benchmark.pdf"
      privacy-href="/privacy"
      consent-version="2026-11"
    >
      <lead-indicator value="manual-reports">We still build reports by hand</lead-indicator>
      <lead-indicator value="slow-close">Month-end close takes over a week</lead-indicator>
    </lead-capture>
  `);
}

/** The fields a person is asked to fill (the honeypot, for bots only, is not one). */
function visibleFieldNames(element: LeadCapture): string[] {
  const inputs = shadow(element).querySelectorAll<HTMLInputElement>('input[type="text"], input[type="email"], input[type="tel"], select');
  return Array.from(inputs).filter((input) => !input.closest('[aria-hidden="true"]')).map((input) => input.name);
}

// A queued lead left by one test would otherwise be flushed by the next test's widget.
beforeEach(clearStoredState);
afterEach(clearStoredState);

describe('<lead-capture> rendering', () => {
  it('is accessible before any interaction', async () => {
    const element = await widget('/api/leads');
    await expect(element).to.be.accessible();
  });

  it('offers the three preferences, none preselected, as a required radio group', async () => {
    const element = await widget('/api/leads');
    const radios = Array.from(shadow(element).querySelectorAll<HTMLInputElement>('input[name="preference"]'));
    expect(radios.map((radio) => radio.value)).to.deep.equal(['none', 'email', 'call']);
    expect(radios.every((radio) => radio.required && !radio.checked)).to.equal(true);
    const labels = radios.map((radio) => radio.closest('label')?.textContent?.trim());
    expect(labels).to.deep.equal(["Just the content, please don't contact me", 'Email me', 'Call me']);
    expect(element.getAttribute('state')).to.equal('idle');
  });

  it('offers the <lead-indicator> children as checkboxes', async () => {
    const element = await widget('/api/leads');
    const boxes = Array.from(shadow(element).querySelectorAll<HTMLInputElement>('input[name="indicator"]'));
    expect(boxes.map((box) => [box.value, box.closest('label')?.textContent?.trim()])).to.deep.equal([
      ['manual-reports', 'We still build reports by hand'],
      ['slow-close', 'Month-end close takes over a week'],
    ]);
  });

  it('follows changes to its children', async () => {
    const element = await widget('/api/leads');
    const extra = document.createElement('lead-indicator');
    extra.setAttribute('value', 'audit-findings');
    extra.textContent = 'Our auditors keep finding errors';
    element.append(extra);
    // The widget hears of it from a MutationObserver, whose callback is a microtask queued by append.
    await null;
    await element.updateComplete;
    expect(shadow(element).querySelectorAll('input[name="indicator"]')).to.have.length(3);
  });

  it('waits for the parser once per element, however often it is moved while the page loads', async () => {
    const element = await widget('/api/leads');
    const addEventListener = document.addEventListener;
    let waits = 0;
    document.addEventListener = function count(this: Document, ...args: Parameters<Document['addEventListener']>) {
      if (args[0] === 'DOMContentLoaded') waits += 1;
      return addEventListener.apply(this, args);
    } as Document['addEventListener'];
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    try {
      const parent = element.parentElement!;
      for (let move = 0; move < 3; move += 1) parent.append(element);
    } finally {
      delete (document as { readyState?: string }).readyState;
      document.addEventListener = addEventListener;
    }
    expect(waits).to.equal(1);
  });

  it('lets the indicators property replace the children', async () => {
    const element = await widget('/api/leads');
    element.indicators = [{ value: 'spreadsheets', label: 'Everything lives in spreadsheets' }];
    await element.updateComplete;
    const boxes = Array.from(shadow(element).querySelectorAll<HTMLInputElement>('input[name="indicator"]'));
    expect(boxes.map((box) => box.value)).to.deep.equal(['spreadsheets']);
  });

  it('shows no indicator group when there are no indicators', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture>`);
    expect(maybeField(element, '[part="indicators"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('links the privacy policy', async () => {
    const element = await widget('/api/leads');
    expect(field<HTMLAnchorElement>(element, '[part="privacy"] a').getAttribute('href')).to.equal('/privacy');
  });
});

describe('<lead-capture> asks only what the choice needs', () => {
  it('asks only for an optional name until a preference is chosen', async () => {
    const element = await widget('/api/leads');
    expect(visibleFieldNames(element)).to.deep.equal(['name']);
    expect(field(element, '[part~="name-input"]').required).to.equal(false);
  });

  it('asks nothing more for "none"', async () => {
    const element = await widget('/api/leads');
    await choose(element, 'none');
    expect(visibleFieldNames(element)).to.deep.equal(['name']);
  });

  it('asks for a required email for "email"', async () => {
    const element = await widget('/api/leads');
    await choose(element, 'email');
    expect(visibleFieldNames(element)).to.deep.equal(['name', 'email']);
    expect(field(element, '[part~="email-input"]').required).to.equal(true);
  });

  it('asks for email, a required phone and an optional call window for "call"', async () => {
    const element = await widget('/api/leads');
    await choose(element, 'call');
    expect(visibleFieldNames(element)).to.deep.equal(['name', 'email', 'phone', 'callWindow']);
    expect(field(element, '[part~="phone-input"]').required).to.equal(true);
    const windows = Array.from(field<HTMLSelectElement>(element, '[part~="call-window-input"]').options, (option) => option.value);
    expect(windows).to.deep.equal(['', 'morning', 'afternoon', 'evening']);
  });

  it('removes the phone again when the prospect changes their mind', async () => {
    const element = await widget('/api/leads');
    await choose(element, 'call');
    await choose(element, 'none');
    expect(visibleFieldNames(element)).to.deep.equal(['name']);
  });

  for (const offer of ['newsletter', 'event', 'trial']) {
    it(`asks for an email for a ${offer} even with "none"`, async () => {
      const element = await widget('/api/leads', offer);
      await choose(element, 'none');
      expect(visibleFieldNames(element)).to.deep.equal(['name', 'email']);
    });
  }
});

describe('<lead-capture> validation', () => {
  it('shows no error before interaction', async () => {
    const element = await widget('/api/leads');
    await choose(element, 'email');
    expect(errorTexts(element)).to.deep.equal([]);
  });

  it('on submit without a choice, explains, ties the error to the radios and focuses the first one', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await submit(element);
    expect(errorTexts(element)).to.deep.equal(['Please choose how we may follow up.']);
    const first = field(element, 'input[name="preference"][value="none"]');
    expect(first.getAttribute('aria-invalid')).to.equal('true');
    expect(first.getAttribute('aria-describedby')).to.equal('preference-error');
    expect(shadow(element).activeElement).to.equal(first);
    expect(statusText(element)).to.equal('Please correct the highlighted fields.');
    await expect(element).to.be.accessible();
    expect(await endpoint.received()).to.have.length(0);
  });

  it('focuses the first invalid field and keeps what was typed', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await choose(element, 'call');
    await type(element, 'name', 'Ada');
    await type(element, 'email', 'ada@');
    await submit(element);
    expect(errorTexts(element)).to.deep.equal(['Please enter an email address like name@example.com.', 'Please enter a phone number so we can call you.']);
    const email = field(element, '[part~="email-input"]');
    expect(shadow(element).activeElement).to.equal(email);
    expect(email.getAttribute('aria-describedby')).to.equal('email-error');
    expect(field(element, '[part~="email-error"]').textContent).to.contain('name@example.com');
    expect(field(element, '[part~="name-input"]').value).to.equal('Ada');
    await expect(element).to.be.accessible();
    expect(await endpoint.received()).to.have.length(0);
  });

  it('shows a field error after the prospect leaves a field they typed in', async () => {
    const element = await widget('/api/leads');
    await choose(element, 'email');
    await type(element, 'email', 'not-an-email');
    expect(errorTexts(element)).to.deep.equal(['Please enter an email address like name@example.com.']);
    await type(element, 'email', 'ada@example.com');
    expect(errorTexts(element)).to.deep.equal([]);
  });
});

describe('<lead-capture> submitting to a real endpoint', () => {
  it('sends one validated lead and shows the thank-you with the download', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await choose(element, 'call');
    await type(element, 'name', 'Ada Lovelace');
    await type(element, 'email', 'ada@example.com');
    await type(element, 'phone', '+44 20 7946 0958');
    field<HTMLSelectElement>(element, '[part~="call-window-input"]').value = 'morning';
    field<HTMLSelectElement>(element, '[part~="call-window-input"]').dispatchEvent(new Event('change'));
    await tick(element, 'manual-reports');

    const submitted = oneEvent(element, 'lead-submit');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    const submitEvent = await submitted;
    expect(element.state).to.equal('submitting');
    const sentEvent = (await sent) as CustomEvent<LeadSentDetail>;
    await element.updateComplete;

    expect(submitEvent.bubbles && submitEvent.composed && submitEvent.cancelable).to.equal(true);
    expect(sentEvent.bubbles && sentEvent.composed).to.equal(true);
    expect(sentEvent.detail.status).to.equal(201);
    const { lead } = sentEvent.detail;
    expect(lead).to.deep.include({ schemaVersion: 1, temperature: 'warm', priority: true, nextSteps: ['deliver-request', 'individual-call'] });
    expect(lead.contact).to.deep.equal({ preference: 'call', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958', callWindow: 'morning' });
    expect(lead.offer).to.deep.equal({ kind: 'download', id: 'benchmark-2026', title: 'The 2026 Reporting Benchmark', assetHref: '/files/benchmark.pdf' });
    expect(lead.indicators).to.deep.equal([{ value: 'manual-reports', label: 'We still build reports by hand' }]);
    expect(lead.consent).to.deep.include({ text: 'Call me', version: '2026-11', policyHref: '/privacy', language: 'en' });

    const received = await endpoint.received();
    expect(received).to.have.length(1);
    expect(received[0].headers['idempotency-key']).to.equal(lead.id);
    expect(received[0].headers['content-type']).to.equal('application/json');
    const parsed = parseLead(JSON.parse(received[0].body));
    expect(parsed.success).to.equal(true);
    expect(JSON.parse(received[0].body)).to.deep.equal(lead);

    expect(element.getAttribute('state')).to.equal('sent');
    const link = field<HTMLAnchorElement>(element, '[part="asset-link"]');
    expect(link.getAttribute('href')).to.equal('/files/benchmark.pdf');
    expect(link.textContent?.trim()).to.equal('Download The 2026 Reporting Benchmark');
    expect(field(element, '[part="thank-you"]').textContent).to.contain("We'll call you at +442079460958 in the morning.");
    expect(shadow(element).activeElement).to.equal(field(element, '[part="thank-you"] h2'));
    await expect(element).to.be.accessible();
  });

  it('gives the content to a prospect who wants no contact, and says so', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await choose(element, 'none');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    const { detail } = (await sent) as CustomEvent<LeadSentDetail>;
    await element.updateComplete;
    expect(detail.lead.contact).to.deep.equal({ preference: 'none' });
    expect(detail.lead.temperature).to.equal('cold');
    expect(detail.lead.consent.text).to.equal("Just the content, please don't contact me");
    expect(field(element, '[part="thank-you"]').textContent).to.contain("We won't contact you.");
    expect(maybeField(element, '[part="asset-link"]')).not.to.equal(null);
  });

  it('sends nothing when lead-submit is cancelled', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await choose(element, 'none');
    element.addEventListener('lead-submit', (event) => event.preventDefault(), { once: true });
    const submitted = oneEvent(element, 'lead-submit');
    await submit(element);
    await submitted;
    await element.updateComplete;
    expect(element.getAttribute('state')).to.equal('idle');
    expect(await endpoint.received()).to.have.length(0);
  });

  it("sends with the lock it reserved in idle time; a cancelled lead's id and lock go with it", async () => {
    /** The one lead lock the page holds in advance, once the browser has granted it (polled through the Web Locks API). */
    const reservedId = async (): Promise<string> => {
      for (;;) {
        const { held = [] } = await navigator.locks.query();
        const names = held.map((lock) => lock.name ?? '').filter((name) => /^lead-capture:[0-9a-f-]{36}$/.test(name));
        if (names.length === 1) return names[0].slice('lead-capture:'.length);
        await new Promise((resolve) => requestIdleCallback(resolve));
      }
    };
    /** Whether the lock is let go (a release takes effect a task later): asked for, and granted within 2 s. */
    const letGo = (id: string) =>
      Promise.race([navigator.locks.request(`lead-capture:${id}`, async () => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000))]);
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await choose(element, 'none');
    const cancelledIds: string[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const reserved = await reservedId();
      element.addEventListener('lead-submit', (event) => event.preventDefault(), { once: true });
      const submitted = oneEvent(element, 'lead-submit');
      await submit(element);
      const { detail } = (await submitted) as CustomEvent<LeadSentDetail>;
      expect(detail.lead.id).to.equal(reserved);
      expect(await letGo(reserved), 'the cancelled lead keeps no lock').to.equal(true);
      cancelledIds.push(reserved);
    }
    const reserved = await reservedId();
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    const { detail } = (await sent) as CustomEvent<LeadSentDetail>;
    expect(detail.lead.id).to.equal(reserved);
    expect(new Set([...cancelledIds, detail.lead.id]).size, 'three leads, three ids').to.equal(3);
    expect(await letGo(reserved)).to.equal(true);
    expect(await endpoint.received()).to.have.length(1);
  });

  it('sends once however often the button is pressed', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 201, delayMs: 300 });
    const element = await widget(endpoint.url);
    await choose(element, 'none');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    await submit(element);
    await submit(element);
    await sent;
    expect(await endpoint.received()).to.have.length(1);
  });

  it('on a 4xx keeps everything typed, shows the problem, still offers the download; the corrected lead is a new lead', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 422, body: { title: 'Unprocessable', detail: 'This email domain is not accepted.' } });
    const element = await widget(endpoint.url);
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    await tick(element, 'slow-close');
    const failed = oneEvent(element, 'lead-error');
    await submit(element);
    const { detail } = (await failed) as CustomEvent<LeadErrorDetail>;
    await element.updateComplete;

    expect(detail.error).to.deep.equal({ code: 'rejected', message: 'This email domain is not accepted.', status: 422 });
    expect(element.getAttribute('state')).to.equal('error');
    expect(statusText(element)).to.equal("We couldn't accept your details: This email domain is not accepted.");
    expect(field(element, '[part~="email-input"]').value).to.equal('ada@example.com');
    expect(field(element, 'input[value="email"]').checked).to.equal(true);
    expect(field(element, 'input[value="slow-close"]').checked).to.equal(true);
    expect(maybeField(element, '[part="asset-link"]')).not.to.equal(null);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:v1:lead:')), 'nothing queued').to.deep.equal([]);
    await expect(element).to.be.accessible();

    // One id, one body: a receiver that dedupes on the key would otherwise keep the refused body.
    await type(element, 'email', 'ada@acme.test');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    const resent = (await sent) as CustomEvent<LeadSentDetail>;
    expect(resent.detail).to.include({ status: 201, confirmed: true });
    expect(resent.detail.lead.id).not.to.equal(detail.lead?.id);
    expect(resent.detail.lead.contact.email).to.equal('ada@acme.test');
    const received = await endpoint.received();
    expect(received.map((request) => request.headers['idempotency-key'])).to.deep.equal([detail.lead?.id, resent.detail.lead.id]);
  });

  it('sends the very same lead again (same id, same body) when an unkept lead failed and nothing changed', async () => {
    const endpoint = new TestEndpoint();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const element = await widget('http://127.0.0.1:9/leads');
      element.retries = 0;
      await choose(element, 'none');
      const failed = oneEvent(element, 'lead-error');
      await submit(element);
      const { detail } = (await failed) as CustomEvent<LeadErrorDetail>;
      expect(detail.error.code).to.equal('network');
      expect(element.getAttribute('state')).to.equal('error');

      element.endpoint = endpoint.url;
      await element.updateComplete;
      const sent = oneEvent(element, 'lead-sent');
      await submit(element);
      const { detail: delivered } = (await sent) as CustomEvent<LeadSentDetail>;
      expect(delivered.lead).to.equal(detail.lead);
      const [request] = await endpoint.received();
      expect(request.headers['idempotency-key']).to.equal(detail.lead?.id);
      expect(JSON.parse(request.body)).to.deep.equal(detail.lead);
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('sends and keeps the lead as validated, whatever a lead-submit listener tries', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    await choose(element, 'none');
    await type(element, 'name', 'Ada');
    const attempts: string[] = [];
    element.addEventListener('lead-submit', (event) => {
      const { lead } = (event as CustomEvent<{ lead: { contact: Record<string, string> } }>).detail;
      for (const [key, value] of [['name', 'x'.repeat(300)], ['phone', '+15550100199']]) {
        try {
          lead.contact[key] = value;
        } catch (error) {
          attempts.push((error as Error).name);
        }
      }
    });
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    await sent;
    expect(attempts).to.deep.equal(['TypeError', 'TypeError']);
    const [request] = await endpoint.received();
    expect(JSON.parse(request.body).contact).to.deep.equal({ preference: 'none', name: 'Ada' });
  });

  it('shows a problem the destination reports about a field at that field, and moves focus there', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 422, body: { error: 'Validation errors', errors: [{ field: 'email', code: 'TYPE_EMAIL', message: 'should be a work email' }] } });
    const element = await widget(endpoint.url);
    element.destination = 'formspree';
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    const failed = oneEvent(element, 'lead-error');
    await submit(element);
    const { detail } = (await failed) as CustomEvent<LeadErrorDetail>;
    await element.updateComplete;
    expect(detail.error).to.deep.equal({ code: 'rejected', message: 'email: should be a work email', status: 422 });
    expect(errorTexts(element)).to.deep.equal(['should be a work email']);
    expect(field(element, '[part~="email-input"]').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).activeElement).to.equal(field(element, '[part~="email-input"]'));
    const [request] = await endpoint.received();
    expect(request.headers.accept).to.equal('application/json');
    expect(JSON.parse(request.body)).to.include({ email: 'ada@example.com', preference: 'email' });
    await expect(element).to.be.accessible();

    // Editing the field clears what the server said about it.
    await type(element, 'email', 'ada@acme.test');
    expect(errorTexts(element)).to.deep.equal([]);
  });

  it('when the endpoint cannot be reached, keeps the lead, thanks the prospect and gives the download', async () => {
    const element = await widget('http://127.0.0.1:9/leads');
    element.retries = 0;
    await choose(element, 'none');
    const queued = oneEvent(element, 'lead-queued');
    await submit(element);
    const { detail } = (await queued) as CustomEvent<LeadQueuedDetail>;
    await element.updateComplete;
    expect(detail.lead.contact.preference).to.equal('none');
    expect(element.getAttribute('state')).to.equal('queued');
    expect(localStorage.getItem(`lead-capture:v1:lead:${detail.lead.id}`)).not.to.equal(null);
    // Online all along: the prospect is not told they are offline.
    expect(statusText(element)).to.equal("Saved. Our server couldn't be reached just now, so we'll send your details automatically later.");
    expect(field(element, '[part="thank-you"]').textContent).to.contain('will be sent automatically later').and.not.contain('back online');
    expect(maybeField(element, '[part="asset-link"]')).not.to.equal(null);
    expect(shadow(element).activeElement).to.equal(field(element, '[part="thank-you"] h2'));
    await expect(element).to.be.accessible();
  });

  it('uses a custom classify function, but never a channel the prospect did not choose', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    element.classify = ({ indicators }) => ({ temperature: indicators.length ? 'hot' : 'cool', priority: true, nextSteps: ['individual-call', 'individual-email'] });
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    await tick(element, 'slow-close');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    const { detail } = (await sent) as CustomEvent<LeadSentDetail>;
    expect(detail.lead.temperature).to.equal('hot');
    expect(detail.lead.nextSteps).to.deep.equal(['deliver-request', 'individual-email']);
  });
});

describe('<lead-capture> configuration mistakes', () => {
  it('without an endpoint: one console error, a visible notice, the download, and no request', async () => {
    const errors = captureConsoleErrors();
    try {
      const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" asset-href="/files/benchmark.pdf"></lead-capture>`);
      element.offerTitle = 'Re-rendered';
      await element.updateComplete;
      expect(errors.messages).to.have.length(1);
      expect(errors.messages[0]).to.contain('<lead-capture> endpoint');
      expect(errors.messages[0]).to.contain('endpoint="/api/leads"');
      expect(maybeField(element, 'form')).to.equal(null);
      expect(field(element, '[part="notice"]').textContent).to.contain("can't send details");
      expect(field<HTMLAnchorElement>(element, '[part="asset-link"]').getAttribute('href')).to.equal('/files/benchmark.pdf');
      await expect(element).to.be.accessible();
    } finally {
      errors.restore();
    }
  });

  it('with an unknown offer: one console error and the download form', async () => {
    const errors = captureConsoleErrors();
    try {
      const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" offer="webinar"></lead-capture>`);
      expect(errors.messages).to.have.length(1);
      expect(errors.messages[0]).to.contain('offer="webinar"');
      expect(field(element, 'button[type="submit"]').textContent?.trim()).to.equal('Get the download');
    } finally {
      errors.restore();
    }
  });

  it('with an unlabelled and a duplicate indicator: one console error each, the rest offered', async () => {
    const errors = captureConsoleErrors();
    try {
      const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads">
        <lead-indicator value="a">First</lead-indicator>
        <lead-indicator value="a">Second with the same value</lead-indicator>
        <lead-indicator value="b"></lead-indicator>
      </lead-capture>`);
      await element.updateComplete;
      expect(errors.messages).to.have.length(2);
      expect(errors.messages.join('\n')).to.contain('value="a" is there twice');
      expect(errors.messages.join('\n')).to.contain('needs a value and a label');
      const boxes = Array.from(shadow(element).querySelectorAll<HTMLInputElement>('input[name="indicator"]'));
      expect(boxes.map((box) => box.value)).to.deep.equal(['a']);
    } finally {
      errors.restore();
    }
  });

  it('registers once: defining again does not throw', () => {
    expect(() => defineLeadCapture()).not.to.throw();
    expect(customElements.get('lead-capture')).to.be.a('function');
  });
});

describe('<lead-capture> and leads from earlier visits', () => {
  beforeEach(clearStoredState);
  afterEach(clearStoredState);

  it('reports each once, on window, never from a widget that did not capture it', async () => {
    const endpoint = new TestEndpoint();
    const page = await fixture<HTMLElement>(html`<div>
      <lead-capture min-fill-ms="0" endpoint=${endpoint.url}></lead-capture>
      <lead-capture min-fill-ms="0" endpoint=${endpoint.url}></lead-capture>
    </div>`);
    // An earlier visit left a lead in the queue, and another script a value that is no lead.
    const earlier = exampleLead({ id: crypto.randomUUID() });
    new LeadOutbox().put(earlier, { endpoint: new URL(endpoint.url, location.href).href, destination: 'json' });
    localStorage.setItem(`lead-capture:v1:lead:${crypto.randomUUID()}`, '{"lead": "not a lead"}');
    const onWindow: [string, EventTarget | null][] = [];
    const onWidgets: string[] = [];
    const listenOnWindow = (event: Event) => onWindow.push([event.type, event.target]);
    const listenOnWidgets = (event: Event) => onWidgets.push(event.type);
    for (const type of ['lead-sent', 'lead-error']) {
      window.addEventListener(type, listenOnWindow);
      page.addEventListener(type, listenOnWidgets);
    }
    await sharedCourier().flush();
    for (const type of ['lead-sent', 'lead-error']) {
      window.removeEventListener(type, listenOnWindow);
      page.removeEventListener(type, listenOnWidgets);
    }
    expect(onWindow.map(([type]) => type).sort()).to.deep.equal(['lead-error', 'lead-sent']);
    expect(onWindow.every(([, target]) => target === window), 'dispatched on window itself').to.equal(true);
    expect(onWidgets, 'no widget speaks for a lead it did not capture').to.deep.equal([]);
    expect(await endpoint.received()).to.have.length(1);
  });
});

describe('<lead-capture> when the lead cannot be built', () => {
  beforeEach(clearStoredState);

  it('a classify function that throws: nothing sent, lead-error invalid-lead, the download still offered', async () => {
    const endpoint = new TestEndpoint();
    const element = await widget(endpoint.url);
    element.classify = () => {
      throw new Error('rules table missing');
    };
    await choose(element, 'none');
    const failed = oneEvent(element, 'lead-error');
    await submit(element);
    const { detail } = (await failed) as CustomEvent<LeadErrorDetail>;
    await element.updateComplete;
    expect(detail.error.code).to.equal('invalid-lead');
    expect(detail.error.message).to.contain('rules table missing');
    expect(element.getAttribute('state')).to.equal('error');
    expect(statusText(element)).to.equal("This form can't send details right now.");
    expect(maybeField(element, '[part="asset-link"]')).not.to.equal(null);
    expect(await endpoint.received()).to.deep.equal([]);
  });
});
