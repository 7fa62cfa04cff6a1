// What the widget promises the page it sits on, against the built script tag: the consent
// receipt names the language of the text the prospect really saw; the data layer gets
// entries only when it is an array that takes them (one console error otherwise, never an
// uncaught error, never a page property replaced); the `state` attribute and the custom
// state always say the real state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { capture, leadEvents, useDeliveryHarness, widgetUrl } from './support/delivery-harness.mjs';
import { watchProblems } from './support/site.mjs';

const { startServer, freshContext } = useDeliveryHarness();

async function openPage(options = {}, initScripts = []) {
  const server = await startServer();
  const context = await freshContext(initScripts);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(widgetUrl(server, options));
  await page.locator('#widget-0 [part="form"]').waitFor();
  return { server, page, problems };
}

async function submittedLead(page) {
  const handle = await page.waitForFunction(() => window.leadEvents.find((event) => event.type === 'lead-submit'));
  return (await handle.jsonValue()).detail.lead;
}

describe('the consent receipt records the language of the text shown', () => {
  test('a German page with English `strings` for the choice: the receipt does not claim German', async () => {
    const override = 'Just the content, please';
    const { page } = await openPage({ 'attr-lang': 'de', 'attr-strings': JSON.stringify({ preferenceNone: override }) });
    await page.locator('#widget-0').getByLabel(override).check();
    await page.locator('#widget-0 [part="submit"]').click();
    const lead = await submittedLead(page);
    assert.equal(lead.consent.text, override);
    assert.notEqual(lead.consent.language, 'de');
    assert.equal(lead.consent.language, 'und', 'undetermined (BCP 47): the site wrote this text');
  });

  test('the built-in German text: the receipt says de', async () => {
    const { page } = await openPage({ 'attr-lang': 'de' });
    await page.locator('#widget-0').getByLabel('Nur die Inhalte, bitte kontaktieren Sie mich nicht').check();
    await page.locator('#widget-0 [part="submit"]').click();
    const lead = await submittedLead(page);
    assert.equal(lead.consent.language, 'de');
  });

  test('an override that repeats the built-in text of the language keeps the language', async () => {
    const builtIn = 'Nur die Inhalte, bitte kontaktieren Sie mich nicht';
    const { page } = await openPage({ 'attr-lang': 'de', 'attr-strings': JSON.stringify({ preferenceNone: builtIn }) });
    await page.locator('#widget-0').getByLabel(builtIn).check();
    await page.locator('#widget-0 [part="submit"]').click();
    assert.equal((await submittedLead(page)).consent.language, 'de');
  });
});

describe('the data layer takes entries only as an array: one console error otherwise, nothing replaced, nothing thrown', () => {
  for (const name of ['onclick', 'opener']) {
    test(`data-layer="${name}" (a window property that is null): left null, one console error, nothing pushed`, async () => {
      const { page, problems } = await openPage({ 'attr-data-layer': name });
      await capture(page);
      await page.locator('#widget-0[state="sent"]').waitFor();
      assert.equal(await page.evaluate((property) => window[property], name), null, `window.${name} is still null`);
      const errors = problems.filter((text) => text.includes('data-layer'));
      assert.equal(errors.length, 1, problems.join('\n'));
    });
  }

  test('an object with a push method that is not an array receives nothing', async () => {
    const { page, problems } = await openPage({ 'attr-data-layer': 'lookalike' }, [
      () => {
        window.lookalike = { pushed: [], push(entry) { this.pushed.push(entry); } };
      },
    ]);
    await capture(page);
    await page.locator('#widget-0[state="sent"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.lookalike.pushed), []);
    assert.equal(problems.filter((text) => text.includes('data-layer')).length, 1, problems.join('\n'));
  });

  test('an array whose push throws: no uncaught error, one console error, the lead still sent', async () => {
    const { page, problems } = await openPage({ 'attr-data-layer': 'throwing' }, [
      () => {
        window.throwing = [];
        window.throwing.push = () => {
          throw new Error('push refused');
        };
      },
    ]);
    await capture(page);
    await page.locator('#widget-0[state="sent"]').waitFor();
    assert.deepEqual(problems.filter((text) => text.includes('push refused')), [], 'no uncaught error');
    assert.equal(problems.filter((text) => text.includes('data-layer')).length, 1, problems.join('\n'));
    assert.deepEqual((await leadEvents(page)).map((event) => event.type), ['lead-submit', 'lead-sent']);
  });

  test('the array GTM makes (its push replaced by GTM) receives the entries', async () => {
    const { page, problems } = await openPage({ 'attr-data-layer': 'dataLayer' }, [
      () => {
        window.dataLayer = [];
        const push = Array.prototype.push;
        window.dataLayer.push = function gtmPush(...entries) {
          return push.apply(this, entries);
        };
      },
    ]);
    await capture(page);
    await page.locator('#widget-0[state="sent"]').waitFor();
    assert.deepEqual(await page.evaluate(() => window.dataLayer.map((entry) => entry.event)), ['lead_capture_sent']);
    assert.deepEqual(problems, []);
  });
});

describe('the state attribute and the custom state say the real state', () => {
  test('a page setting state="sent" on an idle widget: the attribute goes back at once, [state="sent"] matches nothing', async () => {
    const { page, problems } = await openPage();
    const after = await page.evaluate(() => {
      const widget = document.querySelector('#widget-0');
      widget.setAttribute('state', 'sent');
      return { attribute: widget.getAttribute('state'), matches: document.querySelectorAll('[state="sent"]').length, custom: widget.matches(':state(idle)') };
    });
    assert.deepEqual(after, { attribute: 'idle', matches: 0, custom: true });
    assert.equal(problems.filter((text) => /state is read-only/.test(text)).length, 1, problems.join('\n'));
    await capture(page);
    await page.locator('#widget-0[state="sent"]').waitFor();
    assert.equal(await page.locator('#widget-0').evaluate((widget) => widget.matches(':state(sent)') && !widget.matches(':state(idle)')), true);
  });

  test('markup that already says state="idle" gets :state(idle)', async () => {
    const { page } = await openPage({ 'attr-state': 'idle' });
    assert.equal(await page.locator('#widget-0').evaluate((widget) => widget.matches(':state(idle)')), true);
  });

  test('markup that says state="sent" is corrected to idle when the widget upgrades', async () => {
    const { page } = await openPage({ 'attr-state': 'sent' });
    assert.deepEqual(await page.locator('#widget-0').evaluate((widget) => [widget.getAttribute('state'), widget.matches(':state(idle)')]), ['idle', true]);
  });
});

test('a valid submit builds and sends the lead in a task after the click, so the browser can paint the press first', async () => {
  const { page } = await openPage({}, [
    () => {
      // A task queued by the click itself: it runs before any task the widget queues after it.
      document.addEventListener('click', () => { window.clickTaskOver = false; setTimeout(() => (window.clickTaskOver = true)); }, true);
      document.addEventListener('lead-submit', () => (window.submittedAfterClickTask = window.clickTaskOver), true);
    },
  ]);
  await capture(page);
  await page.waitForFunction(() => window.submittedAfterClickTask !== undefined);
  assert.equal(await page.evaluate(() => window.submittedAfterClickTask), true, 'lead-submit fired in the click\'s own task');
});
