/**
 * When to try a failed delivery again. Exponential backoff with jitter spreads the retries
 * of many widgets hitting one recovering endpoint; `Retry-After` from the server wins when
 * it is given, unless it asks for longer than a person should wait on a form (then the
 * lead is queued and sent later instead).
 */
export interface RetryPolicy {
  /** Retries after the first attempt: 3 means at most 4 attempts. */
  retries: number;
  /** Delay before the first retry, doubled for each next one (before jitter). */
  baseDelay: number;
  /** No computed backoff is longer than this. */
  maxDelay: number;
  /** A `Retry-After` longer than this is not waited for on the page: the lead is queued. */
  longestWait: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseDelay: 500, maxDelay: 8000, longestWait: 30_000 };

/**
 * "Equal jitter": half of the exponential delay is fixed, half random, so retries never
 * bunch up at zero yet still spread out. `retry` counts from 0 (the first retry).
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelay, policy.baseDelay * 2 ** retry);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date; undefined if unusable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; bare numbers like "-5" are not dates.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
