// The same suite against both engines: PGlite in memory, and a throwaway Postgres cluster.
import { createReceiver, type Receiver } from '../../src/handler.js';
import type { ReceiverOptions } from '../../src/options.js';
import type { Database } from '../../src/store/database.js';
import { LeadStore } from '../../src/store/store.js';

/** A settable clock for the receiver. */
export class Clock {
  constructor(public time = new Date('2026-11-02T10:00:00.000Z')) {}
  now = () => new Date(this.time);
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
  set(iso: string): void {
    this.time = new Date(iso);
  }
}

export const password = 'correct horse battery staple';

/** A receiver on an emptied database, with a clock and quiet logs (collected in `logs`). */
export async function freshReceiver(database: Database, options: ReceiverOptions = {}): Promise<{ receiver: Receiver; clock: Clock; logs: string[]; store: LeadStore }> {
  const clock = new Clock();
  const logs: string[] = [];
  const store = await LeadStore.open(database);
  await store.truncate();
  const receiver = createReceiver({ database, inboxPassword: password, now: clock.now, log: (line) => logs.push(line), inboxDir: false, ...options });
  await receiver.ready;
  return { receiver, clock, logs, store: await receiver.store() };
}
