/** Tasks asked for and not yet run: forgotten once run, so a task and what it holds are not kept. */
const scheduled = new Set<() => unknown>();

/**
 * Runs a task when the browser is idle: work that must not delay the first paint or an
 * interaction (building the schema, reading the outbox). Asked for again before it ran, it
 * runs once. Within 2 s where the page is never idle; a macrotask where there is no
 * requestIdleCallback.
 */
export function whenIdle(task: () => unknown): void {
  if (scheduled.has(task)) return;
  scheduled.add(task);
  const run = () => {
    scheduled.delete(task);
    task();
  };
  if ('requestIdleCallback' in globalThis) requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run);
}

/**
 * Runs `slice` in idle time, one call per idle period, until it returns true: work too long
 * for one task (a long task delays whatever the prospect does meanwhile) done in parts.
 */
export function inIdleSlices(slice: () => boolean): void {
  whenIdle(() => {
    if (!slice()) inIdleSlices(slice);
  });
}
