import type { Lead } from '../lead/schema.js';
import { report } from '../diagnostics.js';
import { whenIdle } from '../idle.js';
import * as messages from '../messages.js';
import { deliverWithRetries } from './deliver.js';
import type { DeliveryTarget, FailureReason, FieldProblems } from './destinations/types.js';
import { isFinished, markFinished, whileLocked, type LeadLock } from './lock.js';
import { LeadOutbox, type OutboxEntry } from './outbox.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { destinations } from './destinations/index.js';
import { sendLead, type SendOutcome } from './send.js';

/**
 * Gets every lead to its endpoint exactly once per tab and at least once overall:
 * a capture is written to the outbox before the first request, delivered under a per-lead
 * lock (so two tabs never send the same lead), and removed the moment the endpoint
 * confirms or finally refuses it. What could not be delivered waits in the outbox for the
 * next page load, the `online` event, or the page being hidden or closed.
 *
 * Events (routed to the widgets on the page, or to `window`, by `controllers/capture.ts`): `settled` (a `Settlement` for a lead sent from the
 * outbox), `expired` (`Lead[]` dropped after their time to live and a last failed attempt),
 * `unreadable` (the number of entries that no longer parsed and were removed).
 */

export type Settlement =
  /** `confirmed: false`: sent, but the endpoint's answer could not be read (no CORS headers, or no-cors). */
  | { kind: 'delivered'; lead: Lead; status: number; confirmed: boolean }
  /** Final: the endpoint refused this lead (4xx). Removed from the outbox. */
  | { kind: 'rejected'; lead: Lead; status: number; problem: string; fields?: FieldProblems }
  /** Not delivered yet, but kept in the outbox for later. */
  | { kind: 'queued'; lead: Lead; reason: FailureReason; problem: string; status?: number }
  /** Not delivered and not kept: storage is unavailable. */
  | { kind: 'failed'; lead: Lead; reason: FailureReason; problem: string; status?: number };

export type { FailureReason } from './destinations/types.js';

export interface CourierOptions {
  target: DeliveryTarget;
  timeout: number;
  policy: RetryPolicy;
}

export interface CaptureResult {
  settlement: Settlement;
  /** False when storage refused the copy: the lead had no safety net. */
  kept: boolean;
}

/** Flushing retries less: it runs in the background of another visit. */
const flushRetries = 1;
const flushTimeout = 10_000;
/** When another tab holds a lead's lock, look again after this long. */
const busyRecheckDelay = 5000;
/** Browsers refuse keepalive bodies over 64 KiB (bytes) in flight, all requests together; stay under. */
const exitBudget = 60_000;

export class LeadCourier extends EventTarget {
  private readonly inFlight = new Set<string>();
  private flushing?: Promise<void>;
  private flushAgain = false;
  private started = false;

  constructor(readonly outbox = new LeadOutbox()) {
    super();
  }

  /**
   * A new capture: keep a copy, then deliver it with retries. With the lead's lock already
   * `reserved` (held under its id), the request leaves without waiting for the lock manager.
   */
  async capture(lead: Lead, options: CourierOptions, reserved?: LeadLock): Promise<CaptureResult> {
    const keepAndDeliver = async () => {
      const kept = this.outbox.put(lead, options.target);
      return { settlement: await this.deliver(lead, options, kept), kept };
    };
    if (reserved?.settled === 'held' && reserved.name === lead.id) {
      try {
        return await keepAndDeliver();
      } finally {
        reserved.release();
      }
    }
    reserved?.release();
    const result = await whileLocked(lead.id, keepAndDeliver);
    if (result !== 'busy') return result;
    // Another tab is sending this very lead (a resubmission racing its flush): keep it queued.
    const kept = this.outbox.put(lead, options.target);
    const problem = 'Another tab is sending this lead';
    return { settlement: { kind: kept ? 'queued' : 'failed', lead, reason: 'network', problem }, kept };
  }

  /** Sends what is waiting in the outbox; concurrent calls coalesce into one more pass. Never rejects. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = this.flushPass()
      .catch((error: unknown) => report(undefined, 'queue', messages.flushFailed(error)))
      .finally(() => {
        this.flushing = undefined;
        if (this.flushAgain) {
          this.flushAgain = false;
          void this.flush();
        }
      });
    return this.flushing;
  }

  /**
   * The page is being hidden or closed (a hidden page on a phone is often killed without
   * `pagehide`): hand what is waiting to the browser as keepalive requests, the same request
   * as any attempt (no cookies, no redirect, `Idempotency-Key`). The copies stay in the
   * outbox until an answer is read; if the page is gone before that, the next visit sends
   * them again and the endpoint dedupes on the key. Leads for a destination that cannot
   * dedupe (a catch hook, a form backend, a CRM form) wait for the next visit or `online`
   * instead: sent once, later, rather than stored twice.
   */
  sendAtExit(): void {
    // Offline, a request can only fail, or be sent late behind another tab's flush.
    if (navigator.onLine === false) return;
    let budget = exitBudget;
    for (const entry of this.outbox.waiting()) {
      if (this.inFlight.has(entry.lead.id) || !destinations[entry.target.destination].dedupes) continue;
      // Bytes, as the browser counts them: a character of CJK text is three.
      const bytes = new Blob([JSON.stringify(entry.lead)]).size;
      if (bytes > budget) continue;
      budget -= bytes;
      this.inFlight.add(entry.lead.id);
      void sendLead(entry.lead, { target: entry.target, timeout: flushTimeout, keepalive: true }).then((outcome) => {
        this.inFlight.delete(entry.lead.id);
        const settlement = this.settle(entry.lead, outcome, true);
        if (settlement.kind !== 'queued') this.dispatchEvent(new CustomEvent('settled', { detail: settlement }));
      });
    }
  }

