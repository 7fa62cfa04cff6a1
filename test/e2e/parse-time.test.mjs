// A widget written in the page's HTML and upgraded by the script tag in <head>, while the
// parser is still inside it: how often it renders, and that a stalled parser never hides it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, startSite, watchProblems } from './support/site.mjs';

const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Parse time</title><script src="/dist/lead-capture.iife.js"></script>';
/** Counts the widget's renders, and how many of them came before the document was parsed. */
const renderCounter = `<script>
  const update = customElements.get('lead-capture').prototype.performUpdate;
  window.renders = [];
  customElements.get('lead-capture').prototype.performUpdate = function () {
    window.renders.push({ loading: document.readyState === 'loading', children: this.querySelectorAll('lead-indicator').length });
    return update.call(this);
  };
</script>`;
const indicator = (value) => `<lead-indicator value="${value}">Problem ${value}</lead-indicator>`;
const values = ['a', 'b', 'c', 'd', 'e'];

let release;
const released = new Promise((resolve) => (release = resolve));

const pages = {
  '/five-indicators.html': () => `${head}${renderCounter}</head><body>
<lead-capture endpoint="/api/leads">${values.map(indicator).join('\n')}</lead-capture>
</body></html>`,
  // Declarative shadow DOM: the parser attaches the shadow root at <template> and streams the content into it.
  '/shadow-root.html': () => `${head}${renderCounter}</head><body>
<div id="host"><template shadowrootmode="open"><lead-capture endpoint="/api/leads">${values.map(indicator).join('')}</lead-capture></template></div>
<script>window.rendersBeforeNextScript = window.renders.length;</script>
<p>After the widget</p></body></html>`,
  '/no-endpoint.html': () => `${head}</head><body><lead-capture>${indicator('a')}</lead-capture>\n<p>After the widget</p></body></html>`,
  // README.md's snippet: the script deferred, so it runs once the page is parsed, before its first paint.
  '/deferred.html': () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Deferred</title>
<link rel="stylesheet" href="/late.css">
<script src="/dist/lead-capture.iife.js" defer></script>
<script>
  // The first frame the page renders (no frame runs while the stylesheet blocks rendering).
  window.firstFrame = new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  // Before the deferred script defines the element: its first render is timed, however early it comes.
  const define = customElements.define.bind(customElements);
  window.firstRender = new Promise((resolve) => {
    customElements.define = (name, element, options) => {
      const update = element.prototype.performUpdate;
      element.prototype.performUpdate = function () { resolve(performance.now()); return update.call(this); };
      return define(name, element, options);
    };
  });
</script>
<style>lead-capture { display: block; min-height: 30rem; }</style></head><body>
<h1>A landing page</h1><lead-capture endpoint="/api/leads">${indicator('a')}</lead-capture><p>After the widget</p></body></html>`,
  // The page's stylesheet arrives after the script: the deferred script then runs in the same turn as
  // the first paint becomes possible, as on the landing page over slow 4G (see docs/performance.md).
  '/late.css': {
    headers: { 'Content-Type': 'text/css; charset=utf-8' },
    html: () =>
      (async function* late() {
        // The network's delay, not a wait for an event: the stylesheet is on a slow connection.
        await new Promise((resolve) => setTimeout(resolve, 300));
        yield 'h1 { font-family: system-ui, sans-serif; }';
      })(),
  },
  // The network stalls halfway through the element: the parser waits inside it.
  '/stalled.html': () =>
    (async function* stalled() {
      yield `${head}</head><body><lead-capture endpoint="/api/leads">${indicator('a')}`;
      await released;
      yield `${indicator('b')}</lead-capture></body></html>`;
    })(),
};

let site;
let browser;
before(async () => {
  site = await startSite({ pages });
  browser = await launchBrowser();
});
after(async () => {
  release();
  await browser?.close();
  await site?.close();
});

test('parsed with five <lead-indicator> children, the widget renders fewer times than it has children', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/five-indicators.html`);
  await page.waitForFunction(() => document.readyState === 'complete');
  const renders = await page.evaluate(() => window.renders);
  const whileLoading = renders.filter((render) => render.loading);
  // Not one render per child as the parser adds them (11 before): once past the end tag, or once a frame is due.
  assert.ok(whileLoading.length < values.length, `renders while loading: ${JSON.stringify(whileLoading)}`);
  assert.equal(await page.locator('lead-capture input[name="indicator"]').count(), values.length);
  await page.close();
});

test('a parser stalled inside the widget does not hold it back: the form shows, then the rest of the children', async () => {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${site.origin}/stalled.html`, { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Get the download' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.readyState), 'loading');
  assert.equal(await page.getByLabel('Problem a').count(), 1);
  release();
  await page.getByLabel('Problem b').waitFor({ timeout: 10_000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a mistake held back while the page was parsed is reported once it is, once', async () => {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${site.origin}/no-endpoint.html`);
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.evaluate(() => document.querySelector('lead-capture').updateComplete);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0], /^<lead-capture> endpoint: endpoint is missing/);
  await page.close();
});

test('in a declarative shadow root, which the parser fills as it goes, the widget renders once the parser has passed its host', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.origin}/shadow-root.html`);
  // Rendered once, at the microtask checkpoint before the next script: not once per child, not at the time limit or DOMContentLoaded.
  assert.equal(await page.evaluate(() => window.rendersBeforeNextScript), 1);
  assert.equal(await page.evaluate(() => document.querySelector('#host').shadowRoot.querySelector('lead-capture').shadowRoot.querySelectorAll('input[name="indicator"]').length), values.length);
  await page.close();
});

test('with the README\'s deferred script, the page renders its first frame before the widget renders: the widget never holds back the host\'s first paint', async () => {
  const page = await browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${site.origin}/deferred.html`);
  const { renderedAt, frameAt } = await page.evaluate(async () => ({ renderedAt: await window.firstRender, frameAt: await window.firstFrame }));
  // A render in the script's own task comes before the first frame, and the frame waits for it.
  assert.ok(renderedAt > frameAt, `first render at ${renderedAt.toFixed(1)} ms, the page's first frame at ${frameAt.toFixed(1)} ms`);
  await page.locator('lead-capture [part="form"]').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
