import { svg, type SVGTemplateResult } from 'lit';
import { temperatures, type OfferReport } from './api.js';

/**
 * The weekly chart of one offer, as plain SVG: bars are all it takes, so no chart library (and
 * nothing inline that the CSP would refuse: colours come from classes in the elements' styles).
 * Two stacked bars per week: leads as first-time + repeat, and the same leads by temperature.
 */

const height = 90;
const barWidth = 9;
const gap = 3;
const weekWidth = barWidth * 2 + gap + 8;

export function weeklyChart(offer: OfferReport, label: string): SVGTemplateResult {
  const weeks = offer.weekly.slice(-26);
  const most = Math.max(1, ...weeks.map((week) => week.leads));
  const scale = (count: number) => (count / most) * height;
  const width = Math.max(weeks.length * weekWidth, weekWidth);
  const first = weeks.reduce((sum, week) => sum + week.firstTime, 0);
  const repeat = weeks.reduce((sum, week) => sum + week.repeat, 0);
  const description = `${label}: ${weeks.length} weeks from ${weeks[0]?.week ?? 'none'}; ${first} first-time and ${repeat} repeat leads; at most ${most} leads a week.`;
  return svg`<svg class="chart" viewBox="0 0 ${width} ${height + 14}" width=${width} height=${height + 14} role="img" aria-label=${description}>
    ${weeks.map((week, index) => {
      const x = index * weekWidth;
      const firstHeight = scale(week.firstTime);
      const repeatHeight = scale(week.repeat);
      let y = height;
      const temperatureBars = temperatures.map((temperature) => {
        const h = scale(week.temperatures[temperature]);
        y -= h;
        return svg`<rect class="bar-${temperature}" x=${x + barWidth + gap} y=${y} width=${barWidth} height=${h}></rect>`;
      });
      return svg`<g>
        <title>Week of ${week.week}: ${week.leads} leads, ${week.firstTime} first-time, ${week.repeat} repeat; cold ${week.temperatures.cold}, cool ${week.temperatures.cool}, warm ${week.temperatures.warm}, hot ${week.temperatures.hot}</title>
        <rect class="bar-first" x=${x} y=${height - firstHeight} width=${barWidth} height=${firstHeight}></rect>
        <rect class="bar-repeat" x=${x} y=${height - firstHeight - repeatHeight} width=${barWidth} height=${repeatHeight}></rect>
        ${temperatureBars}
      </g>`;
    })}
    <line class="axis" x1="0" x2=${width} y1=${height + 0.5} y2=${height + 0.5}></line>
  </svg>`;
}
