/**
 * "Exactly one tab sends this lead": an exclusive, non-waiting Web Lock per lead, shared by
 * the tabs and workers of an origin. Where the API is missing or refuses (opaque origins,
 * such as sandboxed iframes, throw), the lead is sent anyway: there is then no queue shared
 * with another tab to race against, or at worst a second request with the same
 * `Idempotency-Key`, which the endpoint dedupes. A lead is never held back for want of a lock.
 */

export const lockBusy = Symbol('lock busy');

export async function withExclusiveLock<T>(name: string, task: () => Promise<T>): Promise<T | typeof lockBusy> {
  const locks = globalThis.navigator?.locks;
  if (typeof locks?.request !== 'function') return task();
  let started = false;
  try {
    return await locks.request(`lead-capture:${name}`, { ifAvailable: true }, async (lock) => {
      if (!lock) return lockBusy;
      started = true;
      return task();
    });
  } catch (error) {
    // The task's own failure is the caller's; only a refused lock falls back to no lock.
    if (started) throw error;
    return task();
  }
}

/** A lock asked for ahead of need, held from when the browser grants it until released. */
export interface ReservedLock {
  readonly name: string;
  /** Granted and not yet released: a task under this name may run without asking again. */
  readonly held: boolean;
  /** Settles once the browser has answered: true when granted, false when refused or released first. */
  readonly granted: Promise<boolean>;
  release(): void;
}

/**
 * Takes the exclusive lock `name` now, for a task that comes later: the first Web Locks call
 * of a page waits 8 to 25 ms for the browser's lock manager, and each grant arrives in a
 * task of its own (often after a frame), so a lock asked for at the click delays the request.
 * Where Web Locks are missing or refuse, it is never held and the task asks as usual.
 */
export function reserveLock(name: string): ReservedLock {
  let held = false;
  let released = false;
  let letGo = () => {};
  let answer: (granted: boolean) => void = () => {};
  const granted = new Promise<boolean>((resolve) => (answer = resolve));
  const reservation: ReservedLock = {
    name,
    granted,
    get held() {
      return held;
    },
    release() {
      released = true;
      held = false;
      letGo();
    },
  };
  try {
    const request = globalThis.navigator?.locks?.request(`lead-capture:${name}`, { ifAvailable: true }, (lock) => {
      if (!lock || released) return answer(false);
      held = true;
      answer(true);
      return new Promise<void>((resolve) => (letGo = resolve));
    });
    if (!request) answer(false);
    request?.catch(() => answer(false));
  } catch {
    // Refused (an opaque origin): never held.
    answer(false);
  }
  return reservation;
}

/**
 * "This lead is done", told to every tab at once. localStorage is only eventually
 * consistent between tabs: a tab can take a lead's lock right after another tab delivered
 * it and still see the stale copy. Web Locks are consistent, so the tab that settles a lead
 * also holds a "finished" lock for the rest of its life, which others can query. Safe
 * because a lead id is never reused for another body: a changed lead gets a new id.
 */
export function markFinished(name: string): void {
  try {
    globalThis.navigator?.locks?.request(`lead-capture:finished:${name}`, () => new Promise<void>(() => {})).catch(() => {});
  } catch {
    // Without Web Locks, the outbox copy being gone is the only signal, as before.
  }
}

export async function isFinished(name: string): Promise<boolean> {
  try {
    const locks = globalThis.navigator?.locks;
    if (typeof locks?.query !== 'function') return false;
    const { held = [], pending = [] } = await locks.query();
    return [...held, ...pending].some((lock) => lock.name === `lead-capture:finished:${name}`);
  } catch {
    return false;
  }
}
