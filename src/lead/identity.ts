import type { Lead } from './schema.js';

/**
 * A random UUID v4 for a lead id. `crypto.randomUUID` only exists in secure contexts, and
 * landing pages are still served over plain http, so fall back to `getRandomValues`, which
 * exists everywhere.
 */
export function createLeadId(source: Crypto = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') {
    return source.randomUUID();
  }
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hexOf(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Bytes as lowercase hex, two digits each. */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What makes a lead the same lead again: everything but its id and the moment it was built. */
function content(lead: Lead): string {
  const { id: _id, capturedAt: _capturedAt, consent, ...rest } = lead;
  const { receiptId: _receiptId, givenAt: _givenAt, ...receipt } = consent;
  return JSON.stringify({ ...rest, consent: receipt });
}

/**
 * One id, one body: a receiver that dedupes on the id keeps the first body it saw, so an id
 * may be sent again only with exactly the same lead. A resubmission whose content differs
 * in anything (a corrected email, another choice) is a new lead with a new id.
 */
export function sameLeadContent(first: Lead, second: Lead): boolean {
  return content(first) === content(second);
}

/**
 * Freezes a lead through and through. The widget hands the validated lead to event
 * listeners and then sends and stores that same object: a listener must not be able to
 * change what was validated.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
