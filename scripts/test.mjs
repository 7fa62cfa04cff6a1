// `npm test`: the whole suite, in lanes that run side by side, so a 2-core machine is kept
// busy while browsers wait on the network:
//   browser   unit and element tests in Chromium (web-test-runner; one page at a time: the
//             files share an origin, so their storage)
//   built     the build, once and only when a source changed since the last one, then the
//             end-to-end tests of what a user gets (dist/), two files at a time (each file
//             has its own browser, servers and free ports)
//   node      tests with no browser and no build: the vendor fakes against their contracts,
//             the bench's arithmetic, the receiver against PGlite and Postgres
// Each lane's output is printed as it ends; the wall time of each and of the whole at the end.
// What a lane needs that is not installed (Chromium, Postgres) is installed or named first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Runs a command to completion, keeping its output: { ok, output, time }. */
function run(command, args) {
  const since = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ ok: code === 0, output, time: seconds(since), command: [command, ...args].join(' ') }));
  });
}

/** Runs the steps of a lane one after another, stopping at the first failure. */
async function lane(name, steps) {
  const since = Date.now();
  const results = [];
  for (const [command, ...args] of steps) {
    const result = await run(command, args);
    results.push(result);
    if (!result.ok) break;
  }
  const ok = results.every((result) => result.ok);
  process.stdout.write(`\n::: ${name} lane (${seconds(since)}): ${ok ? 'passed' : 'FAILED'}\n`);
  for (const result of results) process.stdout.write(`$ ${result.command} (${result.time})\n${result.output}`);
  return { name, ok, time: seconds(since) };
}

/** The newest modification time under these paths (files and folders, recursively). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    latest = Math.max(latest, stats.mtimeMs);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
  };
  paths.forEach((path) => visit(join(root, path)));
  return latest;
}

/** The build, unless dist/ was built after every source it is made of was last changed. */
function buildIfStale() {
  const stamp = join(root, 'dist/.built');
  const sources = ['src', 'types', 'receiver/src', 'receiver/inbox', 'receiver/scripts', 'builder', 'package.json', 'vite.config.ts', 'vite.builder.config.ts', 'scripts/build.mjs', 'scripts/json-schema.mjs', 'tsconfig.json', 'tsconfig.build.json'];
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest(sources)) return ['node', '-e', 'console.log("dist/ is up to date: not built again")'];
  return ['node', 'scripts/build.mjs'];
}

/** The test files of a folder (Node 20's test runner takes no glob). */
function testFiles(folder, suffix) {
  return readdirSync(join(root, folder))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(folder, name));
}

const chromium = spawnSync('node', ['scripts/ensure-chromium.mjs'], { cwd: root, stdio: 'inherit' });
if (chromium.status !== 0) process.exit(chromium.status ?? 1);

const nodeTest = ['node', '--test', '--test-timeout=600000'];
const lanes = await Promise.all([
  lane('browser', [['node_modules/.bin/web-test-runner']]),
  lane('built', [buildIfStale(), [...nodeTest, '--test-concurrency=2', 'test/e2e/']]),
  lane('node', [
    [...nodeTest, '--test-concurrency=2', 'test/node/'],
    // The receiver's tests run on its TypeScript sources, and on the widget's schema from src/.
    ['node', '--conditions=lead-capture-source', '--import', 'tsx', ...nodeTest.slice(1), '--test-concurrency=1', ...testFiles('receiver/test', '.test.ts')],
  ]),
]);

const failed = lanes.filter((result) => !result.ok);
console.log(`\n::: npm test: ${lanes.map((result) => `${result.name} ${result.time}`).join(', ')}; wall time ${seconds(started)}${failed.length ? `; FAILED: ${failed.map((result) => result.name).join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
