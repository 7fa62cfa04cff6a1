import { browserStorage } from './outbox.js';

/**
 * "Exactly one tab sends this lead": an exclusive, non-waiting lock per lead. The Web Locks
 * API gives it across tabs and workers of an origin; where it is missing, claims in
 * localStorage do the same on a best-effort basis.
 */

export const lockBusy = Symbol('lock busy');

/**
 * A claim lives this long unless its holder renews it. Short, so that a claim left behind
 * (a tab that crashed or closed mid-send, or a removal the storage never propagated) stops
 * blocking the lead within seconds; the holder renews it while it works.
 */
export const claimLength = 5000;
const claimRenewal = 1000;
/**
 * Long enough for another tab's claim to become visible before the winner is decided
 * (localStorage reaches other tabs asynchronously; on a busy machine that takes a while).
 */
const claimSettleTime = 200;

export async function withExclusiveLock<T>(name: string, task: () => Promise<T>): Promise<T | typeof lockBusy> {
  const locks = globalThis.navigator?.locks;
  if (locks?.request) {
    return locks.request(`lead-capture:${name}`, { ifAvailable: true }, async (lock) => (lock ? task() : lockBusy));
  }
  return withStorageClaim(name, task);
}

/**
 * Each contender writes its own claim key (so no write overwrites another: tabs see writes
 * in different orders), waits for the others' claims to arrive, and the smallest live claim
 * wins. Whoever holds the smallest claim always sees itself as the winner, so someone
 * always sends; two winners need a storage event slower than the settle time.
 */
async function withStorageClaim<T>(name: string, task: () => Promise<T>): Promise<T | typeof lockBusy> {
  const storage = browserStorage();
  // No storage means no queue to share with another tab: only this page can send.
  if (!storage) return task();
  const prefix = `lead-capture:v1:claim:${name}:`;
  const claim = `${prefix}${Date.now().toString(36).padStart(10, '0')}-${Math.random().toString(36).slice(2)}`;
  if (liveClaims(storage, prefix).length > 0) return lockBusy;
  try {
    storage.setItem(claim, String(Date.now() + claimLength));
  } catch {
    return task();
  }
  const renewal = setInterval(() => storage.setItem(claim, String(Date.now() + claimLength)), claimRenewal);
  try {
    // Checked twice: a smaller claim that was still on its way the first time shows up the second.
    for (let check = 0; check < 2; check += 1) {
      await new Promise((resolve) => setTimeout(resolve, claimSettleTime));
      if (liveClaims(storage, prefix)[0] !== claim) return lockBusy;
    }
    return await task();
  } finally {
    clearInterval(renewal);
    storage.removeItem(claim);
  }
}

/** Unexpired claims for one lock, smallest first; expired ones (a crashed tab's) are cleared. */
function liveClaims(storage: Storage, prefix: string): string[] {
  const now = Date.now();
  const claims: string[] = [];
  for (let index = storage.length - 1; index >= 0; index -= 1) {
    const key = storage.key(index);
    if (!key?.startsWith(prefix)) continue;
    if (Number(storage.getItem(key)) > now) claims.push(key);
    else storage.removeItem(key);
  }
  return claims.sort();
}

/**
 * "This lead is done", told to every tab at once. localStorage is only eventually
 * consistent between tabs: a tab can take a lead's lock right after another tab delivered
 * it and still see the stale copy. Web Locks are consistent, so the tab that settles a lead
 * also holds a "finished" lock for the rest of its life, which others can query.
 */
export function markFinished(name: string): void {
  void globalThis.navigator?.locks?.request(`lead-capture:finished:${name}`, () => new Promise<void>(() => {}));
}

export async function isFinished(name: string): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks?.query) return false;
  const { held = [], pending = [] } = await locks.query();
  return [...held, ...pending].some((lock) => lock.name === `lead-capture:finished:${name}`);
}
