// The builder (builder/), built, in a real Chromium: configured through its labelled controls
// only, its preview in each state, its HTML code pasted into a blank page with the built script,
// the share link and Import, test sends against local endpoints (one that accepts, one without
// CORS, one that redirects, none at all, a HubSpot-like fake refusing a field), the reserved
// height (CLS 0 at 375 and 1280 px), axe in each state and the keyboard alone.
// The servers, the build and the moves are in builder-harness.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, configure, embedCode, htmlCode, previewFrame, startBuilderHarness, widgetFacts } from './builder-harness.mjs';

let harness;

before(async () => {
  harness = await startBuilderHarness();
});

after(async () => {
  await harness?.close();
});

/** The HTML code of `configure()`, from the first round trip: the CLS tests paste it too. */
let configuredSnippet;

describe('round trips', () => {
  let snippet;
  let shareLink;
  let previewed;

  test('configured through labelled controls, the HTML code loads the script with defer and holds only what was set', async () => {
    const page = await harness.openBuilder();
    await configure(page, harness.endpoints.origin);
    snippet = configuredSnippet = await htmlCode(page);
    assert.match(snippet, /<script src="\/dist\/lead-capture\.iife\.js" defer><\/script>/);
    assert.match(snippet, /offer="newsletter"/);
    assert.match(snippet, /<lead-indicator value="no-follow-up">No follow-up<\/lead-indicator>\s*<lead-indicator value="cold-leads">/);
    assert.match(snippet, /"submitNewsletter": "Send me the spring report"/);
    assert.match(snippet, /min-height: [\d.]+rem;[^]*@media \(min-width: 1280px\) \{ lead-capture \{ min-height: [\d.]+rem; \} \}/);
    // Defaults are not written.
    assert.doesNotMatch(snippet, /retries|timeout|max-call-attempts|track-repeats/);
    shareLink = await page.getByLabel('Share link').inputValue();
    assert.match(shareLink, /#config=[\w-]+$/);
    const frame = await previewFrame(page);
    previewed = await frame.evaluate(widgetFacts);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the HTML code pasted into a blank page gives the widget of the preview', async () => {
    assert.ok(snippet, 'needs the code of the first test');
    harness.pages.set('/blank.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body>\n${snippet}\n</body></html>`);
    const page = await harness.browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${harness.origin}/blank.html`);
    await page.waitForFunction(() => document.querySelector('lead-capture')?.shadowRoot?.querySelector('form'));
    const pasted = await page.evaluate(widgetFacts);
    assert.equal(pasted.offerTitle, 'The spring report');
    assert.deepEqual(pasted.indicators, [
      { value: 'no-follow-up', label: 'No follow-up' },
      { value: 'cold-leads', label: 'Leads go cold' },
    ]);
    assert.equal(pasted.accent, '#c4b5fd');
    assert.match(pasted.text, /Send me the spring report/);
    assert.deepEqual(pasted, previewed);
    await page.close();
  });

  test('the share link reopens the same configuration', async () => {
    assert.ok(shareLink, 'needs the link of the first test');
    const page = await harness.openBuilder(new URL(shareLink).hash);
    assert.equal(await page.getByLabel('Offer title', { exact: true }).inputValue(), 'The spring report');
    assert.equal(await page.getByRole('group', { name: 'Indicator 1' }).getByLabel('Code').inputValue(), 'no-follow-up');
    assert.equal(await htmlCode(page), snippet);
    await page.close();
  });

  test('Import of that code restores it', async () => {
    assert.ok(snippet, 'needs the code of the first test');
    const page = await harness.openBuilder();
    await page.getByLabel('Code to import').fill(snippet);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/^Imported \d+ settings from the code\./).waitFor();
    assert.equal(await page.getByLabel('Theme').inputValue(), 'dark');
    assert.equal(await htmlCode(page), snippet);
    await page.close();
  });
});

describe('the preview', () => {
  test('shows the real widget in each state, never posting', async () => {
    const page = await harness.openBuilder();
    await page.getByLabel('Endpoint', { exact: true }).fill(`${harness.endpoints.origin}/leads`);
    const before = harness.endpoints.received.length;
    const widgetStates = { idle: 'idle', invalid: 'idle', call: 'idle', sending: 'submitting', sent: 'sent', queued: 'queued', error: 'error' };
    for (const [state, widgetState] of Object.entries(widgetStates)) {
      await page.getByLabel('State', { exact: true }).selectOption(state);
      const frame = await previewFrame(page, state);
      assert.equal(await frame.evaluate(() => document.querySelector('lead-capture').state), widgetState, state);
      const shown = await frame.evaluate(() => {
        const root = document.querySelector('lead-capture').shadowRoot;
        return { errors: root.querySelectorAll('[part~="error"]').length, phone: Boolean(root.querySelector('#phone')) };
      });
      if (state === 'invalid') assert.ok(shown.errors > 0, 'the invalid state shows a message');
      if (state === 'call') assert.ok(shown.phone, 'call chosen asks for a phone number');
      assert.equal(await page.locator('#preview-frame + .note, .preview-viewport + .note').textContent().then((text) => text.trim()), '', state);
    }
    assert.equal(harness.endpoints.received.length, before, 'the preview posts nothing');
    await page.close();
  });
});

describe('test send', () => {
  async function testSend(endpoint, destination) {
    const page = await harness.openBuilder();
    await page.getByLabel('Endpoint', { exact: true }).fill(endpoint);
    if (destination) await page.getByLabel('Destination', { exact: true }).selectOption(destination);
    await page.getByRole('button', { name: 'Send a test lead' }).click();
    const report = page.locator('.test-report');
    await report.locator('.headline').waitFor({ timeout: 30_000 });
    return { page, text: (await report.textContent()).replace(/\s+/g, ' ') };
  }

  test('against a local endpoint: delivered, and the lead is marked as a test', async () => {
    const before = harness.endpoints.received.length;
    const { page, text } = await testSend(`${harness.endpoints.origin}/leads`);
    assert.match(text, /^ ?Delivered: The endpoint accepted the test lead \(201\)/);
    const sent = harness.endpoints.received.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(JSON.parse(sent[0].body).test, true);
    await page.close();
  });

  test('against an endpoint without CORS: names the header and the destination that fix it', async () => {
    const { page, text } = await testSend(`${harness.endpoints.origin}/no-cors`);
    assert.match(text, /Refused by CORS/);
    assert.match(text, /Access-Control-Allow-Origin/);
    assert.match(text, /Destination: form/);
    await page.close();
  });

  test('against an address that redirects: says so, and names the address to use', async () => {
    const { page, text } = await testSend(`${harness.endpoints.origin}/moved`);
    assert.match(text, /Redirected/);
    assert.match(text, new RegExp(`Use the address it redirects to as the endpoint: ${harness.endpoints.origin}/leads`));
    await page.close();
  });

  test('against an address where nothing answers: unreachable, check the address', async () => {
    const { page, text } = await testSend('http://127.0.0.1:9/leads');
    assert.match(text, /Unreachable: nothing answered at http:\/\/127\.0\.0\.1:9/);
    assert.match(text, /Check the address/);
    await page.close();
  });

  test('against a HubSpot form that lacks a field: names the field to add', async () => {
    const { page, text } = await testSend(harness.hubspot.endpoint, 'hubspot');
    assert.match(text, /this HubSpot form has no field named "firstname"/);
    assert.match(text, /Add a field named "firstname" to this HubSpot form/);
    await page.close();
  });
});

describe('space to reserve', () => {
  for (const width of [375, 1280]) {
    test(`the configured widget leaves CLS 0 at ${width} px`, async () => {
      assert.ok(configuredSnippet, 'needs the code of the round trips');
      const snippet = configuredSnippet;
      const path = `/cls-${width}.html`;
      harness.pages.set(path, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CLS</title></head><body>\n<h1>A landing page</h1>\n${snippet}\n<p id="below">Text below the form.</p></body></html>`);
      const page = await harness.browser.newPage({ viewport: { width, height: 700 } });
      await page.addInitScript(() => {
        window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value))).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${harness.origin}${path}`);
      await page.waitForFunction(() => document.querySelector('lead-capture')?.shadowRoot?.querySelector('form'));
      await page.waitForTimeout(500);
      /** The widget's own height (its reservation lifted for a moment) and the reservation. */
      const heights = () =>
        page.evaluate(() => {
          const widget = document.querySelector('lead-capture');
          const reserved = parseFloat(getComputedStyle(widget).minHeight);
          widget.style.minHeight = '0px';
          const height = widget.getBoundingClientRect().height;
          widget.style.minHeight = '';
          return { height, reserved };
        });
      assert.deepEqual(await page.evaluate(() => window.shifts), [], 'no layout shift');
      const idle = await heights();
      assert.ok(idle.height > 100 && idle.reserved >= idle.height, `reserved ${idle.reserved} px for a widget of ${idle.height} px`);
      // Taller states fit too: call chosen, then submitted empty (every message shown).
      await page.locator('lead-capture input[value="call"]').check();
      await page.locator('lead-capture button[type="submit"]').click();
      await page.locator('lead-capture [part~="error"]').first().waitFor();
      const invalid = await heights();
      assert.ok(invalid.height > idle.height && invalid.reserved >= invalid.height, `reserved ${invalid.reserved} px for a widget of ${invalid.height} px`);
      await page.close();
    });
  }
});

describe('accessibility', () => {
  test('0 axe violations: empty, with problems, configured, after a test send, and in each preview state', async () => {
    const page = await harness.openBuilder();
    assert.deepEqual(await axeViolations(page, { iframes: false }), [], 'empty');
    await page.getByLabel('Endpoint', { exact: true }).fill('ftp://nowhere');
    await page.getByLabel('Retries').fill('99');
    await page.locator('.has-problem').first().waitFor();
    assert.deepEqual(await axeViolations(page, { iframes: false }), [], 'with problems');
    await configure(page, harness.endpoints.origin);
    await htmlCode(page);
    await page.getByRole('button', { name: 'Send a test lead' }).click();
    await page.locator('.test-report .headline').waitFor({ timeout: 30_000 });
    assert.deepEqual(await axeViolations(page, { iframes: false }), [], 'configured, after a test send');
    for (const tab of ['WordPress', 'React', 'Angular']) {
      await embedCode(page).getByRole('tab', { name: tab }).click();
      assert.deepEqual(await axeViolations(page, { iframes: false }), [], tab);
    }
    for (const state of ['idle', 'invalid', 'call', 'sending', 'sent', 'queued', 'error']) {
      await page.getByLabel('State', { exact: true }).selectOption(state);
      const frame = await previewFrame(page, state);
      assert.deepEqual(await axeViolations(frame), [], `preview: ${state}`);
    }
    await page.close();
  });

  test('at 320 px: nothing scrolls sideways and axe finds nothing', async () => {
    const page = await harness.openBuilder('', { width: 320, height: 640 });
    await configure(page, harness.endpoints.origin);
    await htmlCode(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    assert.deepEqual(await axeViolations(page, { iframes: false }), []);
    await page.close();
  });

  test('keyboard only: enter the endpoint, switch code tabs with the arrows, send a test lead', async () => {
    const page = await harness.openBuilder();
    const focused = () => page.evaluate(() => {
      const element = document.activeElement;
      return { id: element?.id ?? '', role: element?.getAttribute('role') ?? '', text: element?.textContent?.trim() ?? '' };
    });
    const tabTo = async (matches, limit = 400) => {
      for (let press = 0; press < limit; press++) {
        await page.keyboard.press('Tab');
        if (matches(await focused())) return;
      }
      assert.fail('not reached with Tab');
    };
    await tabTo((element) => element.id === 'field-endpoint');
    await page.keyboard.type(`${harness.endpoints.origin}/leads`);
    await tabTo((element) => element.text === 'Send a test lead');
    await page.keyboard.press('Enter');
    await page.locator('.test-report .headline').waitFor({ timeout: 30_000 });
    assert.match(await page.locator('.test-report .headline').textContent(), /^Delivered/);
    await tabTo((element) => element.role === 'tab');
    await page.keyboard.press('ArrowRight');
    assert.equal(await embedCode(page).getByRole('tab', { selected: true }).textContent().then((text) => text.trim()), 'WordPress');
    assert.equal((await focused()).role, 'tab');
    await page.close();
  });
});
