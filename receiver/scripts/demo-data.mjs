// npm run demo:data: fills a receiver's database with the generated history of demo-data-leads.mjs
// (a few offers, one diluted, repeats, follow-ups), so the inbox's offers view means something on
// first run. Writes through the store (the leads need their past received times, which POST /leads
// cannot give), so the receiver must be stopped: the data directory has one owner at a time.
//   node receiver/scripts/demo-data.mjs [--data DIR] [--seed N] [--count N] [--now ISO]
import { parseArgs } from 'node:util';
import { generateDemoLeads } from './demo-data-leads.mjs';

const { values } = parseArgs({
  options: { data: { type: 'string', default: '.leads' }, seed: { type: 'string', default: '21' }, count: { type: 'string', default: '600' }, now: { type: 'string' } },
});
const dist = new URL('../dist/', import.meta.url);
const { createReceiver } = await import(new URL('handler.js', dist).href).catch((error) => {
  console.error(`demo:data: cannot load the built receiver (${error.message}): run npm run build first.`);
  process.exit(1);
});
const { canonicalJson, sha256Hex } = await import(new URL('crypto.js', dist).href);

const { parseLead } = await import('lead-capture/schema');

const now = values.now ? new Date(values.now) : new Date();
const history = generateDemoLeads({ seed: Number(values.seed), count: Number(values.count), now });
// The store takes leads as given: check each against the widget's schema, as POST /leads would.
for (const { lead } of history) {
  const parsed = parseLead(lead);
  if (!parsed.success) {
    console.error(`demo:data: a generated lead is invalid: ${JSON.stringify(parsed.issues)}`);
    process.exit(1);
  }
}
const database = process.env.DATABASE_URL || values.data;
const receiver = createReceiver({ database, inboxDir: false, log: () => {} });
try {
  await receiver.ready;
} catch (error) {
  console.error(`demo:data: cannot open ${database}: ${error.message}`);
  console.error('Stop the running receiver (npm start) first, then run npm run demo:data again.');
  process.exit(1);
}
const store = await receiver.store();
let stored = 0;
let followUps = 0;
const refused = [];
for (const { lead, receivedAt, followUps: planned } of history) {
  const outcome = await store.storeLead({ idempotencyKey: lead.id, lead, bodySha256: await sha256Hex(canonicalJson(lead)), receivedAt });
  if (outcome.status !== 'stored') continue;
  stored += 1;
  for (const followUp of planned) {
    const result = await store.addFollowUp(lead.id, { channel: followUp.channel, outcome: followUp.outcome }, followUp.at);
    if (result.status === 'added') followUps += 1;
    else refused.push(result);
  }
}
await receiver.close();
const where = process.env.DATABASE_URL ? 'the Postgres database in DATABASE_URL' : values.data;
console.log(`demo:data: ${stored} leads (${history.length - stored} already there) and ${followUps} follow-ups stored in ${where}.`);
if (refused.length > 0) {
  console.error(`demo:data: ${refused.length} follow-ups were refused: ${JSON.stringify(refused[0])}`);
  process.exit(1);
}
