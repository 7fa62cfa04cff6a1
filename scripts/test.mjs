// `npm test`: the whole suite as one pool of jobs, so a 2-core machine is kept busy while
// browsers and servers wait on the network and on timers:
//   - the browser tests (web-test-runner: test/unit/, test/element/; one page at a time, as
//     the files share an origin, so their storage)
//   - each end-to-end file of test/e2e/ (what a user gets: dist/), once the build is done;
//     the build runs first and only when a source changed since the last one
//   - the tests without a browser or a build (test/node/), and each file of receiver/test/
//     (the receiver on its TypeScript sources, against PGlite and a throwaway Postgres)
// Each file has its own browser, servers, free ports and databases, so files run side by
// side: as many as there are cores (LEAD_TEST_JOBS to change it), the longest first
// (the times of the last run, kept in node_modules/.cache). Each job's output is printed as
// it ends; the time of each and the wall time of the whole at the end.
// What a job needs that is not installed (Chromium, Postgres) is installed or named first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const started = Date.now();

/** The machine's busy and idle CPU time so far, in seconds (Linux), browsers' renderers included. */
function cpuTimes() {
  if (!existsSync('/proc/stat')) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const tick = 100; // USER_HZ: 100 on every Linux this runs on
  return { busy: (user + nice + system + irq + softirq + steal) / tick, idle: (idle + iowait) / tick };
}
const cpuAtStart = cpuTimes();
const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(0)} s`;
const timesFile = join(root, 'node_modules/.cache/lead-capture/test-times.json');

/** Runs a command to completion, keeping its output: { ok, output, milliseconds }. */
function run([command, ...args]) {
  const since = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ ok: code === 0, output, milliseconds: Date.now() - since }));
  });
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

/** Whether dist/ was built after every source it is made of was last changed. */
function builtIsFresh() {
  const stamp = join(root, 'dist/.built');
  const sources = ['src', 'types', 'receiver/src', 'receiver/inbox', 'receiver/scripts', 'builder', 'package.json', 'vite.config.ts', 'vite.builder.config.ts', 'scripts/build.mjs', 'scripts/json-schema.mjs', 'tsconfig.json', 'tsconfig.build.json'];
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newest(sources);
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

// The build starts at once; the end-to-end files wait for it, nothing else does.
const built = builtIsFresh()
  ? undefined
  : run(['node', 'scripts/build.mjs']).then((result) => {
      process.stdout.write(`\n::: the build (${seconds(result.milliseconds)}): ${result.ok ? 'done' : 'FAILED'}\n${result.output}`);
      return result.ok;
    });
if (!built) console.log('dist/ is up to date: not built again');

// One Postgres for the run (found or installed first): each receiver file makes its databases
// there, rather than each running initdb and a server of its own. It stops when this ends.
const postgres = spawn('node', ['--import', 'tsx', 'receiver/test/support/shared-postgres.ts'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
// It answers with the variable to set, `NAME=url` (empty without Postgres), after anything it had to say.
const [variable, postgresUrl] = await new Promise((resolve) => {
  let output = '';
  postgres.stdout.on('data', (chunk) => {
    output += chunk;
    const answer = /^([A-Z_]+)=(.*)\n/m.exec(output);
    if (!answer) return;
    process.stdout.write(output.slice(0, answer.index));
    resolve([answer[1], answer[2]]);
  });
  postgres.once('exit', () => resolve([]));
});
if (postgresUrl) process.env[variable] = postgresUrl;

const nodeTest = ['node', '--test', '--test-timeout=600000'];
// The receiver's tests run on its TypeScript sources, and on the widget's schema from src/.
const receiverTest = ['node', '--conditions=lead-capture-source', '--import', 'tsx', '--test', '--test-timeout=600000'];

const jobs = [
  { name: 'browser tests (web-test-runner)', command: ['node_modules/.bin/web-test-runner'] },
  { name: 'test/node/', command: [...nodeTest, 'test/node/'] },
  ...testFiles('receiver/test', '.test.ts').map((file) => ({ name: file, command: [...receiverTest, file] })),
  ...testFiles('test/e2e', '.test.mjs').map((file) => ({ name: file, command: [...nodeTest, file], needsBuild: true })),
];

// The longest first, by the last run's times: a long file started last would end the run alone.
const lastTimes = existsSync(timesFile) ? JSON.parse(readFileSync(timesFile, 'utf8')) : {};
jobs.sort((a, b) => (lastTimes[b.name] ?? 30_000) - (lastTimes[a.name] ?? 30_000));

// One per core: the suite is CPU-bound, so a third job on 2 cores gained nothing (495-534 s
// against 500 s) and starved the tests that time a browser (a closing page's request, a HEAD).
const slots = Number(process.env.LEAD_TEST_JOBS) || availableParallelism();
const results = [];
let next = 0;
async function worker() {
  while (next < jobs.length) {
    const job = jobs[next++];
    if (job.needsBuild && built && !(await built)) {
      results.push({ name: job.name, ok: false, milliseconds: 0, skipped: true });
      continue;
    }
    const result = await run(job.command);
    results.push({ name: job.name, ...result });
    process.stdout.write(`\n::: ${job.name} (${seconds(result.milliseconds)}): ${result.ok ? 'passed' : 'FAILED'}\n$ ${job.command.join(' ')}\n${result.output}`);
  }
}
await Promise.all(Array.from({ length: slots }, worker));
await built;

mkdirSync(dirname(timesFile), { recursive: true });
writeFileSync(timesFile, JSON.stringify({ ...lastTimes, ...Object.fromEntries(results.filter((result) => result.ok).map((result) => [result.name, result.milliseconds])) }, null, 1));

const failed = results.filter((result) => !result.ok);
console.log(`\n::: npm test, ${jobs.length} jobs, ${slots} at a time:`);
for (const result of [...results].sort((a, b) => b.milliseconds - a.milliseconds)) console.log(`  ${seconds(result.milliseconds).padStart(5)}  ${result.ok ? '' : result.skipped ? 'NOT RUN (the build failed) ' : 'FAILED '}${result.name}`);
const cpuAtEnd = cpuTimes();
// What the machine spent: on a machine this busy, the wall time is the CPU time over the cores.
if (cpuAtStart && cpuAtEnd) console.log(`::: CPU: ${(cpuAtEnd.busy - cpuAtStart.busy).toFixed(0)} s busy, ${(cpuAtEnd.idle - cpuAtStart.idle).toFixed(0)} s idle, on ${availableParallelism()} cores`);
console.log(`::: npm test: wall time ${seconds(Date.now() - started)}${failed.length ? `; FAILED: ${failed.map((result) => result.name).join(', ')}` : '; all passed'}`);
postgres.stdin.end();
await new Promise((resolve) => (postgres.exitCode === null ? postgres.once('exit', resolve) : resolve()));
process.exit(failed.length ? 1 : 0);
