// The command as a real process: help, bad input, start-up lines, the data-directory lock, kill -9, SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeLead } from './support/leads.js';
import { freshDataDirectory } from './support/pglite-template.js';

const entry = join(import.meta.dirname, 'support/cli-entry.ts');
const folders: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  // A failed test may leave a receiver running: stop every one this file started.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lead-data-'));
  folders.push(folder);
  return folder;
}

/**
 * A data directory holding a new, empty cluster (a copy of one made once): what a first start
 * leaves behind before it migrates, without an initdb per test. The start-up test alone begins
 * from an empty folder, as a new user does.
 */
const dataDir = () => freshDataDirectory(tempDir());

interface Running {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, ['--conditions=lead-capture-source', '--import', 'tsx', entry, ...args], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const running: Running = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout!.on('data', (chunk: Buffer) => (running.stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (running.stderr += chunk));
  return running;
}

/** Waits for a line matching `pattern` on stdout (or the exit, which fails). */
function waitFor(running: Running, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = running.stdout.match(pattern);
      if (match) {
        running.child.stdout!.off('data', check);
        resolve(match);
      }
    };
    running.child.stdout!.on('data', check);
    void running.exited.then((code) => reject(new Error(`exited ${code} before ${pattern}: ${running.stdout}${running.stderr}`)));
    check();
  });
}

async function startReceiver(data: string, env: Record<string, string> = {}): Promise<{ running: Running; origin: string }> {
  const running = start(['--port', '0', '--host', '127.0.0.1', '--data', data], { LEAD_INBOX_PASSWORD: 'pw', ...env });
  const [, origin] = await waitFor(running, /POST leads to: (http:\/\/127\.0\.0\.1:\d+)\/leads/);
  return { running, origin: origin! };
}

async function countLeads(origin: string): Promise<number> {
  const login = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password: 'pw' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  let count = 0;
  let cursor: string | null = null;
  do {
    const response = await fetch(`${origin}/api/leads?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Cookie: cookie } });
    const page = (await response.json()) as { leads: unknown[]; cursor: string | null };
    count += page.leads.length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}

const post = (origin: string, lead: unknown) => fetch(`${origin}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(lead) });

describe('the command', () => {
  test('--help documents every flag and environment variable, and exits 0', async () => {
    const running = start(['--help']);
    assert.equal(await running.exited, 0);
    for (const name of ['--port', 'PORT', '--host', '--data', 'LEAD_DATA_DIR', 'DATABASE_URL', '--allow-origin', 'LEAD_ALLOWED_ORIGINS', 'LEAD_INBOX_PASSWORD', '--max-leads-per-minute', 'LEAD_RATE_LIMIT', '--trust-proxy', '--retention-days', 'LEAD_RETENTION_DAYS', '8787', './lead-data']) {
      assert.ok(running.stdout.includes(name), `--help mentions ${name}`);
    }
  });

  test('bad input: one readable line naming the setting, exit code 2', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--port', 'abc'], {}, /--port "abc"/],
      [['--frobnicate'], {}, /unknown option --frobnicate/],
      [[], { DATABASE_URL: 'mysql://localhost/leads' }, /DATABASE_URL/],
      [['--allow-origin', 'example.com'], {}, /--allow-origin: "example.com" is not an origin/],
    ];
    for (const [args, env, message] of cases) {
      const running = start(args, env);
      assert.equal(await running.exited, 2, args.join(' '));
      assert.match(running.stderr, message);
      assert.equal(running.stderr.trim().split('\n').length, 1, running.stderr);
    }
  });

  test('start: prints where to POST leads and the inbox, says the inbox is off and any site may post; SIGTERM exits 0 and frees the directory', async () => {
    const data = tempDir();
    const running = start(['--port', '0', '--host', '127.0.0.1', '--data', data]);
    const [, origin] = await waitFor(running, /POST leads to: (http:\/\/127\.0\.0\.1:\d+)\/leads/);
    await waitFor(running, /Any site may post/);
    assert.match(running.stdout, /Inbox: +http:\/\/127\.0\.0\.1:\d+\/inbox\//);
    assert.match(running.stdout, /The inbox is off: set LEAD_INBOX_PASSWORD/);
    const lead = makeLead({ preference: 'email', name: 'Ada Lovelace', email: 'ada@example.com' });
    const response = await post(origin!, lead);
    assert.equal(response.status, 201);
    assert.equal((await fetch(`${origin}/api/leads`)).status, 503);
    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0);
    assert.equal(existsSync(join(data, 'receiver.lock')), false, 'the lock is released');
    assert.doesNotMatch(running.stdout + running.stderr, /Ada|ada@example\.com/, 'nothing the prospect sent is logged');
    assert.match(running.stdout, new RegExp(`${lead.id} 201`));
  });

  test('SIGTERM finishes a request in flight before closing the database', async () => {
    const { running, origin } = await startReceiver(await dataDir());
    const lead = makeLead();
    const body = JSON.stringify(lead);
    const answered = new Promise<number>((resolve, reject) => {
      const outgoing = request(`${origin}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      outgoing.on('error', reject);
      // The server has the request (it answered 100 Continue): stop it, then send the body.
      outgoing.once('continue', () => {
        running.child.kill('SIGTERM');
        void waitFor(running, /SIGTERM: finishing requests in flight/).then(() => outgoing.end(body));
      });
      outgoing.flushHeaders();
    });
    assert.equal(await answered, 201);
    assert.equal(await running.exited, 0);
    const again = await startReceiver(running.stdout.match(/PGlite in (\S+)/)![1]!);
    assert.equal(await countLeads(again.origin), 1);
    again.running.child.kill('SIGTERM');
    assert.equal(await again.running.exited, 0);
  });

  test('two receivers on one data directory: the second refuses, naming the first (pid, port, since)', async () => {
    const data = await dataDir();
    const first = await startReceiver(data);
    const port = new URL(first.origin).port;
    const second = start(['--port', '0', '--data', data]);
    // Fail at once (not by the time limit) if the second one starts serving on the locked directory.
    const outcome = await Promise.race([second.exited, waitFor(second, /POST leads to/).then(() => 'started', () => 'exited')]);
    if (outcome === 'started') {
      second.child.kill('SIGKILL');
      assert.fail('a second receiver started on a directory in use');
    }
    assert.equal(await second.exited, 1);
    assert.match(second.stderr, new RegExp(`Another receiver is using .*: pid ${first.running.child.pid}, port ${port}, since \\d{4}-\\d{2}-\\d{2}T`));
    assert.equal(second.stderr.trim().split('\n').length, 1);
    // The first one was not disturbed.
    assert.equal((await post(first.origin, makeLead())).status, 201);
    first.running.child.kill('SIGTERM');
    assert.equal(await first.running.exited, 0);
  });

  test('kill -9, then start again: the directory opens without repair and every stored lead is there', async () => {
    const data = await dataDir();
    const first = await startReceiver(data);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(first.origin, makeLead({ preference: 'email' })).then((response) => response.status)));
    assert.deepEqual(statuses, Array(20).fill(201));
    const killed = new Promise((resolve) => first.running.child.once('exit', (_code, signal) => resolve(signal)));
    first.running.child.kill('SIGKILL');
    assert.equal(await killed, 'SIGKILL');
    assert.equal(existsSync(join(data, 'receiver.lock')), true, 'the dead process left its lock');
    const second = await startReceiver(data);
    assert.equal(await countLeads(second.origin), 20);
    assert.equal((await post(second.origin, makeLead())).status, 201);
    second.running.child.kill('SIGTERM');
    assert.equal(await second.running.exited, 0);
  });
});
