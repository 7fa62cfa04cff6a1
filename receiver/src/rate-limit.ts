/**
 * A fixed one-minute window per key (a client address), in memory. Enough for one process; a
 * deployment with several instances (serverless) gets one window per instance, which still
 * bounds a flood. Old windows are dropped as new ones open, so memory stays bounded.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one event for `key`; the seconds to wait when it is over the limit, else undefined. */
  hit(key: string, now: number): number | undefined {
    const retry = this.check(key, now);
    if (retry !== undefined) return retry;
    this.windows.get(key)!.count += 1;
    return undefined;
  }

  /** Whether `key` is over the limit now, without counting (the seconds to wait when it is). */
  check(key: string, now: number): number | undefined {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    return undefined;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    // Still full (a flood of distinct addresses): forget the oldest half rather than grow.
    if (this.windows.size >= this.maxKeys) {
      let drop = this.windows.size / 2;
      for (const key of this.windows.keys()) {
        if (drop-- <= 0) break;
        this.windows.delete(key);
      }
    }
  }
}
