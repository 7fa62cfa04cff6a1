// The inbox (issue 21) in a real Chromium against a real receiver (the CLI, PGlite in a temporary
// folder): the queue's order and caps, the list's filters and export, erasure everywhere, the offers
// view against figures computed here from the generated history, live arrival, axe in light and dark.
// INBOX_SCREENSHOTS=1 also writes docs/images/inbox-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { generateDemoLeads } from '../../receiver/scripts/demo-data-leads.mjs';
import { launchBrowser, makeLead, password, post, startReceiver, stopAll, zoneWhere } from './inbox-harness.mjs';
import { expectedOffers } from './inbox-report.mjs';

const root = new URL('../../', import.meta.url);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = process.env.INBOX_SCREENSHOTS === '1';
let browser;
let origin;
/** The second receiver, filled by demo:data: the offers view and the screenshots need a history. */
let demo;
const now = new Date();
const history = generateDemoLeads({ seed: 21, count: 150, now });
const consoleProblems = [];

async function logIn(path = '/inbox/now', options = {}, at = origin) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  page.on('console', (message) => /Content Security Policy|Refused to/.test(message.text()) && consoleProblems.push(message.text()));
  page.on('pageerror', (error) => consoleProblems.push(error.message));
  await page.goto(`${at}${path}`);
  await page.getByLabel('Inbox password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Inbox views' }).waitFor();
  return page;
}

const cards = (page) => page.locator('ol.cards > li');
const live = (page) => page.locator('#live');

before(async () => {
  [browser, origin, demo] = await Promise.all([launchBrowser(), startReceiver(), startReceiver({ demo: { count: 150, now } })]);
});

after(async () => {
  await browser?.close();
  await stopAll();
});

describe('contact now', () => {
  const inside = zoneWhere((hour) => hour >= 13 && hour < 16);
  const outside = zoneWhere((hour) => hour < 8 || hour >= 13);
  const warm = makeLead({ name: 'Warm Emailer', email: 'warm@example.com', preference: 'email', temperature: 'warm' });
  const hot = makeLead({ name: 'Hot Caller', email: 'hot@example.com', kind: 'event', offerId: 'webinar', preference: 'call', callWindow: 'afternoon', timeZone: inside });
  const none = makeLead({ name: 'No Contact', email: 'none@example.com', kind: 'event', offerId: 'webinar' });
  const late = makeLead({ name: 'Outside Window', email: 'late@example.com', preference: 'call', callWindow: 'morning', timeZone: outside });

  before(async () => {
    // The warm lead arrives first: the order comes from the temperature table, not from arrival.
    for (const lead of [warm, none, late, hot]) { const answer = await post(origin, lead); assert.equal(answer.status, 201, JSON.stringify(answer.body)); }
  });

  test('orders a hot call lead inside its window before a warm email lead; leaves out "none" and a call outside its window', async () => {
    const page = await logIn();
    await cards(page).first().waitFor();
    const headings = await page.locator('ol.cards h3').allTextContents();
    const hotAt = headings.findIndex((text) => text.startsWith('Call Hot Caller'));
    const warmAt = headings.findIndex((text) => text.startsWith('Email Warm Emailer, asked for email only'));
    assert.ok(hotAt >= 0 && warmAt > hotAt, headings.join(' | '));
    assert.match(headings[hotAt], new RegExp(`^Call Hot Caller, ${inside.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, \\d\\d:\\d\\d their time, asked for afternoons, attempt 1 of 2$`));
    assert.ok(!headings.some((text) => /No Contact|Outside Window/.test(text)));
    await page.getByRole('group', { name: 'Log the call outcome for Hot Caller' }).waitFor();
    await page.locator('ol.cards > li').nth(hotAt).getByText('Consent receipt').click();
    await page.getByText('Consent for call').waitFor();
    await page.context().close();
  });

  test('"no-answer" twice on a lead capped at 2 calls takes it out of the queue, without a reload; a third call is refused', async () => {
    const page = await logIn();
    const card = page.locator(`li[data-lead="${hot.id}"]`);
    await card.getByRole('button', { name: 'No answer' }).click();
    await page.locator(`li[data-lead="${hot.id}"] h3`, { hasText: 'attempt 2 of 2' }).waitFor();
    await assertLive(page, /Logged "No answer" for Hot Caller\. They stay in the queue/);
    await card.getByRole('button', { name: 'No answer' }).click();
    await card.waitFor({ state: 'detached' });
    await assertLive(page, /They left the queue/);
    const third = await page.context().request.post(`${origin}/api/leads/${hot.id}/follow-ups`, { data: { channel: 'call', outcome: 'no-answer' } });
    assert.equal(third.status(), 409);
    assert.match((await third.json()).detail, /2 of 2 calls/);
    await page.context().close();
  });
});

