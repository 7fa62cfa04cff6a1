import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LeadCapture, LeadSubmitDetail } from '../../src/lead-capture.js';
import { TestEndpoint } from '../support/endpoint.js';
import { choose, field, shadow, statusText, submit, type } from '../support/form.js';
import { clearStoredState } from '../support/page-state.js';

// A queued lead left by one test would otherwise be flushed by the next test's widget.
beforeEach(clearStoredState);
afterEach(async () => {
  clearStoredState();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

interface Variant {
  theme: 'light' | 'dark';
  dir: 'ltr' | 'rtl';
  indicators: boolean;
}

async function widget(endpoint: string, { theme, dir, indicators }: Variant): Promise<LeadCapture> {
  const element = await fixture<LeadCapture>(html`<div dir=${dir}>
    <lead-capture min-fill-ms="0" endpoint=${endpoint} theme=${theme} offer-title="The Benchmark" asset-href="/files/benchmark.pdf" privacy-href="/privacy">
      ${indicators
        ? html`<lead-indicator value="manual-reports">We still build reports by hand</lead-indicator>
            <lead-indicator value="slow-close">Month-end close takes over a week</lead-indicator>`
        : ''}
    </lead-capture>
  </div>`);
  return element.querySelector('lead-capture') as LeadCapture;
}

/** Puts a fresh widget in the named state, against a real endpoint scripted for it. */
const states: Record<string, (variant: Variant) => Promise<LeadCapture>> = {
  async idle(variant) {
    return widget('/api/leads', variant);
  },
  async invalid(variant) {
    const element = await widget('/api/leads', variant);
    await choose(element, 'call');
    await type(element, 'email', 'ada@');
    await submit(element);
    return element;
  },
  async submitting(variant) {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 201, delayMs: 3000 });
    const element = await widget(endpoint.url, variant);
    await choose(element, 'none');
    const submitted = oneEvent(element, 'lead-submit');
    await submit(element);
    await submitted;
    await element.updateComplete;
    return element;
  },
  async sent(variant) {
    const element = await widget(new TestEndpoint().url, variant);
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    const sent = oneEvent(element, 'lead-sent');
    await submit(element);
    await sent;
    await element.updateComplete;
    return element;
  },
  async queued(variant) {
    const element = await widget('http://127.0.0.1:9/leads', variant);
    element.retries = 0;
    await choose(element, 'none');
    const queued = oneEvent(element, 'lead-queued');
    await submit(element);
    await queued;
    await element.updateComplete;
    return element;
  },
  async error(variant) {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 422, body: { detail: 'This email domain is not accepted.' } });
    const element = await widget(endpoint.url, variant);
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    const failed = oneEvent(element, 'lead-error');
    await submit(element);
    await failed;
    await element.updateComplete;
    return element;
  },
};

// Colour contrast and roles change with the state and the theme; direction and the
// indicators fieldset do not change what axe checks in any state, so they are covered once.
describe('axe in every state and theme', () => {
  const variants: Variant[] = [
    { theme: 'light', dir: 'ltr', indicators: true },
    { theme: 'dark', dir: 'ltr', indicators: true },
  ];
  for (const [state, enter] of Object.entries(states)) {
    for (const variant of variants) {
      it(`${state}, ${variant.theme}`, async () => {
        const element = await enter(variant);
        expect(element.getAttribute('state')).to.equal(state === 'invalid' ? 'idle' : state);
        await expect(element).to.be.accessible();
      });
    }
  }

  it('right to left, without indicators', async () => {
    const element = await states.invalid({ theme: 'light', dir: 'rtl', indicators: false });
    await expect(element).to.be.accessible();
  });
});

describe('the form, for assistive technology', () => {
  it('groups choices in fieldsets with legends, and marks required fields in text', async () => {
    const element = await widget('/api/leads', { theme: 'light', dir: 'ltr', indicators: true });
    await choose(element, 'call');
    const legends = Array.from(shadow(element).querySelectorAll('fieldset > legend'), (legend) => legend.textContent?.replace(/\s+/g, ' ').trim());
    expect(legends).to.deep.equal(['How may we follow up? (required)', 'Which of these sound familiar? (optional)']);
    const labels = Array.from(shadow(element).querySelectorAll('label.label'), (label) => label.textContent?.replace(/\s+/g, ' ').trim());
    expect(labels).to.deep.equal(['Name (optional)', 'Email (required)', 'Phone (required)', 'Best time to call (optional)']);
  });

  it('announces progress and outcome in one status region', async () => {
    const element = await states.sent({ theme: 'light', dir: 'ltr', indicators: false });
    const regions = shadow(element).querySelectorAll('[role="status"], [role="alert"], [aria-live]');
    expect(regions).to.have.length(1);
    expect(statusText(element)).to.equal('Thank you, your details were sent.');
  });
});

