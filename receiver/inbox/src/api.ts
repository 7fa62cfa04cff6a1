/**
 * The receiver's API as the inbox uses it (docs/receiver.md). Same origin, the session cookie
 * rides along; every failure becomes an ApiError carrying the problem's readable `detail`.
 */

// The API's own types, from the receiver's rules and the lead's schema (type-only: nothing of them
// is bundled), so the inbox cannot drift from what the receiver answers.
import type { Temperature } from 'lead-capture/schema';
export type { ContactPreference as Preference, Lead, Temperature } from 'lead-capture/schema';
export type { FollowUp, StoredLead } from '../../src/rules/follow-ups.js';
export type { LaterItem, QueueItem } from '../../src/rules/queue.js';
export type { OfferReport } from '../../src/rules/report.js';

export const temperatures: readonly Temperature[] = ['cold', 'cool', 'warm', 'hot'];
export const outcomes = ['no-answer', 'talked', 'meeting', 'customer', 'not-a-fit', 'unsubscribed'] as const;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  // Any answer without a session (expired, logged out elsewhere) sends the inbox back to its login.
  if (response.status === 401 && path !== '/api/session') dispatchEvent(new Event('inbox-session-ended'));
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new ApiError(response.status, problem.detail ?? problem.title ?? `The receiver answered ${response.status}.`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The offer's key as the list's `offer` filter takes it: its id, or its kind when it has none. */
export const offerKey = (offer: { kind: string; id?: string | null }) => offer.id ?? offer.kind;
export const offerName = (offer: { kind: string; id?: string | null; title?: string | null }) => offer.title ?? offer.id ?? offer.kind;