async function assertLive(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('lead-inbox').shadowRoot.querySelector('#live').textContent), pattern.source);
}

test('works with the keyboard alone, with a visible focus ring', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/inbox/leads`);
  await page.getByLabel('Inbox password').waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.locator('li[data-lead]').first().waitFor();
  /** Tabs (or Shift+Tabs) until the focused element, inside shadow roots, matches; returns its outline. */
  const tabTo = async (matches, key = 'Tab') => {
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press(key);
      const focused = await page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        const style = getComputedStyle(element);
        return { text: element.textContent.trim(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
      });
      if (matches(focused.text)) return focused;
    }
    throw new Error('not reached by Tab');
  };
  const details = await tabTo((text) => text.startsWith('Details'));
  assert.equal(details.outline, 'solid 3px');
  await page.keyboard.press('Enter');
  await page.locator('lead-detail').waitFor();
  const link = await tabTo((text) => text === 'Contact now', 'Shift+Tab');
  assert.equal(link.outline, 'solid 3px');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inbox\/now$/);
  await cards(page).first().waitFor();
  await context.close();
});

describe('leads', () => {
  before(async () => {
    for (let index = 0; index < 4; index += 1) await post(origin, makeLead({ name: `Cool ${index}`, email: `cool${index}@example.com`, preference: 'email' }));
    await post(origin, makeLead({ name: 'Tester', email: 'tester@example.com', preference: 'email', test: true }));
  });

  test('filters, and exports exactly what it shows', async () => {
    const page = await logIn('/inbox/leads');
    await page.locator('li[data-lead]').first().waitFor();
    await page.getByLabel('Temperature').selectOption('cool');
    await page.getByRole('button', { name: 'Filter' }).click();
    await assertLive(page, /leads match/);
    const shown = await page.locator('li[data-lead]').evaluateAll((items) => items.map((item) => item.dataset.lead));
    assert.ok(shown.length >= 4);
    for (const text of await page.locator('li[data-lead] .summary').allTextContents()) assert.match(text, /\bcool\b/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export these as CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.deepEqual(csv.slice(1).map((line) => line.split(',')[0]).sort(), [...shown].sort());
    // Test leads are apart, and badged.
    await page.getByLabel('Which leads').selectOption('true');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('li[data-lead] .badge', { hasText: 'test' }).first().waitFor();
    await page.context().close();
  });

  test('erasing a person removes them from every view, and their queued retry is not stored again', async () => {
    const lead = makeLead({ name: 'Erase Me', email: 'erase.me@example.com', kind: 'event', offerId: 'erase-offer', preference: 'email' });
    assert.equal((await post(origin, lead)).status, 201);
    const page = await logIn('/inbox/now');
    await page.locator(`li[data-lead="${lead.id}"]`).waitFor();
    await page.getByRole('link', { name: 'Leads' }).click();
    await page.getByLabel('Name or email').fill('erase.me@');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Details of Erase Me' }).click();
    await page.getByRole('button', { name: 'Erase this person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase erase.me@example.com?' });
    await dialog.getByText('This deletes 1 lead and 0 follow-ups of erase.me@example.com').waitFor();
    await dialog.getByRole('button', { name: 'Erase 1 lead' }).click();
    await assertLive(page, /Erased 1 leads of erase\.me@example\.com/);
    await page.getByText('No leads match.').waitFor();
    await page.getByRole('link', { name: 'Contact now' }).click();
    await cards(page).first().waitFor();
    assert.equal(await page.locator(`li[data-lead="${lead.id}"]`).count(), 0);
    await page.getByRole('link', { name: 'Offers' }).click();
    await page.locator('tr[data-offer]').first().waitFor();
    assert.equal(await page.locator('tr[data-offer="erase-offer"]').count(), 0);
    // The browser's queued retry of the same lead: acknowledged, never stored again.
    assert.deepEqual(await post(origin, lead), { status: 200, body: { id: lead.id, duplicate: true } });
    await page.getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('button', { name: 'Filter' }).click();
    assert.equal(await page.locator(`li[data-lead="${lead.id}"]`).count(), 0);
    await page.context().close();
  });

  test('a new lead posted while the inbox is open appears without a reload, and is announced', async () => {
    const page = await logIn('/inbox/leads');
    await page.locator('li[data-lead]').first().waitFor();
    const navigations = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    const lead = makeLead({ name: 'Live Arrival', email: 'live@example.com', preference: 'email' });
    await post(origin, lead);
    await page.locator(`li[data-lead="${lead.id}"]`).waitFor({ timeout: 15_000 });
    await assertLive(page, /New lead: Live Arrival/);
    assert.deepEqual(navigations, []);
    await page.context().close();
  });
});

test("a notification's link (/inbox/leads?lead=<id>) opens that lead after the login, with the focus on it", async () => {
  const lead = makeLead({ name: 'Linked Lead', email: 'linked@example.com', preference: 'email' });
  assert.equal((await post(origin, lead)).status, 201);
  const page = await logIn(`/inbox/leads?lead=${lead.id}`);
  const toggle = page.locator(`li[data-lead="${lead.id}"] [aria-expanded]`);
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await toggle.evaluate((button) => button.matches(':focus') || button.getRootNode().activeElement === button), 'the linked lead has the focus');
  await page.context().close();
});

describe('offers, with the generated history', () => {
  test("the offers view's figures equal those computed here from the generated data", async () => {
    const expected = expectedOffers(history);
    const page = await logIn('/inbox/offers', {}, demo);
    await page.locator('tr[data-offer]').first().waitFor();
    const percent = (share) => `${Math.round(share * 100)}%`;
    assert.equal(await page.locator('tr[data-offer]').count(), Object.keys(expected).length);
    for (const [id, figures] of Object.entries(expected)) {
      const row = page.locator(`tr[data-offer="${id}"]`);
      const cell = async (field) => (await row.locator(`td[data-field="${field}"]`).innerText()).split('\n')[0].trim();
      assert.equal(await cell('leads'), String(figures.leads), `${id} leads`);
      assert.equal(await cell('people'), String(figures.people), `${id} people`);
      assert.equal(await cell('first'), percent(figures.firstTimeShare), `${id} first-time`);
      assert.equal(await cell('repeat'), percent(figures.repeatShare), `${id} repeat`);
      for (const t of ['cold', 'cool', 'warm', 'hot']) assert.equal(await cell(t), String(figures.temperatures[t]), `${id} ${t}`);
      assert.equal(await cell('calls'), percent(figures.callShare), `${id} calls`);
      assert.equal(await cell('outcomes'), percent(figures.outcomeShare), `${id} outcomes`);
      const chart = page.locator('figure', { has: page.locator('figcaption', { hasText: history.find((e) => e.lead.offer.id === id).lead.offer.title }) }).locator('svg');
      assert.match(await chart.getAttribute('aria-label'), new RegExp(`; ${figures.firstTimeLeads} first-time and ${figures.repeatLeads} repeat leads;`));
    }
    // Sorting by a column: a button in its header.
    await page.getByRole('button', { name: 'People' }).click();
    const people = await page.locator('td[data-field="people"]').allInnerTexts();
    assert.deepEqual(people.map(Number), people.map(Number).sort((a, b) => b - a));
    assert.equal(await page.locator('th[aria-sort="descending"]').innerText(), 'People');
    await page.context().close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`every view passes axe in ${scheme}, with no CSP violation`, async () => {
      const suffix = scheme === 'dark' ? '-dark' : '';
      for (const width of [1100, 375]) {
        const options = { colorScheme: scheme, viewport: { width, height: 900 } };
        const name = (view) => `docs/images/inbox-${view}${suffix}${width === 375 ? '-375' : ''}.png`;
        const context = await browser.newContext(options);
        const login = await context.newPage();
        await login.goto(`${demo}/inbox/now`);
        await login.getByLabel('Inbox password').waitFor();
        await checkAxe(login, `login ${scheme}`);
        await context.close();
        const page = await logIn('/inbox/now', options, demo);
        await cards(page).first().waitFor();
        await cards(page).first().getByText('Consent receipt').click();
        await checkAxe(page, `now ${scheme}`, shots && name('now'));
        await page.getByRole('link', { name: 'Leads' }).click();
        await page.locator('li[data-lead]').first().getByRole('button', { name: /^Details/ }).click();
        await page.locator('lead-detail').waitFor();
        await checkAxe(page, `leads ${scheme}`, shots && name('leads'));
        await page.getByRole('button', { name: 'Erase this person' }).click();
        await page.getByRole('button', { name: /^Erase \d+ leads?$/ }).waitFor();
        await checkAxe(page, `erase dialog ${scheme}`, shots && width === 1100 && !suffix && name('erase'));
        await page.keyboard.press('Escape');
        await page.getByRole('link', { name: 'Offers' }).click();
        await page.locator('tr[data-offer]').first().waitFor();
        await checkAxe(page, `offers ${scheme}`, shots && name('offers'));
        await page.context().close();
      }
      assert.deepEqual(consoleProblems, []);
    });
  }
});

/** axe-core, evaluated through the debugging protocol (the inbox's CSP refuses an injected script tag). */
async function checkAxe(page, label, screenshot) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], label);
  if (screenshot) await page.screenshot({ path: new URL(screenshot, root).pathname });
}
