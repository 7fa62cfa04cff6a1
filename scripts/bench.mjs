// `npm run bench`: builds, then measures in headless Chromium (playwright-core, the system
// Chromium) and prints one Markdown report: issue 24's goals (the landing page with and without
// the widget, and Lighthouse's mobile score of both), then issue 14's (the form itself). Timings are reported, never
// asserted: CI enforces only size.
//
//   npm run bench                                   the report
//   BENCH_RUNS=21 npm run bench                     more runs per median (default 9)
//   LIGHTHOUSE_RUNS=5 npm run bench                 more Lighthouse runs per page (default 3)
//   npm run bench -- --profile                      also CPU profiles of load and submit at 4× CPU (summary printed,
//                                                   raw profiles in node_modules/.cache/bench/)
//   npm run bench -- --profile-only                 only the profiles
//   npm run bench -- --write-readme                 also replace docs/performance.md's block between the bench markers
//   npm run bench -- --write-readme=path/to/file.md the block into another file (created with the markers if needed)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { launchBrowser, startSite } from '../test/e2e/support/site.mjs';
import { landingPages } from './bench/landing.mjs';
import { lighthouseLanding } from './bench/lighthouse.mjs';
import { forms, visitForm, visitMany, visitShift } from './bench/measure.mjs';
import { readmeReservation, shiftPage, sinkPage, staticPage, widgetPage } from './bench/pages.mjs';
import { profileDirectory, profileWidget } from './bench/profile.mjs';
import { compareLanding, landingRecorder } from './bench/vitals.mjs';
import { median, renderReport } from './bench/report.mjs';
import { sizeReport } from './size.mjs';

// 9 runs keep the whole bench under 5 minutes on 2 busy cores; odd, so a median is a real visit.
const runs = Number(process.env.BENCH_RUNS ?? 9);
/** Layout does not depend on timing: a few visits give the layout shift. */
const shiftRuns = Math.min(runs, 3);
// Each Lighthouse run loads the page a few times over: 3 per page keep it to about a minute.
const lighthouseRuns = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const progress = (message) => process.stderr.write(`bench: ${message}\n`);
const argument = (name) => process.argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
const profileOnly = Boolean(argument('profile-only'));
const profile = profileOnly || Boolean(argument('profile'));
const writeReadme = argument('write-readme');
const readmeTarget = writeReadme?.includes('=') ? writeReadme.slice(writeReadme.indexOf('=') + 1) : writeReadme && 'docs/performance.md';

/** Visits in ABBA order (widget first on even runs, static first on odd): neither side always goes first. */
async function compareForms(browser, origin) {
  const results = { 1: [], 4: [] };
  for (let run = 0; run < runs; run += 1) {
    progress(`widget and static form, run ${run + 1} of ${runs}`);
    for (const throttle of [1, 4]) {
      const order = run % 2 === 0 ? ['widget', 'static'] : ['static', 'widget'];
      const visit = {};
      for (const kind of order) visit[kind] = await visitForm(browser, origin, forms[kind], throttle);
      results[throttle].push(visit);
    }
  }
  return results;
}

/** 1, 10 and 50 widgets, the order rotating each run. */
async function scaling(browser, origin) {
  const counts = [1, 10, 50];
  const times = { 1: [], 10: [], 50: [] };
  progress('1, 10 and 50 widgets');
  for (let run = 0; run < runs; run += 1) {
    for (const count of [...counts.slice(run % 3), ...counts.slice(0, run % 3)]) times[count].push(await visitMany(browser, origin, count));
  }
  return Object.fromEntries(counts.map((count) => [count, median(times[count])]));
}

/** CLS with and without the README's reservation, and the widget's height at a wide and a narrow viewport. */
async function layoutShift(browser, origin) {
  const cls = { reserved: [], unreserved: [] };
  let wide;
  progress('layout shift');
  for (let run = 0; run < shiftRuns; run += 1) {
    cls.reserved.push((await visitShift(browser, origin, { reserve: true })).cls);
    const unreserved = await visitShift(browser, origin, { reserve: false });
    cls.unreserved.push(unreserved.cls);
    wide = unreserved.height;
  }
  // Layout is deterministic: one narrow visit gives the height.
  const narrow = (await visitShift(browser, origin, { reserve: false, viewport: { width: 375, height: 812 } })).height;
  return { reserved: median(cls.reserved), unreserved: median(cls.unreserved), heights: { wide, narrow }, reservation: readmeReservation() };
}

/** A first visit of each page, not counted: the first page of a browser pays for its caches. */
async function warmUp(browser, origin) {
  for (const kind of ['widget', 'static']) await visitForm(browser, origin, forms[kind], 1);
}

/** The one-minute load average: other processes competing for the cores while the bench runs. */
const busy = () => loadavg()[0].toFixed(1);
const busyAtStart = busy();

function machine(chromium) {
  const [cpu] = cpus();
  return `${cpus().length} × ${cpu?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Chromium ${chromium} headless (load average ${busyAtStart} at the start, ${busy()} at the end)`;
}

/** Replaces the block between the bench markers in `file`; a file without them becomes the block alone. */
function writeBlock(file, report) {
  const block = `<!-- bench:start -->\n${report}\n<!-- bench:end -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const markers = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, markers.test(current) ? current.replace(markers, block) : `${block}\n`);
  console.log(`${file} updated.`);
}

execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
// Sizes first: starting the site (Vite's module runner) switches NODE_ENV to development,
// which would make the size probes pick up lit's development build.
const sizes = profileOnly ? undefined : await sizeReport();
const site = await startSite({ pages: { '/bench/widget.html': widgetPage, '/bench/static.html': staticPage, '/bench/sink': sinkPage, '/bench/shift.html': shiftPage, ...landingPages(landingRecorder) } });
// Lighthouse sees the landing pages as a user gets them: without the bench's recorder.
const plainSite = profileOnly ? undefined : await startSite({ pages: landingPages() });
const browser = await launchBrowser();
const started = Date.now();
try {
  await warmUp(browser, site.origin);
  if (!profileOnly) {
    const results = {
      landing: await compareLanding(browser, site.origin, runs, progress),
      forms: await compareForms(browser, site.origin),
      many: await scaling(browser, site.origin),
      shift: await layoutShift(browser, site.origin),
      lighthouse: await lighthouseLanding(plainSite.origin, lighthouseRuns, progress),
    };
    mkdirSync(profileDirectory, { recursive: true });
    writeFileSync(`${profileDirectory}/results.json`, JSON.stringify({ runs, sizes, ...results }, null, 2));
    const report = renderReport({ machine: machine(browser.version()), runs, shiftRuns, lighthouseRuns, sizes, ...results });
    console.log(`\n${report}\n`);
    if (readmeTarget) writeBlock(readmeTarget, report);
  }
  if (profile) progress('CPU profiles');
  if (profile) console.log(`\n${await profileWidget(browser, site.origin)}\n\nProfiles and this summary: ${profileDirectory}/profile-{load,submit}.json, profile-summary.txt\n`);
  console.log(`Measured in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
} finally {
  await browser.close();
  await site.close();
  await plainSite?.close();
}
