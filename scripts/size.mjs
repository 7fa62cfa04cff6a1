// Bundle sizes: raw, gzip -9 and brotli for every output, what the script-tag bundle's
// parts cost, and (with --check) the size check CI runs.
//   node scripts/size.mjs            report
//   node scripts/size.mjs --check    report, then fail when the script-tag bundle grew past its ceiling
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

/**
 * The ceiling CI enforces on the script tag, bytes of gzip. Decided: everything stays in the
 * one script (lit, zod, the four languages, the destinations), and this never rises: a
 * feature pays for its bytes (docs/performance.md).
 */
export const regressionCeiling = 35 * 1024;

/** Whether `total` (bytes of gzip) passes the check CI runs, and why not. */
export function checkSize(total, ceiling = regressionCeiling) {
  if (total <= ceiling) return { ok: true };
  return { ok: false, message: `dist/lead-capture.iife.js is ${total} bytes gzip, over the ${ceiling}-byte ceiling CI enforces.` };
}

export function sizesOf(file) {
  const code = readFileSync(file);
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const outputs = ['dist/lead-capture.iife.js', 'dist/lead-capture.min.js', 'dist/lead-capture.js', 'dist/schema.js'];

/** The parts of the script-tag bundle that have a probe in bench/probes/, in report order. */
export const probes = ['lit', 'schema', 'strings', 'destinations', 'styles'];

/** Per-probe build changes: the styles probe swaps lit's `css` tag for a stand-in that keeps only the text. */
const probeConfig = {
  styles: { resolve: { alias: { lit: fileURLToPath(new URL('../bench/probes/css-text.ts', import.meta.url)) } } },
};

/**
 * Builds each probe as its own minified IIFE: what that part alone costs. It goes through
 * vite.config.ts in the script tag's mode, so a probe gets the bundle's target and its
 * template minifier (the CSS is measured as shipped, not as written).
 */
export async function partSizes() {
  const parts = {};
  // Per process: node_modules may be shared by several worktrees building at once.
  const cache = `node_modules/.cache/size-probes-${process.pid}`;
  for (const name of probes) {
    const outDir = `${cache}/${name}`;
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      mode: 'iife',
      logLevel: 'error',
      ...probeConfig[name],
      build: { outDir, emptyOutDir: true, sourcemap: false, lib: { entry: `bench/probes/${name}.ts`, name: 'Probe', fileName: () => 'probe.js' } },
    });
    parts[name] = sizesOf(`${outDir}/probe.js`).gzip;
  }
  rmSync(cache, { recursive: true, force: true });
  return parts;
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const partLabels = {
  lit: 'lit',
  schema: 'zod/mini with the lead schema',
  strings: 'strings (the four languages)',
  destinations: 'destinations',
  styles: 'styles (the CSS)',
};

/** How far `total` is from a limit, in words: "1.2 KB under", "3.4 KB over", "40 B under" (near the line, KB would round to 0.0). */
export function distance(total, limit) {
  const gap = Math.abs(total - limit);
  return `${gap < 102 ? `${gap} B` : kilobytes(gap)} ${total <= limit ? 'under' : 'over'}`;
}

/**
 * The parts table. Each probe is gzipped alone, which compresses worse than inside the whole
 * bundle, so "the rest" (total minus the parts: element, delivery, consent, lead building)
 * is an estimate that leans low.
 */
function partsTable(total, parts) {
  const rest = total - Object.values(parts).reduce((sum, size) => sum + size, 0);
  const rows = [...probes.map((name) => [partLabels[name], parts[name]]), ['the rest (total minus the parts)', rest]];
  return [
    `| part of \`dist/lead-capture.iife.js\` | gzip alone | share |`,
    '|---|---|---|',
    ...rows.map(([label, size]) => `| ${label} | ${kilobytes(size)} | ${Math.round((size / total) * 100)} % |`),
    `| **total** | **${kilobytes(total)}** | |`,
  ];
}

export async function sizeReport() {
  const lines = ['| output | raw | gzip | brotli |', '|---|---|---|---|'];
  for (const file of outputs.filter((output) => existsSync(output))) {
    const size = sizesOf(file);
    lines.push(`| \`${file}\` | ${kilobytes(size.raw)} | ${kilobytes(size.gzip)} | ${kilobytes(size.brotli)} |`);
  }
  const total = sizesOf('dist/lead-capture.iife.js').gzip;
  const parts = await partSizes();
  lines.push(
    '',
    ...partsTable(total, parts),
    '',
    `CI enforces ${kilobytes(regressionCeiling)} gzip, a ceiling that never rises: ${distance(total, regressionCeiling)}.`,
  );
  return { markdown: lines.join('\n'), total, parts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { markdown, total } = await sizeReport();
  console.log(markdown);
  const check = checkSize(total);
  if (process.argv.includes('--check') && !check.ok) {
    console.error(check.message);
    process.exit(1);
  }
}
