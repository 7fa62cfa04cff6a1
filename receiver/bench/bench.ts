// npm run bench:receiver: 100,000 generated leads (fixed seed) into PGlite and into Postgres.
// Ingest through POST /leads over HTTP at concurrency 1 and 16 (leads/s), the rest loaded through
// the store; then the report, the first list page and the queue over HTTP (median ms).
// A benchmark, not a test: not in CI. Goals (issue 20, on a 2-core machine): ingest >= 500/s on
// Postgres and >= 200/s on PGlite; report <= 300 ms and list <= 50 ms at 100,000 leads.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { serve } from 'srvx';
import { createReceiver } from '../src/handler.js';
import { canonicalJson, sha256Hex } from '../src/crypto.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { startPostgres } from '../test/support/postgres.js';
import { makeLead, type LeadSpec } from '../test/support/leads.js';

const total = Number(process.env.BENCH_LEADS ?? 100_000);
const httpSerial = Number(process.env.BENCH_HTTP_SERIAL ?? 2_000);
const httpParallel = Number(process.env.BENCH_HTTP_PARALLEL ?? 8_000);
const password = 'bench';

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Realistic mix: many downloads, a newsletter, two events, a trial; most want no contact. */
const offers: [LeadSpec['offer'], string, string, number][] = [
  ['download', 'benchmark-2026', 'The 2026 Reporting Benchmark', 30],
  ['download', 'close-checklist', 'The month-end close checklist', 20],
  ['download', 'audit-guide', 'Audit-proof spreadsheets', 10],
  ['newsletter', 'finance-weekly', 'Finance Weekly', 15],
  ['event', 'webinar-close', 'Close faster: the webinar', 10],
  ['event', 'roundtable', 'CFO roundtable', 5],
  ['trial', 'trial', 'Free trial', 10],
];
const zones = ['Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'Asia/Tokyo', 'Australia/Sydney'];

function* generate(seed: number) {
  const next = random(seed);
  const weight = offers.reduce((sum, offer) => sum + offer[3], 0);
  const people = Math.round(total * 0.45);
  for (let index = 0; ; index += 1) {
    let roll = next() * weight;
    const [offer, offerId, offerTitle] = offers.find((candidate) => (roll -= candidate[3]) < 0) ?? offers[0]!;
    const preferenceRoll = next();
    const preference = preferenceRoll < 0.55 ? 'none' : preferenceRoll < 0.85 ? 'email' : 'call';
    const person = Math.floor(next() ** 1.6 * people);
    const repeats = next() < 0.35 ? 1 + Math.floor(next() * 4) : 0;
    const spec: LeadSpec = {
      offer,
      offerId,
      offerTitle,
      preference,
      name: `Person ${person}`,
      email: `person${person}@example.com`,
      ...(preference === 'call' ? { timeZone: zones[person % zones.length]!, ...(next() < 0.6 ? { callWindow: (['morning', 'afternoon', 'evening'] as const)[person % 3] } : {}) } : {}),
      ...(next() < 0.4 ? { indicators: ['slow-close', 'manual-reports', 'audit-findings'].slice(0, 1 + Math.floor(next() * 3)) } : {}),
      ...(repeats ? { repeat: { count: repeats, offers: ['benchmark-2026'] } } : {}),
      capturedAt: '2026-06-01T09:00:00.000Z',
    };
    yield makeLead(spec);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeIt(times: number, work: () => Promise<unknown>): Promise<number> {
  const durations: number[] = [];
  await work(); // warm
  for (let index = 0; index < times; index += 1) {
    const start = performance.now();
    await work();
    durations.push(performance.now() - start);
  }
  return median(durations);
}

async function bench(name: string, database: Database) {
  // Received times spread over 26 weeks: the report has weeks to count.
  const start = Date.parse('2026-06-01T00:00:00.000Z');
  const step = (26 * 7 * 24 * 3600_000) / total;
  let tick = 0;
  const now = () => new Date(start + Math.min(tick, total) * step);
  const receiver = createReceiver({ database, inboxPassword: password, rateLimit: 10_000_000, retentionDays: 10_000, now, log: () => {}, inboxDir: false });
  await receiver.ready;
  const server = serve({ fetch: (request) => receiver(request, { clientAddress: '127.0.0.1' }), port: 0, hostname: '127.0.0.1', silent: true, gracefulShutdown: false, manual: true });
  await server.serve();
  const address = server.node!.server!.address() as { port: number };
  const origin = `http://127.0.0.1:${address.port}`;
  const leads = generate(20_26);
  // During ingest the receiver's clock moves one step (26 weeks / total) each 50 ms: retention's
  // hourly check then runs about once a second, as it would on a busy day.
  const ingest = async (count: number, concurrency: number) => {
    const bodies = Array.from({ length: count }, () => JSON.stringify(leads.next().value!));
    const clock = setInterval(() => (tick = Math.min(tick + 1, total)), 50);
    try {
      const worker = new Worker(new URL('./client.mjs', import.meta.url), { workerData: { url: `${origin}/leads`, bodies, concurrency } });
      return await new Promise<number>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    } finally {
      clearInterval(clock);
    }
  };
  const serial = await ingest(httpSerial, 1);
  const parallel = await ingest(httpParallel, 16);
  tick = httpSerial + httpParallel;
  // The rest straight into the store (the same insert, without HTTP), to reach the total quickly.
  const store = await receiver.store();
  for (let loaded = httpSerial + httpParallel; loaded < total; loaded += 1) {
    const lead = leads.next().value!;
    tick += 1;
    await store.storeLead({ idempotencyKey: lead.id, lead, bodySha256: await sha256Hex(canonicalJson(lead)), receivedAt: now() });
  }
  // Follow-ups on some open leads, so outcomes and the queue's exclusions have rows to read.
  const { rows } = await database.query<{ id: string; preference: string }>(`SELECT id::text, preference FROM leads WHERE preference <> 'none' ORDER BY id LIMIT 3000`);
  for (const [index, row] of rows.entries()) {
    await store.addFollowUp(row.id, { channel: row.preference === 'call' ? 'call' : 'email', outcome: (['no-answer', 'talked', 'meeting', 'customer'] as const)[index % 4]! }, now());
  }
  await database.query('ANALYZE');
  const login = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const get = async (path: string) => {
    const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const count = (await database.query<{ n: number }>('SELECT count(*)::int AS n FROM leads')).rows[0]!.n;
  const report = await timeIt(5, () => get('/api/report'));
  const list = await timeIt(9, () => get('/api/leads'));
  const listFiltered = await timeIt(9, () => get('/api/leads?temperature=warm&offer=benchmark-2026'));
  const queue = await timeIt(5, () => get('/api/queue'));
  await server.close(true);
  await receiver.close();
  return { name, count, serial, parallel, report, list, listFiltered, queue };
}

const results = [];
const pgliteDir = mkdtempSync(join(tmpdir(), 'lead-bench-'));
try {
  console.log(`Loading ${total} leads into PGlite (${pgliteDir})…`);
  const database = await openDatabase(pgliteDir);
  results.push(await bench('PGlite (directory)', database));
  await database.close();
} finally {
  rmSync(pgliteDir, { recursive: true, force: true });
}
const cluster = await startPostgres({ durable: true });
if (cluster) {
  try {
    console.log(`Loading ${total} leads into Postgres…`);
    const database = await openDatabase(await cluster.createDatabase('bench'));
    results.push(await bench('Postgres 15 (local, fsync on)', database));
    await database.close();
  } finally {
    cluster.stop();
  }
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);
console.log(`\n${cpus().length} cores, Node ${process.version}; ${httpSerial} leads over HTTP at concurrency 1, ${httpParallel} at 16, the rest through the store.\n`);
console.log('| engine | leads | ingest c=1 (leads/s) | ingest c=16 (leads/s) | report (ms) | list, first page (ms) | list, filtered (ms) | queue (ms) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const result of results) {
  console.log(`| ${result.name} | ${result.count} | ${fixed(result.serial)} | ${fixed(result.parallel)} | ${fixed(result.report)} | ${fixed(result.list, 1)} | ${fixed(result.listFiltered, 1)} | ${fixed(result.queue)} |`);
}
