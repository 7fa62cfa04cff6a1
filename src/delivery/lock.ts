/**
 * "Exactly one tab sends this lead": an exclusive, non-waiting Web Lock per lead, shared by
 * the tabs and workers of an origin. Where the API is missing or refuses (opaque origins,
 * such as sandboxed iframes, throw), the lead is sent anyway: there is then no queue shared
 * with another tab to race against, or at worst a second request with the same
 * `Idempotency-Key`, which the endpoint dedupes. A lead is never held back for want of a lock.
 */

/** Held: the task may run. Busy: another tab holds it. Unavailable: no Web Locks here, so nothing to race: run anyway. */
export type LockState = 'held' | 'busy' | 'unavailable';

/** An exclusive lock asked for now, without waiting for another holder. */
export interface LeadLock {
  readonly name: string;
  /** What the browser answered; settles once. */
  readonly state: Promise<LockState>;
  /** The answer once it came (undefined while asking): a task may run at once when it is `held`. */
  readonly settled?: LockState;
  /** Lets go (or, asked before the answer, gives up the request). */
  release(): void;
}

/**
 * Asks for the exclusive lock `name` and holds it until released. Asked ahead of need, it
 * spares the click its wait: the first Web Locks call of a page waits 8 to 25 ms for the
 * browser's lock manager, and each grant arrives in a task of its own (often after a frame).
 */
export function takeLock(name: string): LeadLock {
  let released = false;
  let letGo = () => {};
  let answer!: (state: LockState) => void;
  const lock: { -readonly [Key in keyof LeadLock]: LeadLock[Key] } = {
    name,
    state: new Promise<LockState>((resolve) => (answer = resolve)),
    release() {
      released = true;
      letGo();
    },
  };
  lock.state.then((state) => (lock.settled = state));
  try {
    const request = globalThis.navigator?.locks?.request(`lead-capture:${name}`, { ifAvailable: true }, (granted) => {
      // Given up before the answer: not held, whatever the browser would have said.
      if (!granted || released) return answer('busy');
      answer('held');
      return new Promise<void>((resolve) => (letGo = resolve));
    });
    if (!request) answer('unavailable');
    request?.catch(() => answer('unavailable'));
  } catch {
    // Refused (an opaque origin, such as a sandboxed iframe).
    answer('unavailable');
  }
  return lock;
}

/** Runs `task` under the lead's lock, or says another tab is at it. A lead is never held back for want of Web Locks. */
export async function whileLocked<T>(name: string, task: () => Promise<T>): Promise<T | 'busy'> {
  const lock = takeLock(name);
  if ((await lock.state) === 'busy') return 'busy';
  try {
    return await task();
  } finally {
    lock.release();
  }
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