  /** Starts once per page, when the first widget connects: sends what waits, after the page has loaded. */
  start(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    window.addEventListener('online', () => void this.flush());
    window.addEventListener('pagehide', () => this.sendAtExit());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.sendAtExit();
    });
    // Flush once the page has loaded and the browser is idle: the visit the prospect came for
    // goes first, and reading storage stays off the way to the first paint.
    const flushWhenIdle = () => whenIdle(() => void this.flush());
    if (document.readyState === 'complete') flushWhenIdle();
    else window.addEventListener('load', flushWhenIdle, { once: true });
  }

  private async flushPass(): Promise<void> {
    const { pending, overdue, unreadable } = this.outbox.stocktake();
    if (unreadable > 0) this.dispatchEvent(new CustomEvent('unreadable', { detail: unreadable }));
    const policy: RetryPolicy = { ...defaultRetryPolicy, retries: flushRetries };
    const lastChance: RetryPolicy = { ...defaultRetryPolicy, retries: 0 };
    const expired: Lead[] = [];
    let busy = 0;
    for (const entry of [...pending, ...overdue]) {
      // Offline: every attempt would fail the same way (and an overdue lead would be dropped
      // untried); the `online` event brings us back.
      if (navigator.onLine === false) break;
      const isOverdue = overdue.includes(entry);
      const settlement = await this.sendQueued(entry, isOverdue ? lastChance : policy);
      if (settlement === 'busy') busy += 1;
      if (settlement === 'busy' || settlement === undefined) continue;
      if (isOverdue && settlement.kind === 'queued') {
        this.outbox.remove(entry.lead.id);
        expired.push(entry.lead);
        continue;
      }
      this.dispatchEvent(new CustomEvent('settled', { detail: settlement }));
    }
    if (expired.length > 0) this.dispatchEvent(new CustomEvent('expired', { detail: expired }));
    // Someone else was sending: look again later. Delivered by then, the lead is gone; if
    // that tab died mid-send, its lock went with it and this tab takes over.
    if (busy > 0) setTimeout(() => void this.flush(), busyRecheckDelay);
  }

  private async sendQueued(entry: OutboxEntry, policy: RetryPolicy): Promise<Settlement | undefined | 'busy'> {
    if (this.inFlight.has(entry.lead.id)) return undefined;
    return whileLocked(entry.lead.id, async () => {
      // Another tab may have delivered it between our stocktake and the lock (and our copy
      // of localStorage may not show that yet).
      if (!this.outbox.has(entry.lead.id)) return undefined;
      if (await isFinished(entry.lead.id)) {
        this.outbox.remove(entry.lead.id);
        return undefined;
      }
      return this.deliver(entry.lead, { target: entry.target, timeout: flushTimeout, policy }, true);
    });
  }

  private async deliver(lead: Lead, options: CourierOptions, kept: boolean): Promise<Settlement> {
    const result = await deliverWithRetries(lead, {
      target: options.target,
      timeout: options.timeout,
      policy: options.policy,
      onRequest: (inFlight) => (inFlight ? this.inFlight.add(lead.id) : this.inFlight.delete(lead.id)),
    });
    return this.settle(lead, result, kept);
  }

  /** What an outcome means for the lead and its outbox copy. */
  private settle(lead: Lead, outcome: SendOutcome, kept: boolean): Settlement {
    switch (outcome.kind) {
      case 'delivered':
        this.outbox.remove(lead.id);
        markFinished(lead.id);
        return { kind: 'delivered', lead, status: outcome.status, confirmed: outcome.confirmed };
      case 'rejected':
        // Final: sending it again would be refused again, and a stuck entry would retry forever.
        this.outbox.remove(lead.id);
        markFinished(lead.id);
        return { kind: 'rejected', lead, status: outcome.status, problem: outcome.problem, ...(outcome.fields ? { fields: outcome.fields } : {}) };
      default:
        return {
          kind: kept ? 'queued' : 'failed',
          lead,
          reason: outcome.reason,
          problem: outcome.problem,
          ...(outcome.status ? { status: outcome.status } : {}),
        };
    }
  }
}

let shared: LeadCourier | undefined;

/** One courier per page, shared by every widget on it. */
export function sharedCourier(): LeadCourier {
  shared ??= new LeadCourier();
  return shared;
}
