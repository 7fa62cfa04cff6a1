import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/define.js';
import type { LeadCapture, LeadSubmitDetail } from '../../src/lead-capture.js';
import type { Lead } from '../../src/lead/schema.js';
import { choose, field, shadow, submit, type } from '../support/form.js';
import { captureConsoleErrors, clearStoredState } from '../support/page-state.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Submits and returns the lead from `lead-submit`, cancelling the request: these tests are about the lead. */
async function submittedLead(element: LeadCapture): Promise<Lead> {
  const submitted = oneEvent(element, 'lead-submit');
  element.addEventListener('lead-submit', (event) => event.preventDefault(), { once: true });
  await submit(element);
  return ((await submitted) as CustomEvent<LeadSubmitDetail>).detail.lead;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function setGlobalPrivacyControl(value: boolean | undefined): void {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => value });
}

// A queued lead left by one test would otherwise be flushed by the next test's widget.
beforeEach(clearStoredState);
afterEach(() => {
  clearStoredState();
  setGlobalPrivacyControl(undefined);
});

describe('the consent receipt', () => {
  it('records exactly the wording shown next to the chosen option, with its SHA-256', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0"
      endpoint="/api/leads"
      controller="Acme Finance Ltd"
      jurisdiction="EU"
      consent-version="2026-11"
      privacy-href="/privacy"
      .strings=${{ preferenceEmail: 'Send me one email about this, nothing else' }}
    ></lead-capture>`);
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    const shown = field(element, 'input[name="preference"][value="email"]').closest('label')?.textContent?.trim() ?? '';
    expect(shown).to.equal('Send me one email about this, nothing else');

    const before = Date.now();
    const { consent } = await submittedLead(element);
    expect(consent.text).to.equal(shown);
    expect(consent.textSha256).to.equal(await sha256Hex(shown));
    expect(consent.receiptId).to.match(uuid);
    expect(Date.parse(consent.givenAt)).to.be.within(before - 1, Date.now());
    expect(consent.collectionMethod).to.match(/^web-form:lead-capture@\d+\.\d+\.\d+/);
    expect(consent).to.deep.include({
      // The site wrote this text: the widget cannot tell its language (BCP 47 "undetermined").
      language: 'und',
      jurisdiction: 'EU',
      controller: 'Acme Finance Ltd',
      policyHref: '/privacy',
      version: '2026-11',
      channels: { email: true, phone: false },
      gpc: false,
    });
  });

  it('gives every capture its own receipt id', async () => {
    const first = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture>`);
    await choose(first, 'none');
    const second = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture>`);
    await choose(second, 'none');
    expect((await submittedLead(first)).consent.receiptId).not.to.equal((await submittedLead(second)).consent.receiptId);
  });

  it('records Global Privacy Control, and then keeps no repeat signal', async () => {
    setGlobalPrivacyControl(true);
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" offer-id="guide"></lead-capture>`);
    await choose(element, 'none');
    const lead = await submittedLead(element);
    expect(lead.consent.gpc).to.equal(true);
    expect(lead).not.to.have.property('repeat');
  });
});

describe('the contact policy', () => {
  it('states channels, window, time zone and the call limit for a call', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" max-call-attempts="1"></lead-capture>`);
    await choose(element, 'call');
    await type(element, 'email', 'ada@example.com');
    await type(element, 'phone', '+1 555 010 0199');
    const select = field<HTMLSelectElement>(element, '[part~="call-window-input"]');
    select.value = 'evening';
    select.dispatchEvent(new Event('change'));
    const lead = await submittedLead(element);
    expect(lead.contactPolicy).to.deep.equal({
      channels: { email: false, phone: true },
      doNotContact: false,
      callWindow: 'evening',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      maxCallAttempts: 1,
    });
    expect(lead.consent.channels).to.deep.equal({ email: false, phone: true });
  });

  it('defaults to two call attempts', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture>`);
    await choose(element, 'call');
    await type(element, 'email', 'ada@example.com');
    await type(element, 'phone', '5550100199');
    expect((await submittedLead(element)).contactPolicy.maxCallAttempts).to.equal(2);
  });

  it('says do not contact for "none", with no call details', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" offer="newsletter"></lead-capture>`);
    await choose(element, 'none');
    await type(element, 'email', 'ada@example.com');
    const lead = await submittedLead(element);
    expect(lead.contactPolicy).to.deep.equal({ channels: { email: false, phone: false }, doNotContact: true });
    // The newsletter still needs the address: delivering what was asked for is not contact.
    expect(lead.contact).to.deep.equal({ preference: 'none', email: 'ada@example.com' });
  });
});

