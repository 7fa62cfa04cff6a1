import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LeadCapture, LeadSpamDetail } from '../../src/lead-capture.js';
import { TestEndpoint } from '../support/endpoint.js';
import { choose, field, maybeField, shadow, statusText, submit, type } from '../support/form.js';
import { captureConsoleErrors, clearStoredState } from '../support/page-state.js';

declare global {
  interface Window {
    xssFired?: boolean;
  }
}

// A queued lead left by one test would otherwise be flushed by the next test's widget.
beforeEach(clearStoredState);
afterEach(clearStoredState);

describe('bots, without a CAPTCHA', () => {
  it('hides the honeypot from people: off-screen, out of the tab order, hidden from assistive technology', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads"></lead-capture>`);
    const honeypot = field(element, '[aria-hidden="true"] input');
    expect(honeypot.tabIndex).to.equal(-1);
    expect(honeypot.getAttribute('autocomplete')).to.equal('off');
    // Autofill and password managers fill fields they recognise by name; a person's tools must leave it empty.
    const autofilled = ['website', 'url', 'homepage', 'company', 'organization', 'name', 'email', 'phone', 'tel', 'address', 'username', 'password'];
    expect(autofilled).not.to.include(honeypot.name);
    expect(autofilled).not.to.include(honeypot.id);
    const box = honeypot.getBoundingClientRect();
    expect(box.right <= 0 || box.left >= window.innerWidth).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('a filled honeypot: nothing sent, the normal thank-you, and lead-spam', async () => {
    const endpoint = new TestEndpoint();
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint=${endpoint.url} min-fill-ms="0"></lead-capture>`);
    await choose(element, 'none');
    field(element, '[aria-hidden="true"] input').value = 'https://spam.example';
    const spam = oneEvent(element, 'lead-spam');
    let submitted = false;
    element.addEventListener('lead-submit', () => (submitted = true));
    await submit(element);
    const event = (await spam) as CustomEvent<LeadSpamDetail>;
    await element.updateComplete;
    expect(event.detail).to.deep.equal({ reason: 'honeypot' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(submitted).to.equal(false);
    expect(element.getAttribute('state')).to.equal('sent');
    expect(field(element, '[part="thank-you"]').textContent).to.contain('Thank you!');
    expect(await endpoint.received()).to.deep.equal([]);
  });

  it('text typed key by key faster than a person types (default settings): nothing sent, lead-spam', async () => {
    const endpoint = new TestEndpoint();
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint=${endpoint.url}></lead-capture>`);
    await choose(element, 'email');
    const email = field(element, '[part~="email-input"]');
    for (const character of 'ada@example.com') {
      email.value += character;
      email.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: character, bubbles: true, composed: true }));
    }
    const spam = oneEvent(element, 'lead-spam');
    await submit(element);
    expect(((await spam) as CustomEvent<LeadSpamDetail>).detail).to.deep.equal({ reason: 'too-fast' });
    expect(await endpoint.received()).to.deep.equal([]);
  });

  it('a quick person who chooses, pastes and submits at once (default settings) is sent as usual', async () => {
    const endpoint = new TestEndpoint();
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint=${endpoint.url}></lead-capture>`);
    await choose(element, 'email');
    const email = field(element, '[part~="email-input"]');
    email.value = 'ada@example.com';
    email.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true, composed: true }));
    let spam = false;
    element.addEventListener('lead-spam', () => (spam = true));
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    await sent;
    expect(spam).to.equal(false);
    expect(await endpoint.received()).to.have.length(1);
  });
});

describe('configuration mistakes: one clear console error and a safe fallback', () => {
  const cases: [string, ReturnType<typeof html>, string, (element: LeadCapture) => void][] = [
    [
      'an endpoint that is not http(s)',
      html`<lead-capture id="promo" endpoint="javascript:alert(1)" asset-href="/files/benchmark.pdf" min-fill-ms="0"></lead-capture>`,
      '<lead-capture id="promo"> endpoint: endpoint="javascript:alert(1)" is not an http(s) URL',
      (element) => {
        expect(maybeField(element, 'form')).to.equal(null);
        expect(field(element, '[part="asset-link"]').getAttribute('href')).to.equal('/files/benchmark.pdf');
      },
    ],
    [
      'an asset link that would run script',
      html`<lead-capture endpoint="/api/leads" asset-href="javascript:window.xssFired=true" min-fill-ms="0"></lead-capture>`,
      '<lead-capture> asset-href: asset-href="javascript:window.xssFired=true" is not an http(s) URL or path',
      (element) => expect(maybeField(element, 'form')).not.to.equal(null),
    ],
    [
      'a privacy link that is a data: URL',
      html`<lead-capture endpoint="/api/leads" privacy-href="data:text/html,<script>alert(1)</script>" min-fill-ms="0"></lead-capture>`,
      '<lead-capture> privacy-href:',
      (element) => expect(maybeField(element, '[part="privacy"] a')).to.equal(null),
    ],
    [
      'retries that are not a number',
      html`<lead-capture endpoint="/api/leads" retries="many" min-fill-ms="0"></lead-capture>`,
      '<lead-capture> retries: retries="many" is not a whole number from 0 to 10; using 3.',
      (element) => expect(maybeField(element, 'form')).not.to.equal(null),
    ],
    [
      'more than 50 indicators',
      html`<lead-capture endpoint="/api/leads" min-fill-ms="0">
        ${Array.from({ length: 51 }, (_, index) => html`<lead-indicator value=${`v${index}`}>Problem ${index}</lead-indicator>`)}
      </lead-capture>`,
      '<lead-capture> lead-indicator: 51 indicators were given; only the first 50 are used.',
      (element) => expect(shadow(element).querySelectorAll('input[name="indicator"]')).to.have.length(50),
    ],
    [
      'an indicator label over 200 characters',
      html`<lead-capture endpoint="/api/leads" min-fill-ms="0">
        <lead-indicator value="long">${'x'.repeat(201)}</lead-indicator>
        <lead-indicator value="short">Short</lead-indicator>
      </lead-capture>`,
      '<lead-capture> lead-indicator: indicator "long" is over 100 characters, or its label over 200',
      (element) => expect(shadow(element).querySelectorAll('input[name="indicator"]')).to.have.length(1),
    ],
  ];

  for (const [what, template, message, check] of cases) {
    it(what, async () => {
      const errors = captureConsoleErrors();
      try {
        const element = await fixture<LeadCapture>(template);
        element.requestUpdate();
        await element.updateComplete;
        expect(errors.messages, errors.messages.join('\n')).to.have.length(1);
        expect(errors.messages[0]).to.contain(message);
        check(element);
        await expect(element).to.be.accessible();
      } finally {
        errors.restore();
      }
    });
  }
});

describe('nothing the site or the server provides is rendered as HTML', () => {
  const payloads = ['<img src=x onerror="window.xssFired=true">', '"><script>window.xssFired=true</script>', "'><svg onload=window.xssFired=true>"];

  for (const payload of payloads) {
    it(`shows ${JSON.stringify(payload.slice(0, 24))} literally, wherever it is put`, async () => {
      window.xssFired = false;
      const endpoint = new TestEndpoint();
      await endpoint.script({ status: 422, body: { detail: payload } });
      const errors = captureConsoleErrors();
      try {
        const element = await fixture<LeadCapture>(html`<lead-capture
          endpoint=${endpoint.url}
          offer=${payload}
          offer-id=${payload}
          offer-title=${payload}
          asset-href=${`/files/${payload}`}
          privacy-href=${payload}
          consent-version=${payload}
          controller=${payload}
          jurisdiction=${payload}
          strings=${JSON.stringify({ preferenceEmail: payload, indicatorsLegend: payload })}
          min-fill-ms="0"
        >
          <lead-indicator value=${payload}>${payload}</lead-indicator>
        </lead-capture>`);
        element.strings = { ...element.strings, submitDownload: payload };
        await element.updateComplete;
        const root = shadow(element);
        expect(root.querySelector('img, script, svg')).to.equal(null);
        expect(field(element, 'input[value="email"]').closest('label')?.textContent?.trim()).to.equal(payload);
        expect(field(element, 'button').textContent?.trim()).to.equal(payload);
        expect(field(element, 'input[name="indicator"]').closest('label')?.textContent?.trim()).to.equal(payload);

        await choose(element, 'email');
        await type(element, 'email', 'ada@example.com');
        const failed = oneEvent(element, 'lead-error');
        await submit(element);
        await failed;
        await element.updateComplete;
        expect(statusText(element)).to.equal(`We couldn't accept your details: ${payload}`);
        expect(root.querySelector('img, script, svg')).to.equal(null);
        const [request] = await endpoint.received();
        expect(JSON.parse(request.body).offer.title).to.equal(payload);
        expect(window.xssFired).to.equal(false);
      } finally {
        errors.restore();
      }
    });
  }
});
