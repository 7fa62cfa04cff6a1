// Accessibility end to end, on the built script in plain pages: axe-core injected into whole
// pages for what the element tests cannot see (a German page, forced colours, the page around
// the widget), a keyboard-only capture, and reflow at 320 px and 400 %. Every state in light,
// dark and right-to-left is checked once, by the element tests (test/element/accessibility.test.ts).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, startSite } from './support/site.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let site;
let browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** axe-core on the whole page, WCAG 2.x A and AA rules; returns the violations, summarised. */
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** What only a whole page shows: each look in the state that shows the most of it. */
const looks = [
  { name: 'light', page: 'landing-quick.html', media: { colorScheme: 'light' }, states: ['sent'] },
  { name: 'right-to-left', page: 'landing-rtl.html', media: { colorScheme: 'light' }, states: ['invalid'] },
  { name: 'German', page: 'landing-de.html', media: { colorScheme: 'light' }, states: ['invalid', 'sent'] },
  { name: 'forced colours', page: 'landing-quick.html', media: { forcedColors: 'active' }, states: ['idle', 'invalid'] },
];

const steps = {
  idle: async () => {},
  invalid: async (page) => {
    await page.locator('lead-capture button[type="submit"]').click();
    await page.locator('lead-capture [part~="error"]').first().waitFor();
  },
  sent: async (page) => {
    await page.locator('lead-capture input[value="none"]').check();
    await page.locator('lead-capture button[type="submit"]').click();
    await page.locator('lead-capture[state="sent"]').waitFor();
  },
};

describe('axe-core in the page', () => {
  for (const look of looks) {
    for (const state of look.states) {
      const reach = steps[state];
      test(`${state}, ${look.name}`, async () => {
        const page = await browser.newPage();
        await page.emulateMedia(look.media);
        await page.goto(`${site.origin}/${look.page}`);
        await reach(page);
        assert.deepEqual(await axeViolations(page), []);
        await page.close();
      });
    }
  }
});

test('a prospect completes a call request with the keyboard alone, at a person\'s speed, on the README snippet', async () => {
  const page = await browser.newPage();
  const storedBefore = (await site.leads()).length;
  // landing.html is the README's snippet as is: the default minimum fill time applies, and
  // a person typing at a normal pace (60 ms a key) is never taken for a bot.
  await page.goto(`${site.origin}/landing.html`);
  // Recorded in the page as they happen, read once the outcome is on screen.
  await page.evaluate(() => {
    window.spamReasons = [];
    document.addEventListener('lead-spam', (event) => window.spamReasons.push(event.detail.reason));
  });
  const focused = () => page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return `${active?.tagName.toLowerCase()}[${active?.getAttribute('name') ?? ''}=${active?.value ?? ''}]`;
  });

  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'input[preference=none]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'input[preference=call]');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ada Lovelace', { delay: 60 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('ada@example.com', { delay: 60 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('+44 20 7946 0958', { delay: 60 });
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'select[callWindow=]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'input[indicator=manual-reports]');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'button[=]');
  await page.keyboard.press('Enter');

  await page.locator('lead-capture[state="sent"]').waitFor();
  assert.equal(await focused(), 'h2[=]', 'the thank-you heading receives focus');
  assert.deepEqual(await page.evaluate(() => window.spamReasons), [], 'a person typing at 60 ms a key is not taken for a bot');
  const leads = await site.leads();
  assert.equal(leads.length, storedBefore + 1);
  const { lead } = leads[0];
  assert.deepEqual(lead.contact, { preference: 'call', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+442079460958', callWindow: 'afternoon' });
  assert.deepEqual(lead.indicators.map((indicator) => indicator.value), ['manual-reports']);
  await page.close();
});

test('an invalid submit from the keyboard moves focus to the first invalid field', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/landing.html`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  // At a person's pace: text typed faster than anyone types is the time trap's business.
  await page.keyboard.type('not-an-email', { delay: 40 });
  await page.keyboard.press('Enter');
  const active = await page.evaluate(() => document.querySelector('lead-capture').shadowRoot.activeElement?.id);
  assert.equal(active, 'email');
  assert.equal(await page.getByRole('status').textContent(), 'Please correct the highlighted fields.');
  await page.close();
});

for (const [name, options] of [
  ['a 320 px wide screen', { viewport: { width: 320, height: 640 } }],
  ['400 % zoom of a 1280 px window', { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 }],
]) {
  test(`reflows without horizontal scrolling on ${name}`, async () => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${site.origin}/landing-quick.html`);
    await page.locator('lead-capture input[value="call"]').check();
    await page.locator('lead-capture button[type="submit"]').click();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    assert.ok(widths.page <= widths.viewport, `content ${widths.page}px wide in a ${widths.viewport}px viewport`);
    await context.close();
  });
}
