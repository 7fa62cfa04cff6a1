// `npm run bench`: builds, then measures in headless Chromium (playwright-core, the system
// Chromium) and prints a table; every timing is the median of repeated runs, the widget and
// its static-HTML twin alternated in the same run. `--write-readme` puts the results in the
// README's Performance section. Timings are reported, never asserted: CI enforces only size.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser, startSite } from '../test/e2e/support/site.mjs';
import { sizeReport } from './size.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });

const fields = `
  <fieldset><legend>How may we follow up? (required)</legend>
    <label><input type="radio" name="preference" value="none" required> Just the content, please don't contact me</label>
    <label><input type="radio" name="preference" value="email"> Email me</label>
    <label><input type="radio" name="preference" value="call"> Call me</label>
  </fieldset>
  <label for="name">Name (optional)</label><input id="name" name="name">
  <fieldset><legend>Which of these sound familiar? (optional)</legend>
    <label><input type="checkbox" name="indicator" value="manual-reports"> We still build reports by hand</label>
    <label><input type="checkbox" name="indicator" value="slow-close"> Month-end close takes over a week</label>
  </fieldset>
  <button type="submit">Get the download</button>`;

/** Records when the form can be used: the moment every widget has rendered its submit button. */
const widgetPage = (query) => {
  const count = Number(query.get('count') ?? 1);
  const widgets = Array.from({ length: count }, (_, index) => `<lead-capture endpoint="/api/leads" offer-id="bench-${index}" asset-href="/files/reporting-benchmark.pdf" min-fill-ms="0">
    <lead-indicator value="manual-reports">We still build reports by hand</lead-indicator>
    <lead-indicator value="slow-close">Month-end close takes over a week</lead-indicator>
  </lead-capture>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Widget</title>
<script src="/dist/lead-capture.iife.js"></script></head><body>${widgets}
<script>
  Promise.all([...document.querySelectorAll('lead-capture')].map((element) => element.updateComplete)).then(() => {
    window.interactiveAt = performance.now();
  });
</script></body></html>`;
};

const staticPage = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Static</title></head>
<body><form>${fields}</form><script>window.interactiveAt = performance.now();</script></body></html>`;

const median = (values) => {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Sizes first: starting the site (Vite's module runner) switches NODE_ENV to development,
// which would make the size probes pick up lit's development build.
const { markdown: sizes } = await sizeReport();
const site = await startSite({ pages: { '/bench/widget.html': widgetPage, '/bench/static.html': staticPage } });
const browser = await launchBrowser();

async function timeToInteractive(path, throttle) {
  const page = await browser.newPage();
  if (throttle > 1) {
    const session = await page.context().newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  await page.goto(`${site.origin}${path}`);
  await page.waitForFunction(() => window.interactiveAt !== undefined);
  const value = await page.evaluate(() => window.interactiveAt);
  await page.close();
  return value;
}

async function loadComparison(throttle) {
  const widget = [];
  const plain = [];
  for (let run = 0; run < runs; run += 1) {
    widget.push(await timeToInteractive('/bench/widget.html', throttle));
    plain.push(await timeToInteractive('/bench/static.html', throttle));
  }
  return { widget: median(widget), plain: median(plain) };
}

/** Click on submit → the request leaves the page, from the resource timing of the POST. */
async function submitTimings() {
  const timings = [];
  const requestsPerCapture = [];
  const thirdParty = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/bench/widget.html`);
    await page.waitForFunction(() => window.interactiveAt !== undefined);
    await page.locator('lead-capture input[value="none"]').check();
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.evaluate(() => {
      const button = document.querySelector('lead-capture').shadowRoot.querySelector('button[type="submit"]');
      button.addEventListener('click', () => (window.clickedAt = performance.now()), { once: true });
    });
    await page.locator('lead-capture button[type="submit"]').click();
    await page.locator('lead-capture[state="sent"]').waitFor();
    timings.push(
      await page.evaluate(() => {
        const post = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/api/leads'));
        return post.startTime - window.clickedAt;
      }),
    );
    requestsPerCapture.push(requests.length);
    thirdParty.push(requests.filter((url) => !url.startsWith(site.origin)).length);
    await page.close();
  }
  return { submit: median(timings), requests: Math.max(...requestsPerCapture), thirdParty: Math.max(...thirdParty) };
}

async function scaling() {
  const results = {};
  for (const count of [1, 10, 50]) {
    const values = [];
    for (let run = 0; run < runs; run += 1) values.push(await timeToInteractive(`/bench/widget.html?count=${count}`, 1));
    results[count] = median(values);
  }
  return results;
}

const milliseconds = (value) => `${value.toFixed(1)} ms`;
const normal = await loadComparison(1);
const throttled = await loadComparison(4);
const submit = await submitTimings();
const growth = await scaling();
const chromium = browser.version();
await browser.close();
await site.close();

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromium}, headless; medians of ${runs} runs`;
const report = `Measured by \`npm run bench\` on ${machine}.

${sizes}

| page load → form interactive | \`<lead-capture>\` (script tag) | static HTML, same fields | ratio |
|---|---|---|---|
| no throttling | ${milliseconds(normal.widget)} | ${milliseconds(normal.plain)} | ${(normal.widget / normal.plain).toFixed(2)}× |
| 4× CPU throttling | ${milliseconds(throttled.widget)} | ${milliseconds(throttled.plain)} | ${(throttled.widget / throttled.plain).toFixed(2)}× |

| widgets on one page | 1 | 10 | 50 |
|---|---|---|---|
| page load → all interactive | ${milliseconds(growth[1])} | ${milliseconds(growth[10])} | ${milliseconds(growth[50])} |

Submit handling (click → request sent, median): ${milliseconds(submit.submit)}. Requests per capture: ${submit.requests} (third-party: ${submit.thirdParty}).`;

console.log(`\n${report}\n`);
if (process.argv.includes('--write-readme')) {
  const readme = readFileSync('README.md', 'utf8');
  const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${report}\n<!-- bench:end -->`);
  writeFileSync('README.md', updated);
  console.log('README.md updated.');
}
