// Where the widget's time goes, at 4× CPU: a V8 CPU profile (CDP Profiler) around the page
// load and another around the submit, self time per function mapped back to the original
// source through the bundle's source map, and Chromium's own style/layout/script totals
// (CDP Performance.getMetrics), since style and layout never show in a JavaScript profile.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { chooseNone, forms, load, openPage, pressSubmit } from './measure.mjs';

export const profileDirectory = 'node_modules/.cache/bench';
const bundle = '/dist/lead-capture.iife.js';
/** Sampling every 100 µs: a 1 ms function gets about ten samples. */
const samplingInterval = 100;

/** Self time in ms of each profile node: a sample lasts until the next one (as DevTools counts). */
export function selfTimes(profile) {
  const times = new Map();
  let at = profile.startTime;
  const stamps = profile.timeDeltas.map((delta) => (at += delta));
  profile.samples.forEach((node, index) => {
    const duration = (stamps[index + 1] ?? profile.endTime) - stamps[index];
    times.set(node, (times.get(node) ?? 0) + duration / 1000);
  });
  return times;
}

/** Maps a bundle position to the original file, line and code, through dist/'s source map. */
function sourceLocator() {
  const map = JSON.parse(readFileSync(`dist${bundle.slice('/dist'.length)}.map`, 'utf8'));
  const sourceMap = new SourceMap(map);
  return ({ lineNumber, columnNumber }) => {
    const entry = sourceMap.findEntry(lineNumber, columnNumber);
    if (!entry?.originalSource) return undefined;
    const index = map.sources.indexOf(entry.originalSource);
    const line = map.sourcesContent?.[index]?.split('\n')[entry.originalLine]?.trim() ?? '';
    // Packages shipped minified (lit) map to one long line: no code worth quoting.
    const code = line.length > 200 ? '' : line.length > 70 ? `${line.slice(0, 67)}…` : line;
    // Sources are relative to dist/, and node_modules may be another worktree's.
    const file = entry.originalSource.replace(/^(\.\.\/)+/, '').replace(/^.*?(?=node_modules\/)/, '');
    return { file, line: entry.originalLine + 1, code };
  };
}

/** Functions of Playwright's utility script, which runs the bench's page.evaluate calls. */
const harness = new Set(['evaluate', 'serialize', 'innerSerialize', 'InjectedScript', 'UtilityScript', 'parseEvaluationResultValue', 'serializeAsCallArgument']);

/** Which part of the page a function belongs to: the widget's packages, the page, or the engine. */
function partOf(frame, location) {
  // No URL: the engine's own entries ("(program)"), built-ins (focus, fetch), and Playwright's
  // evaluations, told apart by the names of its utility script.
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : harness.has(frame.functionName) ? 'harness (Playwright)' : 'built-ins';
  if (!location) return frame.url.includes(bundle) ? 'bundle (unmapped)' : 'page scripts';
  if (location.file.startsWith('src/')) return 'widget (src/)';
  const match = location.file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (!match) return 'other';
  return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(match[1]) ? 'lit' : match[1];
}

/**
 * Sums self time per function and per part over several profiles, and divides by their
 * number: the average run. `(idle)` is left out; `(program)` is the browser's own work
 * (parsing, style, layout, paint), `(garbage collector)` the heap's.
 */
export function summarize(profiles, locate) {
  const functions = new Map();
  const parts = new Map();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    for (const [id, ms] of selfTimes(profile)) {
      const { callFrame: frame } = byId.get(id);
      if (frame.functionName === '(idle)') continue;
      const location = frame.url.includes(bundle) ? locate(frame) : undefined;
      const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
      const entry = functions.get(key) ?? { name: nameOf(frame, location), where: where(frame, location), code: location?.code ?? '', ms: 0 };
      entry.ms += ms / profiles.length;
      functions.set(key, entry);
      const part = partOf(frame, location);
      parts.set(part, (parts.get(part) ?? 0) + ms / profiles.length);
    }
  }
  const sorted = (map) => [...map].sort((first, second) => second[1] - first[1]);
  return {
    functions: [...functions.values()].sort((first, second) => second.ms - first.ms),
    parts: sorted(parts),
    total: [...parts.values()].reduce((sum, ms) => sum + ms, 0),
  };
}

/**
 * The function's name. A script's top level (line 1, column 1, no name) is its evaluation;
 * so is the bundle's IIFE wrapper, which maps to no source: the modules' top-level code.
 */
function nameOf(frame, location) {
  if (frame.functionName) return frame.functionName;
  if (frame.lineNumber === 0 && frame.columnNumber === 0) return '(script top level)';
  return frame.url.includes(bundle) && !location && frame.lineNumber === 0 ? '(bundle top level)' : '(anonymous)';
}

