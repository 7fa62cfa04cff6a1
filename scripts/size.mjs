// Bundle sizes: raw, gzip -9 and brotli for every output, what the script-tag bundle's
// parts cost, and (with --check) the size check CI runs.
//   node scripts/size.mjs            report
//   node scripts/size.mjs --check    report, then fail when the script-tag bundle grew past its ceiling
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

/** The budget the product set for the script tag (issue 6), in bytes of gzip. */
export const budget = { target: 12 * 1024, cap: 16 * 1024 };
/**
 * What CI enforces today: the current size plus a little headroom, so nothing grows
 * unnoticed while the budget above is out of reach (see the README's Performance section).
 */
export const regressionCeiling = 34 * 1024;

export function sizesOf(file) {
  const code = readFileSync(file);
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export const outputs = ['dist/lead-capture.iife.js', 'dist/lead-capture.min.js', 'dist/lead-capture.js', 'dist/schema.js'];

/** Builds each probe as its own minified IIFE: what that part alone costs. */
export async function partSizes() {
  const parts = {};
  for (const name of ['lit', 'schema', 'strings', 'destinations']) {
    const outDir = `node_modules/.cache/size-probes/${name}`;
    await build({
      configFile: false,
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, minify: true, lib: { entry: `bench/probes/${name}.ts`, formats: ['iife'], name: 'Probe', fileName: () => 'probe.js' } },
    });
    parts[name] = sizesOf(`${outDir}/probe.js`).gzip;
  }
  rmSync('node_modules/.cache/size-probes', { recursive: true, force: true });
  return parts;
}

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

export async function sizeReport() {
  const lines = ['| output | raw | gzip | brotli |', '|---|---|---|---|'];
  for (const file of outputs.filter((output) => existsSync(output))) {
    const size = sizesOf(file);
    lines.push(`| \`${file}\` | ${kilobytes(size.raw)} | ${kilobytes(size.gzip)} | ${kilobytes(size.brotli)} |`);
  }
  const total = sizesOf('dist/lead-capture.iife.js').gzip;
  const parts = await partSizes();
  const widget = total - parts.lit - parts.schema - parts.strings - parts.destinations;
  lines.push(
    '',
    `What \`dist/lead-capture.iife.js\` (${kilobytes(total)} gzip) is made of, each part gzipped alone:`,
    `lit ${kilobytes(parts.lit)}, zod/mini with the lead schema ${kilobytes(parts.schema)}, the four string tables ${kilobytes(parts.strings)}, the destinations ${kilobytes(parts.destinations)}, the widget itself (element, delivery, consent, styles) about ${kilobytes(widget)}.`,
    `Budget: target ${kilobytes(budget.target)}, cap ${kilobytes(budget.cap)}: ${total <= budget.cap ? 'within the cap' : `OVER the cap by ${kilobytes(total - budget.cap)}`}.`,
  );
  return { markdown: lines.join('\n'), total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { markdown, total } = await sizeReport();
  console.log(markdown);
  if (process.argv.includes('--check') && total > regressionCeiling) {
    console.error(`dist/lead-capture.iife.js is ${total} bytes gzip, over the ${regressionCeiling}-byte ceiling CI enforces.`);
    process.exit(1);
  }
}
