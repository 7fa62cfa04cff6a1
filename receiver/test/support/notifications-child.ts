// A receiver with notifications in its own process, for the kill -9 test: argv is the data directory,
// the configuration (JSON) and optionally a lead (JSON) to post to itself once ready.
import { checkConfig } from '../../src/config.js';
import { createReceiver } from '../../src/handler.js';

const [directory, configJson, leadJson] = process.argv.slice(2);
const receiver = createReceiver({
  database: directory!,
  inboxDir: false,
  log: (line) => console.log(line),
  // A short lease, so the test need not wait a minute for the take-over.
  notifications: { config: checkConfig(JSON.parse(configJson!)), tuning: { pollMs: 50, leaseMs: 1500, timeoutMs: 1000 } },
});
await receiver.ready;
if (leadJson) {
  const response = await receiver(new Request('http://receiver.test/leads', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: leadJson }));
  console.log(`posted ${response.status}`);
}
console.log('ready');
setInterval(() => {}, 60_000);
