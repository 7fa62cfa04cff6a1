import { parseLead, type Lead } from '../lead/schema.js';

/**
 * Leads not yet confirmed by their endpoint, kept in localStorage so that a flaky network,
 * a busy endpoint or a closed tab loses nothing. One key per lead: two tabs never
 * read-modify-write the same entry. Keys are namespaced and versioned; entries expire.
 */

const keyPrefix = 'lead-capture:v1:lead:';
export const defaultTimeToLive = 7 * 24 * 60 * 60 * 1000;

export interface OutboxEntry {
  lead: Lead;
  endpoint: string;
  queuedAt: number;
  expiresAt: number;
}

export interface Stocktake {
  pending: OutboxEntry[];
  /** Dropped because they outlived the time to live. */
  expired: OutboxEntry[];
}

/** localStorage, or undefined where the browser refuses it (disabled storage throws on access). */
export function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export class LeadOutbox {
  constructor(
    private readonly storage: () => Storage | undefined = browserStorage,
    readonly timeToLive: number = defaultTimeToLive,
  ) {}

  /** Keeps a copy of the lead; false when storage is disabled or full (the lead is then not safe). */
  put(lead: Lead, endpoint: string, now: number = Date.now()): boolean {
    const entry: OutboxEntry = { lead, endpoint, queuedAt: now, expiresAt: now + this.timeToLive };
    try {
      const storage = this.storage();
      if (!storage) return false;
      storage.setItem(keyPrefix + lead.id, JSON.stringify(entry));
      return true;
    } catch {
      return false;
    }
  }

  has(id: string): boolean {
    return this.read(keyPrefix + id) !== undefined;
  }

  remove(id: string): void {
    try {
      this.storage()?.removeItem(keyPrefix + id);
    } catch {
      // Storage that cannot be written cannot hold the entry either.
    }
  }

  /** Every pending entry, oldest first; expired and unreadable ones are removed on the way. */
  stocktake(now: number = Date.now()): Stocktake {
    const pending: OutboxEntry[] = [];
    const expired: OutboxEntry[] = [];
    for (const key of this.keys()) {
      const entry = this.read(key);
      if (!entry) {
        this.removeKey(key);
      } else if (entry.expiresAt <= now) {
        this.removeKey(key);
        expired.push(entry);
      } else {
        pending.push(entry);
      }
    }
    pending.sort((first, second) => first.queuedAt - second.queuedAt);
    return { pending, expired };
  }

  private keys(): string[] {
    try {
      const storage = this.storage();
      if (!storage) return [];
      return Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter(
        (key): key is string => key?.startsWith(keyPrefix) === true,
      );
    } catch {
      return [];
    }
  }

  /**
   * Reads and re-validates an entry: storage is shared with every script on the origin,
   * so what comes back is checked like input, and only ever sent to an http(s) URL.
   */
  private read(key: string): OutboxEntry | undefined {
    try {
      const raw = this.storage()?.getItem(key);
      if (!raw) return undefined;
      const entry = JSON.parse(raw) as Partial<OutboxEntry>;
      const parsed = parseLead(entry.lead);
      if (!parsed.success || typeof entry.endpoint !== 'string' || !/^https?:\/\//.test(entry.endpoint)) return undefined;
      if (typeof entry.queuedAt !== 'number' || typeof entry.expiresAt !== 'number') return undefined;
      return { lead: parsed.lead, endpoint: entry.endpoint, queuedAt: entry.queuedAt, expiresAt: entry.expiresAt };
    } catch {
      return undefined;
    }
  }

  private removeKey(key: string): void {
    try {
      this.storage()?.removeItem(key);
    } catch {
      // Nothing more to do: the entry is unreadable to us anyway.
    }
  }
}