/** WCAG relative luminance and contrast, from computed `rgb()` colours. */
function luminance(color: string): number {
  const [red, green, blue] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((channel) => {
    const value = Number(channel) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrast(foreground: string, background: string): number {
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((first, second) => second - first);
  return (lighter + 0.05) / (darker + 0.05);
}

function colorsOf(element: LeadCapture) {
  const background = getComputedStyle(field(element, '[part="surface"]')).backgroundColor;
  const color = (selector: string, property: 'color' | 'backgroundColor' = 'color') => getComputedStyle(field(element, selector))[property];
  return {
    background,
    pairs: {
      text: [color('legend'), background],
      hint: [color('.hint'), background],
      privacy: [color('.privacy'), background],
      link: [color('.privacy a'), background],
      button: [color('button'), color('button', 'backgroundColor')],
      error: [color('[part~="error"]'), background],
      input: [color('[part~="email-input"]'), color('[part~="email-input"]', 'backgroundColor')],
    },
  };
}

describe('contrast of the default theme', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`is at least 4.5:1 for every text in ${theme}`, async () => {
      const element = await states.invalid({ theme, dir: 'ltr', indicators: true });
      const { pairs } = colorsOf(element);
      for (const [name, [foreground, background]] of Object.entries(pairs)) {
        expect(contrast(foreground, background), `${name}: ${foreground} on ${background}`).to.be.at.least(4.5);
      }
    });
  }

  it('follows prefers-color-scheme unless a theme is forced', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const automatic = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture>`);
    const forcedLight = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" theme="light"></lead-capture>`);
    expect(luminance(getComputedStyle(field(automatic, '[part="surface"]')).backgroundColor)).to.be.below(0.05);
    expect(luminance(getComputedStyle(field(forcedLight, '[part="surface"]')).backgroundColor)).to.be.above(0.9);
    await expect(automatic).to.be.accessible();
  });

  it('lets the site theme it with custom properties', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0"
      endpoint="/api/leads"
      style="--lead-capture-accent: rgb(0, 100, 0); --lead-capture-radius: 0px; --lead-capture-font: 20px serif"
    ></lead-capture>`);
    const button = getComputedStyle(field(element, 'button'));
    expect(button.backgroundColor).to.equal('rgb(0, 100, 0)');
    expect(button.borderTopLeftRadius).to.equal('0px');
    expect(getComputedStyle(element).fontSize).to.equal('20px');
  });
});

describe('motion and targets', () => {
  it('drops transitions under prefers-reduced-motion', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture>`);
    expect(getComputedStyle(field(element, 'button')).transitionDuration).not.to.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(field(element, 'button')).transitionDuration).to.equal('0s');
  });

  it('gives every control a target of at least 24 by 24 CSS pixels', async () => {
    const element = await states.queued({ theme: 'light', dir: 'ltr', indicators: true });
    const link = field(element, '[part="asset-link"]');
    const form = await states.invalid({ theme: 'light', dir: 'ltr', indicators: true });
    const targets = [
      ...Array.from(shadow(form).querySelectorAll('label.choice, input:not([type="radio"]):not([type="checkbox"]):not([tabindex="-1"]), select, button')),
      link,
    ];
    expect(targets.length).to.be.greaterThan(8);
    for (const target of targets) {
      const { width, height } = target.getBoundingClientRect();
      expect(Math.min(width, height), target.outerHTML.slice(0, 60)).to.be.at.least(24);
    }
  });
});

