// Turns the bench's raw results into the Markdown report: issue 14's goals first, each with
// its figure and met / not met, then the tables behind them.
import { regressionCeiling } from '../size.mjs';
import { renderPageGoals } from './page-report.mjs';
import { median, quantile } from './stats.mjs';

export { median, quantile };

/** Issue 14's goals, the numbers the verdicts are judged against. */
export const goals = {
  loadRatio: 1.5,
  requestSentMs: 10,
  nextPaintMs: 50,
  longTaskMs: 50,
};

/** Event Timing reports no interaction shorter than this (its minimum `durationThreshold`). */
const eventThreshold = 16;

const ms = (value) => `${value.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (met) => (met ? '**met**' : '**not met**');
const ratio = (value) => `${value.toFixed(2)}×`;

/**
 * Widget against static for one throttling rate. The ratio is the median of the per-run
 * ratios: each run's widget and static visits were back to back, so a burst of load from
 * another process on the machine slows both and cancels out of that run's ratio.
 */
export function compare(visits) {
  const pick = (kind, key) => visits.map((visit) => visit[kind][key]);
  const ratios = visits.map((visit) => visit.widget.interactive / visit.static.interactive);
  return {
    widget: median(pick('widget', 'interactive')),
    static: median(pick('static', 'interactive')),
    ratio: median(ratios),
    // The middle half of the runs' ratios: how much to trust the median on a busy machine.
    spread: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
  };
}

/** Long tasks per visit: median count, median of each visit's longest, and the longest seen. */
export function longTaskStats(taskLists) {
  const longest = taskLists.map((tasks) => Math.max(0, ...tasks.map((task) => task.duration)));
  return { count: median(taskLists.map((tasks) => tasks.length)), longest: median(longest), worst: Math.max(...longest) };
}

function describeTasks({ count, longest, worst }) {
  if (worst === 0) return 'none';
  if (count === 0) return `0 in most visits (worst ${ms(worst)})`;
  return `${count} (longest ${ms(longest)}, worst ${ms(worst)})`;
}

/** The widget caused no long task when its page has no more, and none longer, than the static page. */
const noWidgetLongTasks = (widget, plain) => widget.count <= plain.count && widget.longest <= plain.longest;

/** Median click → next paint; a visit with no Event Timing entry was under the threshold and counts as 0. */
function nextPaint(visits) {
  const value = median(visits.map((visit) => visit.nextPaint ?? 0));
  return { value, text: value < eventThreshold ? `< ${eventThreshold} ms` : ms(value) };
}

/** Whether cost per widget stays flat from 10 to 50 widgets compared with 1 to 10. */
export function growth(times) {
  const early = (times[10] - times[1]) / 9;
  const late = (times[50] - times[10]) / 40;
  const factor = late / early;
  const shape = early <= 0 ? 'too noisy to tell (10 widgets were no slower than 1)' : factor > 1.5 ? 'worse than linear' : factor < 0.67 ? 'better than linear' : 'about linear';
  return { early, late, shape };
}

function formRows(formResults, throttle) {
  const visits = formResults[throttle];
  const side = (kind) => ({
    load: longTaskStats(visits.map((visit) => visit[kind].loadTasks)),
    submit: longTaskStats(visits.map((visit) => visit[kind].submitTasks)),
    requestSent: median(visits.map((visit) => visit[kind].requestSent)),
    nextPaint: nextPaint(visits.map((visit) => visit[kind])),
  });
  return { load: compare(visits), widget: side('widget'), static: side('static') };
}

/** Every goal of issue 14 as [goal, figure, verdict]. */
function goalRows({ normal, throttled, total }) {
  return [
    [`page load → form interactive ≤ ${goals.loadRatio}× the static form, no throttling`, `${ratio(normal.load.ratio)} (${ms(normal.load.widget)} vs ${ms(normal.load.static)})`, verdict(normal.load.ratio <= goals.loadRatio)],
    [`page load → form interactive ≤ ${goals.loadRatio}× the static form, 4× CPU`, `${ratio(throttled.load.ratio)} (${ms(throttled.load.widget)} vs ${ms(throttled.load.static)})`, verdict(throttled.load.ratio <= goals.loadRatio)],
    [`no long task (> ${goals.longTaskMs} ms) from the widget at load, 4× CPU`, `widget ${describeTasks(throttled.widget.load)}; static ${describeTasks(throttled.static.load)}`, verdict(noWidgetLongTasks(throttled.widget.load, throttled.static.load))],
    [`no long task (> ${goals.longTaskMs} ms) from the widget on submit, 4× CPU`, `widget ${describeTasks(throttled.widget.submit)}; static ${describeTasks(throttled.static.submit)}`, verdict(noWidgetLongTasks(throttled.widget.submit, throttled.static.submit))],
    [`submit: click → request sent ≤ ${goals.requestSentMs} ms, no throttling`, ms(normal.widget.requestSent), verdict(normal.widget.requestSent <= goals.requestSentMs)],
    [`submit: click → next paint ≤ ${goals.nextPaintMs} ms, 4× CPU`, throttled.widget.nextPaint.text, verdict(throttled.widget.nextPaint.value <= goals.nextPaintMs)],
    [`\`dist/lead-capture.iife.js\` ≤ ${kb(regressionCeiling)} gzip (the ceiling)`, kb(total), verdict(total <= regressionCeiling)],
  ];
}

