import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { LeadCapture } from '../../src/element.js';
import type { LeadSentDetail } from '../../src/element.js';
import { TestEndpoint } from '../support/endpoint.js';
import { choose, field, maybeField, shadow, submit } from '../support/form.js';
import { captureConsoleErrors, clearStoredState } from '../support/page-state.js';

/** The public API the README promises: state, CSS states, parts, language, JSON attributes, the data layer. */

beforeEach(clearStoredState);
afterEach(clearStoredState);

const indicators = [
  { value: 'manual-reports', label: 'We still build reports by hand' },
  { value: 'slow-close', label: 'Month-end close takes over a week' },
];

function indicatorLabels(element: LeadCapture): string[] {
  return Array.from(shadow(element).querySelectorAll('[part~="indicator"]'), (label) => label.textContent?.trim() ?? '');
}

async function sendNone(element: LeadCapture): Promise<CustomEvent<LeadSentDetail>> {
  await choose(element, 'none');
  const sent = oneEvent(element, 'lead-sent') as Promise<CustomEvent<LeadSentDetail>>;
  await submit(element);
  const event = await sent;
  await element.updateComplete;
  return event;
}

describe('state', () => {
  it('is read-only: writing it changes nothing, says so once, and shows no thank-you for a lead never sent', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads"></lead-capture>`);
    const console = captureConsoleErrors();
    try {
      (element as unknown as { state: string }).state = 'sent';
      (element as unknown as { state: string }).state = 'sent';
      await element.updateComplete;
      expect(console.messages).to.deep.equal(['<lead-capture> state: state is read-only: writing it changes nothing.']);
    } finally {
      console.restore();
    }
    expect([element.state, element.getAttribute('state'), element.matches(':state(sent)')]).to.deep.equal(['idle', 'idle', false]);
    expect(maybeField(element, '[part="thank-you"]')).to.equal(null);
    expect(maybeField(element, 'form')).not.to.equal(null);
  });

  it('is mirrored to the state attribute and to CSS custom states', async () => {
    const endpoint = new TestEndpoint();
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint=${endpoint.url}></lead-capture>`);
    expect([element.getAttribute('state'), element.matches(':state(idle)')]).to.deep.equal(['idle', true]);
    await sendNone(element);
    expect([element.state, element.getAttribute('state'), element.matches(':state(sent)'), element.matches(':state(idle)')]).to.deep.equal(['sent', 'sent', true, false]);
  });
});

describe('parts', () => {
  it('gives each field its own part beside the shared one', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads"></lead-capture>`);
    await choose(element, 'call');
    for (const name of ['name', 'email', 'phone', 'call-window']) {
      const input = field(element, `[part~="${name}-input"]`);
      expect(input.getAttribute('part'), name).to.equal(`input ${name}-input`);
      expect(field(element, `[part~="${name}-field"]`).contains(input), name).to.equal(true);
    }
    expect(field(element, '[part~="call-option"]').getAttribute('part')).to.equal('option call-option');
  });
});

describe('lang', () => {
  it('follows a language change on an ancestor after the first render', async () => {
    const page = await fixture<HTMLElement>(html`<div lang="en"><lead-capture endpoint="/api/leads"></lead-capture></div>`);
    const element = page.querySelector('lead-capture') as LeadCapture;
    expect(field(element, 'button').textContent?.trim()).to.equal('Get the download');
    page.setAttribute('lang', 'de');
    // The change reaches the widget through a MutationObserver, whose callback is a microtask queued by setAttribute.
    await null;
    await element.updateComplete;
    expect(field(element, 'button').textContent?.trim()).to.equal('Jetzt herunterladen');
  });

  it('is a property: setting it switches the language and reflects', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads"></lead-capture>`);
    element.lang = 'fr';
    await element.updateComplete;
    expect(element.getAttribute('lang')).to.equal('fr');
    expect(field(element, 'button').textContent?.trim()).to.equal('Télécharger');
  });
});