function where(frame, location) {
  if (location) return `${location.file}:${location.line}`;
  if (frame.url === '') return '(engine)';
  // Chromium's own scripts (`v8/LoadTimes`, `extensions::…`) are names, not URLs.
  const path = URL.canParse(frame.url) ? new URL(frame.url).pathname : frame.url;
  return `${path}:${frame.lineNumber + 1}`;
}

/** Chromium's cumulative per-renderer counters, in ms: what the engine did besides JavaScript. */
async function engineTotals(session) {
  const { metrics } = await session.send('Performance.getMetrics');
  const value = (name) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), style: value('RecalcStyleDuration'), layout: value('LayoutDuration'), tasks: value('TaskDuration') };
}

const difference = (after, before) => Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));

/** One profiled visit of `form`'s page: a profile and the engine's totals for the load, then for the submit. */
async function profiledVisit(browser, origin, form, throttle) {
  const { page, session } = await openPage(browser, { throttle });
  try {
    // Start from a page of the same site, so the profiled navigation stays in this renderer.
    await page.goto(`${origin}/bench/sink`);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: samplingInterval });
    await session.send('Performance.enable');
    const start = await engineTotals(session);
    await session.send('Profiler.start');
    await load(page, `${origin}${form.path}`);
    const { profile: loadProfile } = await session.send('Profiler.stop');
    const loaded = await engineTotals(session);
    const button = await chooseNone(page, form);
    const chosen = await engineTotals(session);
    await session.send('Profiler.start');
    await pressSubmit(page, button);
    const { profile: submitProfile } = await session.send('Profiler.stop');
    const submitted = await engineTotals(session);
    return {
      load: { profile: loadProfile, engine: difference(loaded, start) },
      submit: { profile: submitProfile, engine: difference(submitted, chosen) },
    };
  } finally {
    await page.close();
  }
}

const average = (totals) => Object.fromEntries(Object.keys(totals[0]).map((key) => [key, totals.reduce((sum, total) => sum + total[key], 0) / totals.length]));

/**
 * Profiles `runs` visits of the widget page at `throttle`× CPU, alternated with visits of the
 * static form (the baseline: what loading and submitting any form costs the engine), saves
 * the widget's first raw profiles (open them in DevTools' Performance panel) and a text
 * summary, and returns the summary.
 */
export async function profileWidget(browser, origin, { runs = 3, throttle = 4, top = 15 } = {}) {
  const visits = { widget: [], static: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const kind of ['widget', 'static']) visits[kind].push(await profiledVisit(browser, origin, forms[kind], throttle));
  }
  const locate = sourceLocator();
  mkdirSync(profileDirectory, { recursive: true });
  const sections = [];
  for (const phase of ['load', 'submit']) {
    writeFileSync(`${profileDirectory}/profile-${phase}.json`, JSON.stringify(visits.widget[0][phase].profile));
    const summarizePhase = (kind) => ({
      summary: summarize(visits[kind].map((visit) => visit[phase].profile), locate),
      engine: average(visits[kind].map((visit) => visit[phase].engine)),
    });
    sections.push(phaseText(phase, summarizePhase('widget'), summarizePhase('static'), top));
  }
  const text = [`CPU profile of the widget page at ${throttle}× CPU, average of ${runs} visits (self time, ms; the static form's in brackets).`, ...sections].join('\n\n');
  writeFileSync(`${profileDirectory}/profile-summary.txt`, `${text}\n`);
  return text;
}

const ms = (value) => value.toFixed(1).padStart(7);

const engineText = ({ script, style, layout, tasks }) => `script ${script.toFixed(1)}, style ${style.toFixed(1)}, layout ${layout.toFixed(1)} (all tasks ${tasks.toFixed(1)})`;

function phaseText(phase, widget, plain, top) {
  const title = phase === 'load' ? 'Load (navigation → form interactive, settled)' : 'Submit (click → thank-you shown, settled)';
  const program = (summary) => (summary.parts.find(([part]) => part === '(program)')?.[1] ?? 0).toFixed(1);
  return [
    `${title}: ${widget.summary.total.toFixed(1)} ms sampled, not idle [static ${plain.summary.total.toFixed(1)}]; (program) ${program(widget.summary)} [${program(plain.summary)}].`,
    `  Engine totals, ms: ${engineText(widget.engine)} [static: ${engineText(plain.engine)}].`,
    `  By part: ${widget.summary.parts.map(([part, value]) => `${part} ${value.toFixed(1)}`).join(', ')}.`,
    `  Top ${top} functions:`,
    ...widget.summary.functions.slice(0, top).map((entry) => `  ${ms(entry.ms)}  ${entry.name.padEnd(24)} ${entry.where.padEnd(48)} ${entry.code}`),
  ].join('\n');
}