describe('languages', () => {
  it('speaks German on a German page, and records the German wording as consent', async () => {
    const container = await fixture<HTMLElement>(html`<section lang="de-AT"><lead-capture min-fill-ms="0" endpoint="/api/leads"></lead-capture></section>`);
    const element = container.querySelector('lead-capture') as LeadCapture;
    await element.updateComplete;
    expect(field(element, 'legend').textContent).to.contain('Wie dürfen wir uns bei Ihnen melden?');
    expect(field(element, 'button').textContent?.trim()).to.equal('Jetzt herunterladen');
    await choose(element, 'email');
    await type(element, 'email', 'ada@example.com');
    const submitted = oneEvent(element, 'lead-submit');
    element.addEventListener('lead-submit', (event) => event.preventDefault(), { once: true });
    await submit(element);
    const { lead } = ((await submitted) as CustomEvent<LeadSubmitDetail>).detail;
    const shown = field(element, 'input[value="email"]').closest('label')?.textContent?.trim();
    expect(lead.consent.text).to.equal(shown);
    expect(lead.consent.text).to.equal('Per E-Mail');
    expect(lead.consent.language).to.equal('de');
  });

  for (const [lang, submitLabel] of [
    ['fr', 'Télécharger'],
    ['es-MX', 'Descargar'],
    ['ja', 'Get the download'],
  ] as const) {
    it(`uses the right texts for lang="${lang}" on the element itself`, async () => {
      const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" lang=${lang}></lead-capture>`);
      expect(field(element, 'button').textContent?.trim()).to.equal(submitLabel);
    });
  }

  it('takes overrides from a JSON strings attribute or the property: one value, the last written wins', async () => {
    const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0"
      endpoint="/api/leads"
      strings='{"submitDownload": "Send me the report", "preferenceCall": "Ring me"}'
    ></lead-capture>`);
    const button = () => field(element, 'button').textContent?.trim();
    const callLabel = () => field(element, 'input[value="call"]').closest('label')?.textContent?.trim();
    expect([button(), callLabel()]).to.deep.equal(['Send me the report', 'Ring me']);
    element.strings = { submitDownload: 'Get it now' };
    await element.updateComplete;
    expect([button(), callLabel()], 'the property replaces the attribute').to.deep.equal(['Get it now', 'Call me']);
    element.setAttribute('strings', '{"submitDownload": "Download"}');
    await element.updateComplete;
    expect([button(), element.strings]).to.deep.equal(['Download', { submitDownload: 'Download' }]);
  });

  it('reports a malformed strings attribute once and keeps the built-in texts', async () => {
    const original = console.error;
    const messages: string[] = [];
    console.error = (message: unknown) => messages.push(String(message));
    try {
      const element = await fixture<LeadCapture>(html`<lead-capture min-fill-ms="0" endpoint="/api/leads" strings='{"submitDownload": '></lead-capture>`);
      expect(messages).to.have.length(1);
      expect(messages[0]).to.contain('<lead-capture> strings: strings is not JSON');
      expect(field(element, 'button').textContent?.trim()).to.equal('Get the download');
    } finally {
      console.error = original;
    }
  });
});

describe('style isolation', () => {
  it('ignores hostile page CSS and leaks none of its own', async () => {
    const container = await fixture<HTMLElement>(html`<div>
      <style>
        * { color: rgb(255, 0, 0) !important; background: rgb(255, 255, 0) !important; }
        input, label, button, select, fieldset, legend, p { display: none !important; }
        .error, .choice, .field { visibility: hidden !important; }
      </style>
      <lead-capture min-fill-ms="0" endpoint="/api/leads" theme="light"></lead-capture>
      <button id="page-button">A page button</button>
    </div>`);
    const element = container.querySelector('lead-capture') as LeadCapture;
    await choose(element, 'email');
    const submitButton = field(element, 'button[type="submit"]');
    expect(getComputedStyle(submitButton).display).not.to.equal('none');
    expect(getComputedStyle(field(element, '[part~="email-input"]')).display).not.to.equal('none');
    expect(getComputedStyle(field(element, '.choice')).visibility).to.equal('visible');
    expect(getComputedStyle(submitButton).backgroundColor).to.equal('rgb(29, 78, 216)');
    expect(getComputedStyle(field(element, 'legend')).color).to.equal('rgb(31, 41, 55)');
    expect(getComputedStyle(field(element, '[part="surface"]')).backgroundColor).to.equal('rgb(255, 255, 255)');
    // The page's own button gets none of the widget's styles.
    const pageButton = container.querySelector('#page-button') as HTMLElement;
    expect(getComputedStyle(pageButton).borderTopLeftRadius).not.to.equal(getComputedStyle(submitButton).borderTopLeftRadius);
  });
});