describe('indicators from a framework', () => {
  it('accepts JSON in the indicators attribute', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads" indicators=${JSON.stringify(indicators)}></lead-capture>`);
    expect(indicatorLabels(element)).to.deep.equal(indicators.map((indicator) => indicator.label));
  });

  it('says how to pass them when a framework wrote an array as "[object Object]"', async () => {
    const console = captureConsoleErrors();
    try {
      const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads" indicators=${String(indicators)}></lead-capture>`);
      expect(indicatorLabels(element)).to.deep.equal([]);
      expect(console.messages).to.have.length(1);
      expect(console.messages[0]).to.contain('<lead-capture> indicators:').and.contain('[object Object]').and.contain("customElements.whenDefined('lead-capture')");
    } finally {
      console.restore();
    }
  });

  it('keeps properties set before the element is defined', async () => {
    const tag = `late-capture-${crypto.randomUUID().slice(0, 8)}`;
    const element = document.createElement(tag) as LeadCapture;
    element.endpoint = '/api/leads';
    element.indicators = indicators;
    document.body.append(element);
    try {
      customElements.define(tag, class extends LeadCapture {});
      await element.updateComplete;
      expect(indicatorLabels(element)).to.deep.equal(indicators.map((indicator) => indicator.label));
      expect(element.indicators).to.deep.equal(indicators);
    } finally {
      element.remove();
    }
  });
});

describe('data-layer', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>).dataLayer;
    delete (window as unknown as Record<string, unknown>).leadLayer;
  });

  it('pushes each outcome to window.dataLayer (empty attribute), with no personal data', async () => {
    const endpoint = new TestEndpoint();
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint=${endpoint.url} offer-id="guide-2026" data-layer .indicators=${indicators}></lead-capture>`);
    await choose(element, 'email');
    const email = field(element, '[part~="email-input"]') as HTMLInputElement;
    email.value = 'ada@example.com';
    email.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    field(element, 'input[value="slow-close"]').click();
    const sent = oneEvent(element, 'lead-sent') as Promise<CustomEvent<LeadSentDetail>>;
    await submit(element);
    const { detail } = await sent;
    const layer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    expect(layer).to.deep.equal([
      {
        event: 'lead_capture_sent',
        temperature: detail.lead.temperature,
        priority: detail.lead.priority,
        preference: 'email',
        offer_kind: 'download',
        offer_id: 'guide-2026',
        indicators: ['slow-close'],
        confirmed: true,
      },
    ]);
    expect(JSON.stringify(layer)).not.to.contain('ada@example.com').and.not.to.contain(detail.lead.id);
  });

  it('pushes to the named array, is off without the attribute, and refuses a name that is no variable', async () => {
    const endpoint = new TestEndpoint();
    const off = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint=${endpoint.url}></lead-capture>`);
    await sendNone(off);
    expect((window as unknown as Record<string, unknown>).dataLayer, 'off by default').to.equal(undefined);
    const counted = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint=${endpoint.url} data-layer="leadLayer"></lead-capture>`);
    await sendNone(counted);
    expect(((window as unknown as Record<string, { event: string }[]>).leadLayer ?? []).map((entry) => entry.event)).to.deep.equal(['lead_capture_sent']);
    const console = captureConsoleErrors();
    try {
      await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads" data-layer="__proto__"></lead-capture>`);
      expect(console.messages).to.have.length(1);
      expect(console.messages[0]).to.contain('data-layer');
    } finally {
      console.restore();
    }
  });
});

describe('strings from the JSON config child and the element together', () => {
  it('merge, the element over the child, with nothing to report', async () => {
    const console = captureConsoleErrors();
    try {
      const element = await fixture<LeadCapture>(html`<lead-capture endpoint="/api/leads" strings='{"submitDownload": "Send me the report"}'>
        <script type="application/json" slot="config">{ "strings": { "submitDownload": "From the child", "preferenceCall": "Ring me" } }</script>
      </lead-capture>`);
      expect(field(element, 'button').textContent?.trim()).to.equal('Send me the report');
      expect(field(element, 'input[value="call"]').closest('label')?.textContent?.trim()).to.equal('Ring me');
      expect(console.messages).to.deep.equal([]);
    } finally {
      console.restore();
    }
  });
});
