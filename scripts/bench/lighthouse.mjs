// Lighthouse (the npm package, pinned to 12.2.3: the last that runs on Node 20) on the landing
// page with README.md's snippet and without the widget, as a marketer's PageSpeed check runs
// it: the mobile preset (a Moto G Power, simulated slow 4G, 4× CPU), performance only. The
// system Chromium is started by playwright-core with a debugging port Lighthouse attaches to.
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../chromium.mjs';
import { landingPaths, scriptPath } from './landing.mjs';
import { median } from './stats.mjs';

const port = 9333;

/** One Lighthouse run of `url`: the score and what the widget's script cost. */
async function audit(url) {
  const { lhr } = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const audits = lhr.audits;
  const ours = (item) => typeof item.url === 'string' && item.url.endsWith(scriptPath);
  const bootup = audits['bootup-time'].details?.items?.find(ours);
  return {
    score: Math.round(lhr.categories.performance.score * 100),
    tbt: audits['total-blocking-time'].numericValue,
    lcp: audits['largest-contentful-paint'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    // The diagnostics that name the widget's script, with what each says of it.
    diagnostics: Object.values(audits)
      .filter((entry) => entry.score !== null && entry.score < 1 && entry.details?.items?.some?.(ours))
      .map((entry) => entry.title),
    scriptMs: bootup ? { total: bootup.total, scripting: bootup.scripting, parse: bootup.scriptParseCompile } : undefined,
  };
}

/** `runs` Lighthouse runs of each landing page, alternating; medians of score, TBT, LCP. */
export async function lighthouseLanding(origin, runs, progress = () => {}) {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...chromiumArgs, `--remote-debugging-port=${port}`] });
  const seen = { widget: [], plain: [] };
  try {
    for (let run = 0; run < runs; run += 1) {
      progress(`Lighthouse, run ${run + 1} of ${runs}`);
      const order = run % 2 === 0 ? ['widget', 'plain'] : ['plain', 'widget'];
      for (const kind of order) seen[kind].push(await audit(`${origin}${landingPaths[kind]}`));
    }
  } finally {
    await browser.close();
  }
  const summary = (list) => ({
    score: median(list.map((entry) => entry.score)),
    tbt: median(list.map((entry) => entry.tbt)),
    lcp: median(list.map((entry) => entry.lcp)),
    cls: Math.max(...list.map((entry) => entry.cls)),
  });
  const diagnostics = [...new Set(seen.widget.flatMap((entry) => entry.diagnostics))];
  const scriptMs = seen.widget.map((entry) => entry.scriptMs).filter(Boolean);
  return {
    version: lighthouse.version ?? '12.2.3',
    widget: summary(seen.widget),
    plain: summary(seen.plain),
    diagnostics,
    scriptMs: scriptMs.length ? { total: median(scriptMs.map((entry) => entry.total)), scripting: median(scriptMs.map((entry) => entry.scripting)) } : undefined,
  };
}