const table = (header, rows) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

function shiftSection(shift, reservation, runs) {
  const rem = ({ px, rootFontPx }) => `${px.toFixed(0)} px = ${(px / rootFontPx).toFixed(1)} rem`;
  return [
    table(
      [`layout shift (script arriving after the first paint, text below the widget; median of ${runs})`, 'CLS'],
      [
        [reservation ? `with the README's reservation \`${reservation}\`` : "with the README's reservation (none found in README.md)", shift.reserved.toFixed(4)],
        ['without a reservation', shift.unreserved.toFixed(4)],
      ],
    ),
    '',
    `Rendered height of the README's example widget (English, default theme, page font 16 px): ${rem(shift.heights.wide)} at 1280 px wide (the widget at its 36 rem max-inline-size), ${rem(shift.heights.narrow)} at 375 px wide. A reservation leaves no shift when its min-height is at least that height and stays on after the widget renders.`,
  ].join('\n');
}

/** The report, Markdown; the same text is printed and written to the README block. */
export function renderReport({ machine, runs, shiftRuns, sizes, forms, many, shift, landing, lighthouse, lighthouseRuns }) {
  const normal = formRows(forms, 1);
  const throttled = formRows(forms, 4);
  const scaled = growth(many);
  const sideRow = (label, pick) => [label, pick(normal.widget), pick(normal.static), pick(throttled.widget), pick(throttled.static)];
  return [
    `Measured by \`npm run bench\` on ${machine}. Timings vary with the machine's other load; compare ratios.`,
    '',
    renderPageGoals({ landing, lighthouse, throttled, normal, runs, lighthouseRuns }),
    '',
    `The form on its own: medians of ${runs} runs, the widget and a static HTML form with the same fields alternated within each run.`,
    '',
    table(['goal (issue 14)', 'measured', 'verdict'], goalRows({ normal, throttled, total: sizes.total })),
    '',
    table(
      ['page load → form interactive', '`<lead-capture>` (script tag)', 'static HTML, same fields', 'ratio', 'ratio, middle half of runs'],
      [normal, throttled].map((rows, index) => [index === 0 ? 'no throttling' : '4× CPU throttling', ms(rows.load.widget), ms(rows.load.static), ratio(rows.load.ratio), `${ratio(rows.load.spread[0])} – ${ratio(rows.load.spread[1])}`]),
    ),
    '',
    table(
      ['per visit', 'widget', 'static', 'widget, 4× CPU', 'static, 4× CPU'],
      [
        sideRow('long tasks at load', (side) => describeTasks(side.load)),
        sideRow('long tasks on submit', (side) => describeTasks(side.submit)),
        sideRow('click → request sent', (side) => ms(side.requestSent)),
        sideRow('click → next paint (Event Timing)', (side) => side.nextPaint.text),
      ],
    ),
    '',
    `The static form's submit is the least script that posts without leaving the page and focuses a thank-you heading, as the widget does. Long tasks: count per visit, the median visit's longest, and the longest in any visit.`,
    '',
    table(['widgets on one page', '1', '10', '50'], [['page load → all interactive', ms(many[1]), ms(many[10]), ms(many[50])]]),
    '',
    `Each widget after the first costs ${ms(scaled.early)} from 1 to 10 and ${ms(scaled.late)} from 10 to 50: ${scaled.shape}.`,
    '',
    shiftSection(shift, shift.reservation, shiftRuns),
    '',
    sizes.markdown,
  ].join('\n');
}
