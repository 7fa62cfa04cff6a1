import { browserStorage } from './outbox.js';

/**
 * "Exactly one tab sends this lead": an exclusive, non-waiting lock per lead. The Web Locks
 * API gives it across tabs and workers of an origin; where it is missing, a short lease in
 * localStorage does the same on a best-effort basis.
 */

export const lockBusy = Symbol('lock busy');

const leaseLength = 120_000;
/** Long enough for a racing tab's lease write to become visible before we check who won. */
const leaseSettleTime = 50;

export async function withExclusiveLock<T>(name: string, task: () => Promise<T>): Promise<T | typeof lockBusy> {
  const locks = globalThis.navigator?.locks;
  if (locks?.request) {
    return locks.request(`lead-capture:${name}`, { ifAvailable: true }, async (lock) => (lock ? task() : lockBusy));
  }
  return withStorageLease(name, task);
}

async function withStorageLease<T>(name: string, task: () => Promise<T>): Promise<T | typeof lockBusy> {
  const storage = browserStorage();
  // No storage means no queue to share with another tab: only this page can send.
  if (!storage) return task();
  const key = `lead-capture:v1:lease:${name}`;
  const owner = `${Date.now()}-${Math.random()}`;
  const holder = () => readLease(storage, key);
  const current = holder();
  if (current && current.owner !== owner && current.until > Date.now()) return lockBusy;
  try {
    storage.setItem(key, JSON.stringify({ owner, until: Date.now() + leaseLength }));
  } catch {
    return task();
  }
  await new Promise((resolve) => setTimeout(resolve, leaseSettleTime));
  if (holder()?.owner !== owner) return lockBusy;
  try {
    return await task();
  } finally {
    if (holder()?.owner === owner) storage.removeItem(key);
  }
}

function readLease(storage: Storage, key: string): { owner: string; until: number } | undefined {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as { owner: string; until: number }) : undefined;
  } catch {
    return undefined;
  }
}
