// npm run test:hosts: the packed package in stock React, Vue and Svelte apps
// (test/hosts/*, see hosts.test.mjs). Builds the library first unless dist/ is newer than
// everything it is built from; the apps install the tarball `npm pack` makes of it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['src', 'types', 'package.json', 'vite.config.ts', 'tsconfig.build.json', 'scripts/build.mjs'];
const outputs = ['dist/lead-capture.js', 'dist/schema.js', 'dist/types/index.d.ts', 'dist/types/react.d.ts'];

function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const fresh = outputs.every(existsSync) && Math.min(...outputs.map((file) => statSync(file).mtimeMs)) > Math.max(...inputs.map(newest));
const run = (command, ...args) => execFileSync(command, args, { stdio: 'inherit' });

run('node', 'scripts/ensure-chromium.mjs');
if (fresh) console.log('dist/ is up to date; not rebuilding.');
else run('node', 'scripts/build.mjs');
try {
  run('node', '--test', '--test-concurrency=1', '--test-timeout=480000', 'test/hosts/hosts.test.mjs');
} catch {
  process.exitCode = 1;
}
