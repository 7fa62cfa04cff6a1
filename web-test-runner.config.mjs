// Browser tests (unit, element and network) in the system Chromium.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';
import { testEndpoint } from './test/support/test-endpoint.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// In CI the log is a file, not a terminal: no progress bar (only results and failures), and
// drop the cursor-movement/erase sequences the runner still writes around every browser log
// even then (its terminal always clears and redraws its progress area, modernweb-dev/web#2623).
const ci = Boolean(process.env.CI);
if (ci) {
  const CURSOR_CONTROL = /\x1b\[[0-9;]*[A-HJKST]|\x1b\[\?25[hl]/g;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) =>
      write(typeof chunk === 'string' ? chunk.replace(CURSOR_CONTROL, '') : chunk, ...rest);
  }
}

/** Counts the tests of a session's results, suites within suites. */
function countTests(suite, counts = { passed: 0, failed: 0, skipped: 0 }) {
  for (const test of suite?.tests ?? []) counts[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
  for (const child of suite?.suites ?? []) countTests(child, counts);
  return counts;
}

/** In CI, one line at the end instead of the progress bar: how many test files and tests passed. */
const ciSummary = {
  onTestRunFinished({ sessions }) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const session of sessions) countTests(session.testResults, counts);
    console.log(`web-test-runner: ${sessions.length} test files, ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  },
};

export default {
  files: ['test/unit/**/*.test.ts', 'test/element/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  staticLogging: ci,
  reporters: ci ? [defaultReporter({ reportTestResults: true, reportTestProgress: false }), ciSummary] : undefined,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: './tsconfig.json',
      define: { __LEAD_CAPTURE_VERSION__: JSON.stringify(version) },
    }),
  ],
  middleware: [testEndpoint()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
    }),
  ],
  // Lit's dev build (used by tests for its extra checks) announces itself in every file.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 10000 } },
};
