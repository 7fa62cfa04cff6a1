// The benchmark's pages, generated per request. The widget and its static twin carry the same
// fields and the same in-page recorder (below), so the only difference is the widget.
import { readmeReservation } from './landing.mjs';

/**
 * Records, from the first byte of the page, what the bench reads afterwards: long tasks,
 * layout shifts, Event Timing entries and the time stamps of the measured click. It is the
 * first script of the head, so nothing it observes can slip past it (`buffered` as well).
 * `ready` and `sent` are promises the bench awaits: polling from outside (Playwright's
 * waitForFunction, locator.waitFor) would run script in the page while it is being measured.
 */
const recorder = `<script>
  const bench = (window.bench = { longTasks: [], shifts: [], events: [], armed: false });
  bench.ready = new Promise((resolve) => (bench.markInteractive = () => resolve((bench.interactiveAt = performance.now()))));
  // The widget's lead-sent is composed and bubbles to the window; the static twin sends its own.
  bench.sent = new Promise((resolve) => addEventListener('lead-sent', resolve, { once: true }));
  const keep = (list, pick) => new PerformanceObserver((entries) => list.push(...entries.getEntries().map(pick)));
  keep(bench.longTasks, (entry) => ({ start: entry.startTime, duration: entry.duration })).observe({ type: 'longtask', buffered: true });
  keep(bench.shifts, (entry) => ({ start: entry.startTime, value: entry.value, recentInput: entry.hadRecentInput })).observe({ type: 'layout-shift', buffered: true });
  keep(bench.events, (entry) => ({ name: entry.name, start: entry.startTime, duration: entry.duration })).observe({ type: 'event', durationThreshold: 16, buffered: true });
  // Only the measured click (armed just before it), not the radio button chosen first.
  addEventListener('pointerdown', (event) => { if (bench.armed) bench.pointerdownAt ??= event.timeStamp; }, true);
  addEventListener('click', (event) => { if (bench.armed) bench.clickAt ??= event.timeStamp; }, true);
</script>`;

const head = (title) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${recorder}`;

const indicators = `
    <lead-indicator value="manual-reports">We still build reports by hand</lead-indicator>
    <lead-indicator value="slow-close">Month-end close takes over a week</lead-indicator>`;

const widget = (index) => `<lead-capture endpoint="/api/leads" offer-id="bench-${index}" asset-href="/files/reporting-benchmark.pdf" min-fill-ms="0">${indicators}
  </lead-capture>`;

/** Marks the moment every widget has rendered (its form and submit button exist and listen). */
const widgetsInteractive = `<script>
  Promise.all([...document.querySelectorAll('lead-capture')].map((element) => element.updateComplete)).then(bench.markInteractive);
</script>`;

/** `?count=N` widgets, the script tag in the head as the README shows. */
export function widgetPage(query) {
  const count = Number(query.get('count') ?? 1);
  const widgets = Array.from({ length: count }, (_, index) => widget(index)).join('\n');
  return `${head('Widget')}<script src="/dist/lead-capture.iife.js"></script></head><body>${widgets}
${widgetsInteractive}</body></html>`;
}

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

/**
 * The static twin's submit is the least script a hand-written form needs to post without
 * leaving the page, and to show a focused thank-you as the widget does: the baseline the
 * widget's submit is compared with.
 */
const staticSubmit = `<script>
  const form = document.querySelector('form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await fetch('/bench/sink', { method: 'POST', body: new FormData(form) });
    form.outerHTML = '<section id="thank-you"><h2 tabindex="-1">Thank you</h2><a href="/files/reporting-benchmark.pdf">Download</a></section>';
    document.querySelector('#thank-you h2').focus();
    dispatchEvent(new Event('lead-sent'));
  });
  bench.markInteractive();
</script>`;

export function staticPage() {
  return `${head('Static')}</head><body><form>${fields}</form>${staticSubmit}</body></html>`;
}

/** Where the static twin posts; the answer does not matter, only when the request left. */
export const sinkPage = () => '';

/**
 * A content page where the widget's script arrives after the first paint (a tag manager, an
 * async tag, a slow network), so text below the widget moves when it renders, unless its
 * space is reserved. `?reserve=1` adds the README's rule. The README example, unchanged.
 */
/** Text under the widget, enough to fill the viewport: what moves when the widget's space was not reserved. */
const below = Array.from({ length: 8 }, (_, index) => `<p>Finding ${index + 1}: teams that automated their reconciliations closed the month in five days or fewer, and spent the time saved on analysis rather than on copying numbers between spreadsheets.</p>`).join('\n');

export function shiftPage(query) {
  const reserve = query.get('reserve') === '1' ? `<style>${readmeReservation() ?? ''}</style>` : '';
  return `${head('Layout shift')}${reserve}</head><body>
<h1>The 2026 Reporting Benchmark</h1>
<p>How 400 finance teams close the month, and where the time goes.</p>
<lead-capture endpoint="/api/leads" offer="download" offer-id="benchmark-2026"
              offer-title="The 2026 Reporting Benchmark" asset-href="/files/benchmark.pdf"
              privacy-href="/privacy" consent-version="2026-11">${indicators}
</lead-capture>
${below}
<script>
  // Load the widget once the page has painted its content.
  new PerformanceObserver((list, observer) => {
    if (!list.getEntries().some((entry) => entry.name === 'first-contentful-paint')) return;
    observer.disconnect();
    const script = document.createElement('script');
    script.src = '/dist/lead-capture.iife.js';
    script.onload = () => document.querySelector('lead-capture').updateComplete.then(bench.markInteractive);
    document.head.append(script);
  }).observe({ type: 'paint', buffered: true });
</script>
</body></html>`;
}

export { readmeReservation };
