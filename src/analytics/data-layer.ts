import { withoutEmpty } from '../lead/build.js';
import type { Lead } from '../lead/schema.js';

/**
 * Outcomes as a tag manager reads them: GTM's convention of objects pushed to an array on
 * `window` (`dataLayer` by default), with an `event` name triggers can match. What is
 * pushed describes the lead, never the person: no name, email, phone, lead id or page URL.
 */
export interface DataLayerEntry {
  event: 'lead_capture_sent' | 'lead_capture_queued' | 'lead_capture_spam' | 'lead_capture_error';
  temperature?: Lead['temperature'];
  priority?: Lead['priority'];
  preference?: Lead['contact']['preference'];
  offer_kind?: Lead['offer']['kind'];
  offer_id?: string;
  /** The values of the ticked indicators (the site's own codes). */
  indicators?: string[];
  /** `lead_capture_sent`: false when the answer could not be read (sent, unconfirmed). */
  confirmed?: boolean;
  /** `lead_capture_error`: `lead-error`'s `detail.error.code`. */
  error_code?: string;
  /** `lead_capture_spam`: `honeypot` or `too-fast`. */
  spam_reason?: string;
}

/** `lead-sent` → `lead_capture_sent`, with what the lead says of itself, personal data left out. */
export function dataLayerEntry(type: string, detail: { lead?: Lead; confirmed?: boolean; error?: { code: string }; reason?: string }): DataLayerEntry {
  const { lead } = detail;
  const entry: Record<string, unknown> = { event: `lead_capture_${type.slice(5)}` };
  if (lead) {
    Object.assign(entry, {
      temperature: lead.temperature,
      priority: lead.priority,
      preference: lead.contact.preference,
      offer_kind: lead.offer.kind,
      offer_id: lead.offer.id,
      indicators: lead.indicators.map((indicator) => indicator.value),
    });
  }
  if (detail.confirmed !== undefined) entry.confirmed = detail.confirmed;
  if (detail.error) entry.error_code = detail.error.code;
  if (detail.reason) entry.spam_reason = detail.reason;
  return withoutEmpty(entry) as unknown as DataLayerEntry;
}

/**
 * Pushes to `window[name]`, creating the array as GTM's snippet does where the name is free.
 * Anything else is left alone and false returned: a property that is `null` (`onclick`,
 * `opener`), an object that is not an array, an array whose `push` throws.
 */
export function pushToDataLayer(name: string, entry: DataLayerEntry, scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): boolean {
  try {
    if (scope[name] === undefined) scope[name] = [];
    const layer = scope[name];
    if (!Array.isArray(layer)) return false;
    layer.push(entry);
    return true;
  } catch {
    return false;
  }
}
