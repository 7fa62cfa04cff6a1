// One visit of a benchmark page in a fresh browser context (no outbox, no conversion history
// left by the previous visit), and what it reads from the page's recorder (see pages.mjs).

/** What the widget and its static twin differ in, for the submit. */
export const forms = {
  widget: {
    path: '/bench/widget.html',
    radio: 'lead-capture input[value="none"]',
    submit: 'lead-capture button[type="submit"]',
    request: '/api/leads',
  },
  static: {
    path: '/bench/static.html',
    radio: 'input[value="none"]',
    submit: 'button[type="submit"]',
    request: '/bench/sink',
  },
};

/** A new page; `throttle` > 1 slows its CPU that many times (CDP), as a slower phone would be. */
export async function openPage(browser, { throttle = 1, viewport } = {}) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const session = await page.context().newCDPSession(page);
  if (throttle > 1) await session.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { page, session };
}

/**
 * Waits until the page has nothing left to show: the load event, two frames (the second
 * starts after the first was painted) and a little more, so that long tasks and Event
 * Timing entries of what just happened have reached the recorder.
 */
export async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)));
        if (document.readyState === 'complete') frames();
        else addEventListener('load', frames, { once: true });
      }),
  );
}

/** Navigates, and returns once the form is usable and the page has settled. */
export async function load(page, url) {
  await page.goto(url);
  await page.evaluate(() => window.bench.ready);
  await settle(page);
}

/**
 * When the form became usable (ms since navigation start) and the long tasks so far. Read
 * apart from `load`, so that a profile can stop before the harness reads the page.
 */
export function readLoad(page) {
  return page.evaluate(() => ({ interactive: window.bench.interactiveAt, longTasks: [...window.bench.longTasks] }));
}

/**
 * Chooses "just the content", the one answer the form requires, and returns where to click
 * submit. Not measured: Playwright's checks before an action run script in the page.
 */
export async function chooseNone(page, form) {
  await page.locator(form.radio).check();
  const box = await page.locator(form.submit).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Clicks submit at `button` and returns once the thank-you is shown and the page has settled. */
export async function pressSubmit(page, button) {
  await page.evaluate(() => (window.bench.armed = true));
  // A bare mouse click at the button: real input events, and nothing else run in the page.
  await page.mouse.click(button.x, button.y);
  await page.evaluate(() => window.bench.sent);
  await settle(page);
}

/**
 * What the submit took: click → request started (Resource Timing of the POST), click → next
 * paint (the Event Timing duration of the click or pointerup, as INP takes it; undefined when
 * under the 16 ms threshold) and the long tasks from the press on.
 */
export function readSubmit(page, form) {
  return page.evaluate((request) => {
    const { pointerdownAt, clickAt, events, longTasks } = window.bench;
    const post = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith(request) && entry.startTime >= pointerdownAt);
    const paints = events.filter((entry) => (entry.name === 'click' || entry.name === 'pointerup') && entry.start >= pointerdownAt);
    return {
      requestSent: post.startTime - clickAt,
      nextPaint: paints.length > 0 ? Math.max(...paints.map((entry) => entry.duration)) : undefined,
      longTasks: longTasks.filter((task) => task.start >= pointerdownAt),
    };
  }, form.request);
}

/** Load then submit, one page: everything the widget-versus-static comparison needs from a visit. */
export async function visitForm(browser, origin, form, throttle) {
  const { page } = await openPage(browser, { throttle });
  try {
    await load(page, `${origin}${form.path}`);
    const loaded = await readLoad(page);
    const button = await chooseNone(page, form);
    await pressSubmit(page, button);
    const { longTasks, ...submitted } = await readSubmit(page, form);
    return { interactive: loaded.interactive, loadTasks: loaded.longTasks, ...submitted, submitTasks: longTasks };
  } finally {
    await page.close();
  }
}

/** Page load → every widget interactive, for `count` widgets on one page. */
export async function visitMany(browser, origin, count) {
  const { page } = await openPage(browser);
  try {
    await load(page, `${origin}/bench/widget.html?count=${count}`);
    return (await readLoad(page)).interactive;
  } finally {
    await page.close();
  }
}

/**
 * Cumulative Layout Shift as Web Vitals defines it: shifts not caused by input, grouped in
 * session windows (gaps under 1 s, at most 5 s long); the largest window's sum.
 */
export function cumulativeLayoutShift(shifts) {
  let largest = 0;
  let window = { start: -Infinity, last: -Infinity, sum: 0 };
  for (const shift of shifts.filter((entry) => !entry.recentInput)) {
    if (shift.start - window.last >= 1000 || shift.start - window.start >= 5000) window = { start: shift.start, last: shift.start, sum: 0 };
    window.sum += shift.value;
    window.last = shift.start;
    largest = Math.max(largest, window.sum);
  }
  return largest;
}

/** The layout-shift page (pages.mjs `shiftPage`): its CLS and the widget's rendered height. */
export async function visitShift(browser, origin, { reserve, viewport }) {
  const { page } = await openPage(browser, { viewport });
  try {
    await load(page, `${origin}/bench/shift.html?reserve=${reserve ? 1 : 0}`);
    const { shifts, height } = await page.evaluate(() => ({
      shifts: window.bench.shifts,
      height: { px: document.querySelector('lead-capture').getBoundingClientRect().height, rootFontPx: parseFloat(getComputedStyle(document.documentElement).fontSize) },
    }));
    return { cls: cumulativeLayoutShift(shifts), height };
  } finally {
    await page.close();
  }
}
