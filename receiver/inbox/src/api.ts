/**
 * The receiver's API as the inbox uses it (docs/receiver.md). Same origin, the session cookie
 * rides along; every failure becomes an ApiError carrying the problem's readable `detail`.
 */

export type Temperature = 'cold' | 'cool' | 'warm' | 'hot';
export type Preference = 'none' | 'email' | 'call';

export interface Lead {
  id: string;
  temperature: Temperature;
  priority: boolean;
  nextSteps: string[];
  offer: { kind: string; id?: string; title?: string };
  contact: { preference: Preference; name?: string; email?: string; phone?: string; callWindow?: string };
  indicators: { value: string; label?: string }[];
  consent: { text: string; language: string; givenAt: string; textSha256?: string; version?: string; receiptId: string };
  contactPolicy: { timeZone?: string; maxCallAttempts?: number };
  repeat?: { count: number };
  test?: boolean;
}

export interface FollowUp {
  id: string;
  channel: 'call' | 'email';
  outcome: string;
  note?: string;
  at: string;
}

export interface StoredLead {
  id: string;
  receivedAt: string;
  lead: Lead;
  followUps: FollowUp[];
}

export interface QueueItem {
  id: string;
  lead: Lead;
  action: 'call' | 'email';
  reason: string;
  temperature: Temperature;
  priority: boolean;
  attempt?: number;
  maxAttempts?: number;
  localTime?: string;
  window?: string;
  repeatCount: number;
  receivedAt: string;
  opensAt?: string;
}

export type TemperatureCounts = Record<Temperature, number>;

export interface OfferReport {
  kind: string;
  id: string | null;
  title: string | null;
  leads: number;
  people: number;
  firstTimeShare: number;
  repeatShare: number;
  temperatures: TemperatureCounts;
  preferences: Record<Preference, number>;
  callShare: number;
  outcomesByTemperature: Record<Temperature, { leads: number; meetingOrCustomer: number; share: number }>;
  weekly: { week: string; leads: number; firstTime: number; repeat: number; temperatures: TemperatureCounts }[];
}

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
