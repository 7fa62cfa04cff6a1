import { parseLead, type Lead } from '../lead/schema.js';
import { isDestinationName } from './destinations/names.js';
import type { DeliveryTarget } from './destinations/types.js';
import { browserStorage, keysWith, readItem, removeItem, writeItem, type StorageSource } from '../storage.js';

/**
 * Leads not yet confirmed by their endpoint, kept in localStorage so that a flaky network,
 * a busy endpoint or a closed tab loses nothing. One key per lead: two tabs never
 * read-modify-write the same entry. Keys are namespaced and versioned; entries expire.
 */

const keyPrefix = 'lead-capture:v1:lead:';
export const defaultTimeToLive = 7 * 24 * 60 * 60 * 1000;

export interface OutboxEntry {
  lead: Lead;
  /** Where and how: a queued lead is sent later exactly as it would have been now. */
  target: DeliveryTarget;
  /** When the entry was written, by this device's clock (see `stocktake` for a wrong clock). */
  queuedAt: number;
}

export interface Stocktake {
  /** Within their time to live, oldest first. */
  pending: OutboxEntry[];
  /**
   * Older than the time to live by this device's clock. They are not dropped here: a clock
   * that was slow when the lead was queued makes a fresh lead look old, so each gets one
   * last attempt, and only one that then fails is dropped (by the courier's flush).
   */
  overdue: OutboxEntry[];
  /** Entries that no longer parse (edited by another script, or an older format): removed. */
  unreadable: number;
}

export class LeadOutbox {
  constructor(
    private readonly storage: StorageSource = browserStorage,
    readonly timeToLive: number = defaultTimeToLive,
  ) {}

  /** Keeps a copy of the lead; false when storage is disabled or full (the lead is then not safe). */
  put(lead: Lead, target: DeliveryTarget, now: number = Date.now()): boolean {
    const entry: OutboxEntry = { lead, target, queuedAt: now };
    return writeItem(keyPrefix + lead.id, JSON.stringify(entry), this.storage);
  }

  has(id: string): boolean {
    return readItem(keyPrefix + id, this.storage) !== undefined;
  }

  remove(id: string): void {
    removeItem(keyPrefix + id, this.storage);
  }

  /** Forgets every waiting lead: for a site's "forget me", and for tests. */
  clear(): void {
    for (const key of keysWith(keyPrefix, this.storage)) removeItem(key, this.storage);
  }

  /**
   * Every entry, sorted into pending and overdue; unreadable ones are removed and counted.
   * The device clock may be wrong at either end: a queue time in the future (the clock was
   * fast then, or is slow now) is reset to now, so no entry outlives the time to live by
   * the amount of the error; one that looks too old is `overdue`, not dropped unseen.
   */
  stocktake(now: number = Date.now()): Stocktake {
    const pending: OutboxEntry[] = [];
    const overdue: OutboxEntry[] = [];
    let unreadable = 0;
    for (const [key, entry] of this.entries()) {
      if (!entry) {
        removeItem(key, this.storage);
        unreadable += 1;
        continue;
      }
      // Repaired, not ignored: an entry under another lead's key could never be removed.
      if (key !== keyPrefix + entry.lead.id) {
        if (!this.has(entry.lead.id)) this.put(entry.lead, entry.target, entry.queuedAt);
        removeItem(key, this.storage);
      }
      if (entry.queuedAt > now) {
        entry.queuedAt = now;
        this.put(entry.lead, entry.target, now);
      }
      (now - entry.queuedAt >= this.timeToLive ? overdue : pending).push(entry);
    }
    pending.sort((first, second) => first.queuedAt - second.queuedAt);
    return { pending, overdue, unreadable };
  }

  /**
   * What is waiting, as it is, changing nothing: for the page exit, which has no time to
   * tidy up or to report what it would remove (the next visit's stocktake does both).
   */
  waiting(): OutboxEntry[] {
    return this.entries().flatMap(([, entry]) => (entry ? [entry] : []));
  }

  private entries(): [string, OutboxEntry | undefined][] {
    return keysWith(keyPrefix, this.storage).map((key) => [key, this.read(key)]);
  }

  /**
   * Reads and re-validates an entry: storage is shared with every script on the origin,
   * so what comes back is checked like input, and only ever sent to an http(s) URL.
   */
  private read(key: string): OutboxEntry | undefined {
    try {
      const entry = JSON.parse(readItem(key, this.storage) ?? 'null') as Partial<OutboxEntry> | null;
      const parsed = parseLead(entry?.lead);
      const target = targetFrom(entry?.target);
      if (!entry || !parsed.success || !target) return undefined;
      if (typeof entry.queuedAt !== 'number' || !Number.isFinite(entry.queuedAt)) return undefined;
      return { lead: parsed.lead, target, queuedAt: entry.queuedAt };
    } catch {
      return undefined;
    }
  }
}

/** A stored target, checked like input: an http(s) endpoint, a known destination, text fields only. */
function targetFrom(value: unknown): DeliveryTarget | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { endpoint, destination, fieldNames, hiddenFields, subscriptionTypeId } = value as Record<string, unknown>;
  if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) return undefined;
  if (typeof destination !== 'string' || !isDestinationName(destination)) return undefined;
  const target: DeliveryTarget = { endpoint, destination };
  if (fieldNames !== undefined) target.fieldNames = textRecord(fieldNames);
  if (hiddenFields !== undefined) target.hiddenFields = textRecord(hiddenFields);
  if (typeof subscriptionTypeId === 'number') target.subscriptionTypeId = subscriptionTypeId;
  return target;
}

/** Only text values: what a destination puts into a request. */
export function textRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}
