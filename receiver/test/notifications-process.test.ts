// Crashes and crowds: kill -9 mid-send resends at most once more under the same id; two receivers
// on one Postgres send each notification once.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkConfig } from '../src/config.js';
import { createReceiver } from '../src/handler.js';
import { postLead } from './support/http.js';
import { makeLead } from './support/leads.js';
import { FakeServices, until } from './support/notification-fakes.js';
import { freshDataDirectory } from './support/pglite-template.js';
import { enableHint, startPostgres } from './support/postgres.js';

const services = new FakeServices();
const children: ChildProcess[] = [];
const folders: string[] = [];
before(() => services.start());
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await services.stop();
});

const secret = 'whsec-process-0123456789abcdef';
const rules = () => ({ notifications: [{ name: 'crm', channel: { type: 'webhook', url: `${services.url}/webhook/crm`, secret } }] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function child(directory: string, lead?: unknown): { process: ChildProcess; output: () => string } {
  const entry = join(import.meta.dirname, 'support/notifications-child.ts');
  const args = ['--conditions=lead-capture-source', '--import', 'tsx', entry, directory, JSON.stringify(rules()), ...(lead ? [JSON.stringify(lead)] : [])];
  const started = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(started);
  let output = '';
  started.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  started.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  return { process: started, output: () => output };
}

test('kill -9 mid-send: sent again at most once more, under the same X-Lead-Notification-Id', async () => {
  services.reset();
  const folder = mkdtempSync(join(tmpdir(), 'lead-notify-'));
  folders.push(folder);
  const directory = await freshDataDirectory(folder);
  // The CRM takes the first request and never answers: the receiver is mid-send when it dies.
  services.plan('webhook', 'hang');
  const first = child(directory, makeLead({ offer: 'event', preference: 'email' }));
  await until(() => services.on('webhook').length === 1, 60_000, 'the first send');
  first.process.kill('SIGKILL');
  await new Promise((resolve) => first.process.once('exit', resolve));

  const second = child(directory);
  await until(() => services.on('webhook').length === 2, 60_000, `the resend (child: ${second.output()})`);
  await sleep(2500);
  const sends = services.on('webhook');
  assert.equal(sends.length, 2, 'once more, not more');
  assert.equal(sends[0]!.headers['x-lead-notification-id'], sends[1]!.headers['x-lead-notification-id']);
  await until(() => /notification \S+ sent/.test(second.output()), 5000, 'marked sent');
  second.process.kill('SIGTERM');
});

test('two receivers on one Postgres send each notification once', async (t) => {
  const cluster = await startPostgres();
  if (!cluster) return t.skip(enableHint);
  after(() => cluster.stop());
  services.reset();
  const url = await cluster.createDatabase();
  const sent: [string[], string[]] = [[], []];
  const options = (log: string[]) => ({ database: url, inboxDir: false as const, log: (line: string) => log.push(line), notifications: { config: checkConfig(rules()), tuning: { pollMs: 20 } } });
  const one = createReceiver(options(sent[0]));
  await one.ready;
  const two = createReceiver(options(sent[1]));
  await two.ready;
  const leads = Array.from({ length: 40 }, () => makeLead({ offer: 'event', preference: 'email' }));
  await Promise.all(leads.map((lead, index) => postLead(index % 2 ? one : two, lead)));
  await until(() => services.on('webhook').length >= 40, 30_000, 'forty sends');
  await sleep(1000);
  const ids = services.on('webhook').map((entry) => entry.headers['x-lead-notification-id']);
  assert.equal(ids.length, 40, 'no notification twice');
  assert.equal(new Set(ids).size, 40);
  assert.deepEqual(new Set(services.on('webhook').map((entry) => entry.json.lead.id)), new Set(leads.map((lead) => lead.id)));
  // Both did share the work (each has its own pool, so its own connections, as two machines would).
  const counts = sent.map((log) => log.filter((line) => / sent /.test(line)).length);
  assert.ok(counts[0]! > 0 && counts[1]! > 0, `both sent: ${counts.join(' + ')}`);
  assert.equal(counts[0]! + counts[1]!, 40);
  await one.close();
  await two.close();
});
