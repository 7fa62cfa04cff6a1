// What the widget does to the page it sits on (issue 24): the landing page with README.md's
// snippet and without the widget, visited alternately, each visit in a fresh context (a first
// visit: nothing cached), at slow 4G with a 4× slower CPU and unthrottled. Read from the page's
// own recorder: its largest contentful paint, first paint, layout shifts, long tasks, and when
// the form became usable.
import { cumulativeLayoutShift, openPage, settle } from './measure.mjs';
import { landingPaths } from './landing.mjs';

/** The conditions of issue 24: DevTools' slow 4G (150 ms round trip, 1.6 Mbps down, 750 kbps up) with 4× CPU, and none. */
export const conditions = {
  slow: { label: 'slow 4G + 4× CPU', cpu: 4, network: { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } },
  fast: { label: 'unthrottled', cpu: 1 },
};

/**
 * The landing pages' recorder, the first script of their head (so `buffered` is not even
 * needed): every LCP candidate (the last one before input is the page's LCP), the paints, the
 * layout shifts, long tasks, and the moment the widget's first render is done (its form exists
 * and listens). With `defer`, the element is defined after the page is parsed.
 */
export const landingRecorder = `<script>
  const bench = (window.bench = { lcp: [], paints: [], shifts: [], longTasks: [] });
  const keep = (type, list, pick) => new PerformanceObserver((entries) => list.push(...entries.getEntries().map(pick))).observe({ type, buffered: true });
  const describe = (element) => (element ? element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + ' "' + element.textContent.trim().slice(0, 24) + '…"' : 'an element in a shadow root');
  keep('largest-contentful-paint', bench.lcp, (entry) => ({ start: entry.startTime, size: entry.size, element: describe(entry.element) }));
  keep('paint', bench.paints, (entry) => ({ name: entry.name, start: entry.startTime }));
  keep('layout-shift', bench.shifts, (entry) => ({ start: entry.startTime, value: entry.value, recentInput: entry.hadRecentInput }));
  keep('longtask', bench.longTasks, (entry) => ({ start: entry.startTime, duration: entry.duration }));
  bench.ready = new Promise((resolve) => addEventListener('DOMContentLoaded', () => {
    const widget = document.querySelector('lead-capture');
    if (!widget) return resolve();
    customElements.whenDefined('lead-capture').then(() => widget.updateComplete).then(() => resolve((bench.interactiveAt = performance.now())));
  }));
</script>`;

/** One visit of the landing page (`widget` or `plain`) under `condition`: what its recorder saw. */
export async function visitLanding(browser, origin, kind, condition) {
  const { page, session } = await openPage(browser, { throttle: condition.cpu });
  try {
    // A page of the same site first, with text in the landing page's font: the measured page
    // then starts in a renderer that is up and has its fonts, as a browser in use has. Without
    // it, every visit paid a new renderer's first text layout (a long task of up to 260 ms,
    // unthrottled), on both pages, and the spread hid the widget.
    await page.goto(`${origin}${landingPaths.warmUp}`);
    if (condition.network) {
      await session.send('Network.enable');
      await session.send('Network.emulateNetworkConditions', { offline: false, ...condition.network });
    }
    await page.goto(`${origin}${landingPaths[kind]}`);
    await page.evaluate(() => window.bench.ready);
    await settle(page);
    const seen = await page.evaluate(() => ({ ...window.bench, script: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.iife.js'))?.responseEnd }));
    const lcp = seen.lcp.at(-1);
    return {
      lcp: lcp.start,
      lcpElement: lcp.element,
      fcp: seen.paints.find((paint) => paint.name === 'first-contentful-paint')?.start,
      interactive: seen.interactiveAt,
      scriptArrived: seen.script,
      cls: cumulativeLayoutShift(seen.shifts),
      longTasks: seen.longTasks,
    };
  } finally {
    await page.close();
  }
}

/** `runs` visits of each page under each condition, the order alternating run by run (ABBA). */
export async function compareLanding(browser, origin, runs, progress = () => {}) {
  const results = Object.fromEntries(Object.keys(conditions).map((name) => [name, []]));
  for (let run = 0; run < runs; run += 1) {
    progress(`landing page with and without the widget, run ${run + 1} of ${runs}`);
    for (const [name, condition] of Object.entries(conditions)) {
      const order = run % 2 === 0 ? ['widget', 'plain'] : ['plain', 'widget'];
      const visit = {};
      for (const kind of order) visit[kind] = await visitLanding(browser, origin, kind, condition);
      results[name].push(visit);
    }
  }
  return results;
}
