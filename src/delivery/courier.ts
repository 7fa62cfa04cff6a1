import type { Lead } from '../lead/schema.js';
import { deliverWithRetries } from './deliver.js';
import { claimLength, isFinished, lockBusy, markFinished, withExclusiveLock } from './lock.js';
import { LeadOutbox, type OutboxEntry } from './outbox.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.js';

/**
 * Gets every lead to its endpoint exactly once per tab and at least once overall:
 * a capture is written to the outbox before the first request, delivered under a per-lead
 * lock (so two tabs never send the same lead), and removed the moment the endpoint
 * confirms or finally refuses it. What could not be delivered waits in the outbox for the
 * next page load, the `online` event, or a beacon when the page goes away.
 */

export type Settlement =
  | { kind: 'delivered'; lead: Lead; status: number }
  /** Final: the endpoint refused this lead (4xx). Removed from the outbox. */
  | { kind: 'rejected'; lead: Lead; status: number; problem: string }
  /** Not delivered yet, but kept in the outbox for later. */
  | { kind: 'queued'; lead: Lead; reason: FailureReason; problem: string; status?: number }
  /** Not delivered and not kept: storage is unavailable. */
  | { kind: 'failed'; lead: Lead; reason: FailureReason; problem: string; status?: number };

export type FailureReason = 'network' | 'timeout' | 'server';

export interface CourierOptions {
  endpoint: string;
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
/** Longer than a storage claim lives without renewal. */
const busyRecheckDelay = claimLength + 1000;
/** Browsers refuse beacons over 64 KiB in flight; stay well under. */
const largestBeacon = 60_000;

export class LeadCourier extends EventTarget {
  private readonly inFlight = new Set<string>();
  private flushing?: Promise<void>;
  private flushAgain = false;
  private started = false;
  private readonly listeners = new Set<object>();

  constructor(readonly outbox = new LeadOutbox()) {
    super();
  }

  /** The first attached widget reports what happens to leads captured on earlier visits. */
  get reporter(): object | undefined {
    return this.listeners.values().next().value;
  }

  attach(widget: object): void {
    this.listeners.add(widget);
    this.start();
  }

  detach(widget: object): void {
    this.listeners.delete(widget);
  }

  /** A new capture: keep a copy, then deliver it with retries. */
  async capture(lead: Lead, options: CourierOptions): Promise<CaptureResult> {
    const result = await withExclusiveLock(lead.id, async () => {
      const kept = this.outbox.put(lead, options.endpoint);
      return { settlement: await this.deliver(lead, options, kept), kept };
    });
    if (result !== lockBusy) return result;
    // Another tab is sending this very lead (a resubmission racing its flush): keep it queued.
    const kept = this.outbox.put(lead, options.endpoint);
    const problem = 'Another tab is sending this lead';
    return { settlement: { kind: kept ? 'queued' : 'failed', lead, reason: 'network', problem }, kept };
  }

  /** Sends what is waiting in the outbox; concurrent calls coalesce into one more pass. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = this.flushPass().finally(() => {
      this.flushing = undefined;
      if (this.flushAgain) {
        this.flushAgain = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  /**
   * The page is going away: hand what is waiting to the browser as beacons. The copies stay
   * in the outbox (a beacon is never confirmed), so the next visit may send them again; the
   * endpoint dedupes on the lead id.
   */
  beaconPending(): void {
    // Offline, a beacon can only fail, or be sent late behind another tab's flush: leave the
    // queue to the next visit or the `online` event.
    if (typeof navigator.sendBeacon !== 'function' || navigator.onLine === false) return;
    for (const entry of this.outbox.stocktake().pending) {
      if (this.inFlight.has(entry.lead.id) || !canBeacon(entry)) continue;
      navigator.sendBeacon(entry.endpoint, new Blob([JSON.stringify(entry.lead)], { type: 'application/json' }));
    }
  }

  private start(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    window.addEventListener('online', () => void this.flush());
    window.addEventListener('pagehide', () => this.beaconPending());
    // Flush after the page has loaded: the visit the prospect came for goes first.
    if (document.readyState === 'complete') setTimeout(() => void this.flush());
    else window.addEventListener('load', () => void this.flush(), { once: true });
  }

  private async flushPass(): Promise<void> {
    const { pending, expired } = this.outbox.stocktake();
    if (expired.length > 0) this.dispatchEvent(new CustomEvent('expired', { detail: expired.map((entry) => entry.lead) }));
    const policy: RetryPolicy = { ...defaultRetryPolicy, retries: flushRetries };
    let busy = 0;
    for (const entry of pending) {
      if (this.inFlight.has(entry.lead.id)) continue;
      const settlement = await withExclusiveLock(entry.lead.id, async () => {
        // Another tab may have delivered it between our stocktake and the lock (and our copy
        // of localStorage may not show that yet).
        if (!this.outbox.has(entry.lead.id)) return undefined;
        if (await isFinished(entry.lead.id)) {
          this.outbox.remove(entry.lead.id);
          return undefined;
        }
        return this.deliver(entry.lead, { endpoint: entry.endpoint, timeout: flushTimeout, policy }, true);
      });
      if (settlement === lockBusy) busy += 1;
      if (settlement === lockBusy || settlement === undefined) continue;
      this.dispatchEvent(new CustomEvent('settled', { detail: settlement }));
      // Offline: the rest would fail the same way; the `online` event brings us back.
      if (settlement.kind === 'queued' && navigator.onLine === false) break;
    }
    // Someone else was sending: look again later. Delivered by then, the lead is gone; if
    // that tab died mid-send, its claim has expired and this tab takes over.
    if (busy > 0) setTimeout(() => void this.flush(), busyRecheckDelay);
  }

  private async deliver(lead: Lead, options: CourierOptions, kept: boolean): Promise<Settlement> {
    const result = await deliverWithRetries(lead, {
      endpoint: options.endpoint,
      timeout: options.timeout,
      policy: options.policy,
      onRequest: (inFlight) => (inFlight ? this.inFlight.add(lead.id) : this.inFlight.delete(lead.id)),
    });
    switch (result.kind) {
      case 'delivered':
        this.outbox.remove(lead.id);
        markFinished(lead.id);
        return { kind: 'delivered', lead, status: result.status };
      case 'rejected':
        // Final: sending it again would be refused again, and a stuck entry would retry forever.
        this.outbox.remove(lead.id);
        markFinished(lead.id);
        return { kind: 'rejected', lead, status: result.status, problem: result.problem };
      default:
        return {
          kind: kept ? 'queued' : 'failed',
          lead,
          reason: result.reason,
          problem: result.problem,
          ...(result.status ? { status: result.status } : {}),
        };
    }
  }
}

/** Beacons cannot carry headers and cross origins only as "simple" requests: same origin only. */
function canBeacon(entry: OutboxEntry): boolean {
  try {
    return new URL(entry.endpoint).origin === location.origin && JSON.stringify(entry.lead).length <= largestBeacon;
  } catch {
    return false;
  }
}

let shared: LeadCourier | undefined;

/** One courier per page, shared by every widget on it. */
export function sharedCourier(): LeadCourier {
  shared ??= new LeadCourier();
  return shared;
}
