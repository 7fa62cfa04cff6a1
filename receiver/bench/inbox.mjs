// The inbox's first view at scale: BENCH_LEADS (default 100,000) generated leads (the demo's
// generator: five offers, repeats, follow-ups) in PGlite, the built receiver serving the built inbox,
// and a real Chromium timing each view from navigation start until it is interactive (its content
// rendered with working buttons). Medians of 5 loads. A benchmark, not a test.
//   npm run build && node receiver/bench/inbox.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from 'srvx';
import { generateDemoLeads } from '../scripts/demo-data-leads.mjs';

const dist = new URL('../dist/', import.meta.url);
const { createReceiver } = await import(new URL('handler.js', dist).href);
const { canonicalJson, sha256Hex } = await import(new URL('crypto.js', dist).href);

const total = Number(process.env.BENCH_LEADS ?? 100_000);
const password = 'bench';
const folder = mkdtempSync(join(tmpdir(), 'inbox-bench-'));
const receiver = createReceiver({ database: folder, inboxPassword: password, rateLimit: 10_000_000, log: () => {} });
await receiver.ready;
const store = await receiver.store();
const started = performance.now();
const history = generateDemoLeads({ seed: 7, count: total });
for (const [index, { lead, receivedAt, followUps }] of history.entries()) {
  await store.storeLead({ idempotencyKey: lead.id, lead, bodySha256: await sha256Hex(canonicalJson(lead)), receivedAt });
  for (const followUp of followUps) await store.addFollowUp(lead.id, followUp, followUp.at);
  if (index % 10_000 === 0) console.log(`${index} leads loaded (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
await store.db.query('ANALYZE');

const server = serve({ fetch: (request) => receiver(request, { clientAddress: '127.0.0.1' }), port: 0, hostname: '127.0.0.1', silent: true, gracefulShutdown: false, manual: true });
await server.serve();
const origin = `http://127.0.0.1:${server.node.server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const context = await browser.newContext();
await context.request.post(`${origin}/api/session`, { data: { password } });
const page = await context.newPage();

/** Each view's "interactive": the selector of its first usable control once the data is there. */
const views = {
  now: 'inbox-now >>> ol.cards button, inbox-now >>> p.muted:has-text("Nobody")',
  leads: 'inbox-leads >>> li[data-lead] button',
  offers: 'inbox-offers >>> th button',
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
for (const [view, selector] of Object.entries(views)) {
  const times = [];
  for (let run = 0; run < 6; run += 1) {
    await page.goto(`${origin}/inbox/${view}`);
    await page.locator(selector.split(', ')[0].replace(' >>> ', ' ')).first().or(page.locator(selector.split(', ').at(-1).replace(' >>> ', ' '))).first().waitFor({ timeout: 30_000 });
    const elapsed = await page.evaluate(() => performance.now());
    if (run > 0) times.push(elapsed); // the first load warms the caches
  }
  results[view] = median(times);
}
await browser.close();
await server.close(true);
await receiver.close();
rmSync(folder, { recursive: true, force: true });
const count = history.length;
console.log(`\n${count} leads in PGlite; navigation start to interactive, median of 5 (ms):`);
for (const [view, ms] of Object.entries(results)) console.log(`  /inbox/${view}: ${ms.toFixed(0)}`);
