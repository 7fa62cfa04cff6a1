import { browserStorage } from '../delivery/outbox.js';

/**
 * The call-to-action dilution signal: which offers this browser has already converted on.
 * Only offer ids are kept (never a name, email or phone), and nothing at all when the
 * visitor sends Global Privacy Control or the site turns it off.
 */

const storageKey = 'lead-capture:v1:conversions';
const longestHistory = 50;

export interface RepeatSignal {
  /** Earlier conversions in this browser, this one not included. */
  count: number;
  /** The distinct offers converted on before, oldest first. */
  offers: string[];
}

export class ConversionHistory {
  constructor(private readonly storage: () => Storage | undefined = browserStorage) {}

  /** What the lead reports: the conversions before this one. */
  signal(): RepeatSignal {
    const conversions = this.read();
    return { count: conversions.length, offers: [...new Set(conversions)] };
  }

  record(offerId: string): void {
    try {
      const conversions = [...this.read(), offerId].slice(-longestHistory);
      this.storage()?.setItem(storageKey, JSON.stringify(conversions));
    } catch {
      // A full or disabled storage only means the next lead reports fewer repeats.
    }
  }

  private read(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.storage()?.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string' && entry.length <= 200) : [];
    } catch {
      return [];
    }
  }
}

/** Global Privacy Control: the visitor asked sites not to sell or share their data. */
export function globalPrivacyControl(): boolean {
  return (globalThis.navigator as Navigator & { globalPrivacyControl?: boolean } | undefined)?.globalPrivacyControl === true;
}
