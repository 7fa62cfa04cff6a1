// Browser tests (unit, element and network) in the system Chromium.
import { readFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';
import { testEndpoint } from './test/support/test-endpoint.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// In CI the log is a file, not a terminal: print progress as plain lines (staticLogging), and
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

export default {
  files: ['test/unit/**/*.test.ts', 'test/element/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  staticLogging: ci,
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
