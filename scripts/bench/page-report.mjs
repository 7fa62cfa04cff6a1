// Issue 24's goals, what the widget does to the page it sits on: the landing page's own
// largest contentful paint with README.md's snippet against the same page without the widget,
// when its form is usable, the submit's figures, and Lighthouse's mobile score of both pages.
import { median, quantile } from './stats.mjs';

export const pageGoals = { lcpRatio: 1.05, readyAfterLcpMs: 600, nextPaintMs: 50, lighthouseScore: 95, lighthouseGap: 2, addedTbtMs: 50 };

const ms = (value) => `${Math.round(value)} ms`;
const ratio = (value) => `${value.toFixed(2)}×`;
const verdict = (met) => (met ? '**met**' : '**not met**');
const table = (header, rows) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** One condition's visits: medians, the per-run LCP ratio (back-to-back visits: load cancels out) and its middle half. */
export function landingFigures(visits) {
  const ratios = visits.map((visit) => visit.widget.lcp / visit.plain.lcp);
  return {
    widgetLcp: median(visits.map((visit) => visit.widget.lcp)),
    plainLcp: median(visits.map((visit) => visit.plain.lcp)),
    ratio: median(ratios),
    spread: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    readyAfterLcp: median(visits.map((visit) => visit.widget.interactive - visit.widget.lcp)),
    ready: median(visits.map((visit) => visit.widget.interactive)),
    cls: Math.max(...visits.map((visit) => visit.widget.cls)),
    lcpElement: visits.at(-1).widget.lcpElement,
  };
}

/** The section: goals with verdicts, then the table behind them. `throttled`/`normal`: the form bench's rows. */
export function renderPageGoals({ landing, lighthouse, throttled, normal, runs, lighthouseRuns }) {
  const slow = landingFigures(landing.slow);
  const fast = landingFigures(landing.fast);
  const lh = lighthouse;
  const addedTbt = lh.widget.tbt - lh.plain.tbt;
  const rows = [
    [`the page's own LCP with the README's snippet ≤ ${pageGoals.lcpRatio}× without the widget, slow 4G + 4× CPU`, `${ratio(slow.ratio)} (${ms(slow.widgetLcp)} vs ${ms(slow.plainLcp)})`, verdict(slow.ratio <= pageGoals.lcpRatio)],
    [`the same, unthrottled`, `${ratio(fast.ratio)} (${ms(fast.widgetLcp)} vs ${ms(fast.plainLcp)})`, verdict(fast.ratio <= pageGoals.lcpRatio)],
    [`form interactive ≤ ${pageGoals.readyAfterLcpMs} ms after the page's LCP, slow 4G + 4× CPU`, `${ms(slow.readyAfterLcp)} (ready at ${ms(slow.ready)})`, verdict(slow.readyAfterLcp <= pageGoals.readyAfterLcpMs)],
    [`click → next paint ≤ ${pageGoals.nextPaintMs} ms, 4× CPU`, throttled.widget.nextPaint.text, verdict(throttled.widget.nextPaint.value <= pageGoals.nextPaintMs)],
    ['CLS with the README\'s reservation (landing page, both conditions)', Math.max(slow.cls, fast.cls).toFixed(4), verdict(Math.max(slow.cls, fast.cls) === 0)],
    [`Lighthouse ${lh.version} mobile performance ≥ ${pageGoals.lighthouseScore} and ≤ ${pageGoals.lighthouseGap} below the page without the widget`, `${lh.widget.score} vs ${lh.plain.score}`, verdict(lh.widget.score >= pageGoals.lighthouseScore && lh.plain.score - lh.widget.score <= pageGoals.lighthouseGap)],
    [`total blocking time added by the widget ≤ ${pageGoals.addedTbtMs} ms (Lighthouse, simulated)`, `${ms(addedTbt)} (${ms(lh.widget.tbt)} vs ${ms(lh.plain.tbt)})`, verdict(addedTbt <= pageGoals.addedTbtMs)],
    ['click → request sent (kept; the paint comes first)', `${ms(normal.widget.requestSent)} unthrottled, ${ms(throttled.widget.requestSent)} at 4× CPU`, 'reported'],
  ];
  return [
    `The landing page (the demo's, \`scripts/bench/landing/\`) with README.md's snippet pasted in and without the widget, alternated, each visit a first visit; medians of ${runs} runs. Lighthouse: median of ${lighthouseRuns} runs per page, mobile preset (simulated slow 4G, 4× CPU).`,
    '',
    table(['goal (issue 24)', 'measured', 'verdict'], rows),
    '',
    table(
      ['landing page', 'LCP, widget', 'LCP, no widget', 'ratio (middle half of runs)', 'form interactive'],
      [
        ['slow 4G + 4× CPU', ms(slow.widgetLcp), ms(slow.plainLcp), `${ratio(slow.ratio)} (${ratio(slow.spread[0])} – ${ratio(slow.spread[1])})`, ms(slow.ready)],
        ['unthrottled', ms(fast.widgetLcp), ms(fast.plainLcp), `${ratio(fast.ratio)} (${ratio(fast.spread[0])} – ${ratio(fast.spread[1])})`, ms(fast.ready)],
      ],
    ),
    '',
    `The page's LCP element: ${slow.lcpElement}. Lighthouse's LCP (simulated): ${ms(lh.widget.lcp)} with the widget, ${ms(lh.plain.lcp)} without.`,
    lh.scriptMs ? `Lighthouse's JavaScript execution time for the widget's script: ${ms(lh.scriptMs.total)} (${ms(lh.scriptMs.scripting)} of it evaluation).` : '',
    `Lighthouse diagnostics naming the widget's script: ${lh.diagnostics.length ? lh.diagnostics.join('; ') : 'none'}.`,
  ].join('\n');
}