describe('privacy by default', () => {

  it('may start on "none"', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" preference="none"></lead-capture>`);
    expect(field(element, 'input[value="none"]').checked).to.equal(true);
    const lead = await submittedLead(element);
    expect(lead.contact.preference).to.equal('none');
  });

  for (const preference of ['email', 'call']) {
    it(`refuses to preselect "${preference}", with one console error`, async () => {
      const errors = captureConsoleErrors();
      try {
        const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" preference=${preference}></lead-capture>`);
        const checked = Array.from(shadow(element).querySelectorAll<HTMLInputElement>('input[name="preference"]')).filter((radio) => radio.checked);
        expect(checked).to.deep.equal([]);
        expect(errors.messages).to.have.length(1);
        expect(errors.messages[0]).to.contain(`preference="${preference}" is refused`);
      } finally {
        errors.restore();
      }
    });
  }
});

describe('the repeat signal', () => {
  it('reports earlier conversions by offer id only', async () => {
    const first = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/test-endpoint/repeat/leads" offer-id="pricing-guide"></lead-capture>`);
    await choose(first, 'email');
    await type(first, 'email', 'ada@example.com');
    await type(first, 'name', 'Ada Lovelace');
    const sent = oneEvent(first, 'lead-sent');
    await submit(first);
    const { detail } = (await sent) as CustomEvent<{ lead: Lead }>;
    expect(detail.lead.repeat).to.deep.equal({ count: 0, offers: [] });

    const stored = localStorage.getItem('lead-capture:v1:conversions') ?? '';
    expect(JSON.parse(stored)).to.deep.equal(['pricing-guide']);
    expect(stored).not.to.contain('ada');

    const second = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" offer-id="benchmark-2026"></lead-capture>`);
    await choose(second, 'none');
    expect((await submittedLead(second)).repeat).to.deep.equal({ count: 1, offers: ['pricing-guide'] });
  });

  it('is off with track-repeats="false": nothing reported, nothing kept', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/test-endpoint/repeat-off/leads" offer-id="guide" track-repeats="false"></lead-capture>`);
    await choose(element, 'none');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    const { detail } = (await sent) as CustomEvent<{ lead: Lead }>;
    expect(detail.lead).not.to.have.property('repeat');
    expect(localStorage.getItem('lead-capture:v1:conversions')).to.equal(null);
  });
});

describe('minimisation, property-based: the lead holds only what the choice needed', () => {
  const offers = ['download', 'newsletter', 'follow', 'event', 'trial'] as const;
  const preferences = ['none', 'email', 'call'] as const;
  const step = fc.record({
    preference: fc.constantFrom(...preferences),
    name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    email: fc.option(fc.constantFrom('ada@example.com', 'grace@example.org', ' b@c.io '), { nil: undefined }),
    phone: fc.option(fc.constantFrom('+44 20 7946 0958', '555 0100', '+1 (555) 010-0199'), { nil: undefined }),
    callWindow: fc.option(fc.constantFrom('', 'morning', 'afternoon', 'evening'), { nil: undefined }),
  });

  it('whatever the prospect typed on the way, and whatever they finally chose', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...offers), fc.array(step, { minLength: 1, maxLength: 4 }), async (offer, steps) => {
        const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" offer=${offer}></lead-capture>`);
        // Walk through the choices, typing into every field each one shows.
        for (const answer of steps) {
          await choose(element, answer.preference);
          const has = (name: string) => shadow(element).querySelector(`[name="${name}"]`) !== null;
          if (answer.name !== undefined) await type(element, 'name', answer.name);
          if (has('email')) await type(element, 'email', answer.email ?? 'ada@example.com');
          if (has('phone')) await type(element, 'phone', answer.phone ?? '555 0100');
          if (has('callWindow') && answer.callWindow !== undefined) {
            const select = field<HTMLSelectElement>(element, '[part~="call-window-input"]');
            select.value = answer.callWindow;
            select.dispatchEvent(new Event('change'));
            await element.updateComplete;
          }
        }
        const preference = steps.at(-1)!.preference;
        const lead = await submittedLead(element);
        const emailNeeded = preference !== 'none' || ['newsletter', 'event', 'trial'].includes(offer);
        const allowed = new Set(['preference', 'name', ...(emailNeeded ? ['email'] : []), ...(preference === 'call' ? ['phone', 'callWindow'] : [])]);
        for (const key of Object.keys(lead.contact)) expect(allowed.has(key), `contact.${key} with ${offer}/${preference}`).to.equal(true);
        for (const value of Object.values(lead.contact)) expect(value).not.to.equal('');
        if (preference !== 'call') {
          expect(lead.contactPolicy).not.to.have.any.keys('callWindow', 'timeZone', 'maxCallAttempts');
        }
        expect(lead.consent.channels).to.deep.equal({ email: preference === 'email', phone: preference === 'call' });
        element.remove();
      }),
      { numRuns: 60 },
    );
  });
});
