import type { Lead } from '../lead/schema.js';
import { hiddenRetryAfter, type DeliveryTarget } from './destinations/types.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
import { answeredWithoutCors, sendLead, type SendOutcome } from './send.js';

export interface DeliveryOptions {
  target: DeliveryTarget;
  /** Milliseconds per attempt. */
  timeout: number;
  policy: RetryPolicy;
  /** Injectable for tests of the policy; real delays otherwise. */
  sleep?: (milliseconds: number) => Promise<void>;
  random?: () => number;
  /** Around each request (not the waits between): the courier marks the lead in flight. */
  onRequest?: (inFlight: boolean) => void;
  /** With no network there is nothing to gain from waiting on the page: queue at once. */
  isOnline?: () => boolean;
}

export type DeliveryResult = SendOutcome & { attempts: number };

const realSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Tries to deliver one lead, retrying network errors, timeouts, 408, 429 and 5xx with
 * backoff. Every attempt sends the same body and the same `Idempotency-Key` (the lead id),
 * so an endpoint that dedupes never stores it twice. Final outcomes return at once.
 */
export async function deliverWithRetries(lead: Lead, options: DeliveryOptions): Promise<DeliveryResult> {
  const { policy } = options;
  const sleep = options.sleep ?? realSleep;
  const isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine !== false);
  // One question to the server per lead, whatever the number of failed attempts.
  let answer: Promise<boolean> | undefined;
  const askServer = (url: string) => (answer ??= answeredWithoutCors(url));
  for (let attempt = 1; ; attempt += 1) {
    options.onRequest?.(true);
    const outcome = await sendLead(lead, { target: options.target, timeout: options.timeout, askServer });
    options.onRequest?.(false);
    if (outcome.kind !== 'failed' || attempt > policy.retries || !isOnline()) return { ...outcome, attempts: attempt };
    // A rate limit whose Retry-After the page may not read asks for longer than a page can wait.
    const wait = outcome.retryAfter === hiddenRetryAfter ? Infinity : (parseRetryAfter(outcome.retryAfter) ?? backoffDelay(attempt - 1, policy, options.random));
    if (wait > policy.longestWait) return { ...outcome, attempts: attempt };
    await sleep(wait);
  }
}
