import type { RepeatSignal } from './lead/build.js';
import { fieldLimits } from './lead/schema.js';
import { readItem, removeItem, writeItem, type StorageSource } from './storage.js';

/**
 * Which offers this browser has already converted on: the repeat signal of the next lead, for
 * the call-to-action dilution report. Only offer ids are kept (never a name, email or phone),
 * and nothing at all when the visitor sends Global Privacy Control or the site turns it off.
 */

const storageKey = 'lead-capture:v1:conversions';
/** As many as the lead's `repeat.offers` may hold. */
const longestHistory = 50;

export class ConversionHistory {
  constructor(private readonly storage?: StorageSource) {}

  /** What the lead reports: the conversions before this one. */
  signal(): RepeatSignal {
    const conversions = this.read();
    return { count: conversions.length, offers: [...new Set(conversions)] };
  }

  record(offerId: string): void {
    // A full or disabled storage only means the next lead reports fewer repeats.
    writeItem(storageKey, JSON.stringify([...this.read(), offerId].slice(-longestHistory)), this.storage);
  }

  /** Forgets the history: for a site's "forget me", and for tests. */
  clear(): void {
    removeItem(storageKey, this.storage);
  }

  /**
   * Any script on the origin can write this key: only entries the lead schema accepts are
   * kept (non-empty, within the length limit, the most recent 50), so a stray value can
   * shorten the signal but never make a lead invalid.
   */
  private read(): string[] {
    try {
      const parsed: unknown = JSON.parse(readItem(storageKey, this.storage) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      const usable = parsed.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0 && entry.length <= fieldLimits.offerText);
      return usable.slice(-longestHistory);
    } catch {
      return [];
    }
  }
}
