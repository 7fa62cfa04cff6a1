import type { Lead } from 'lead-capture/schema';
import { callsMade, endingOutcomes, type FollowUp, type StoredLead } from './follow-ups.js';
import { instantOf, knownTimeZone, localIso, zonedParts } from './zoned-time.js';

/**
 * Who to contact now, and how: the temperature table turned into a to-do list that keeps the
 * prospect's promises (only the channel they chose, only in their call window, never past the
 * calls they allowed). Pure: leads, their follow-ups and the time in; the lists out.
 */

/** Hours of a call window in the prospect's time zone: from `start` (inclusive) to `end` (exclusive). */
export interface WindowHours {
  start: number;
  end: number;
  /** Days it applies, 0 = Sunday … 6 = Saturday; every day when absent. */
  days?: readonly number[];
}

/** The named windows a prospect can choose, and `default` for a call lead that chose none. */
export interface CallWindows {
  morning: WindowHours;
  afternoon: WindowHours;
  evening: WindowHours;
  default: WindowHours;
}

export const defaultCallWindows: CallWindows = {
  morning: { start: 9, end: 12 },
  afternoon: { start: 12, end: 17 },
  evening: { start: 17, end: 20 },
  default: { start: 9, end: 17, days: [1, 2, 3, 4, 5] },
};

export type QueueAction = 'call' | 'email';

export interface QueueItem {
  id: string;
  lead: Lead;
  action: QueueAction;
  /** Why this lead and this action, in plain words from the temperature table. */
  reason: string;
  temperature: Lead['temperature'];
  priority: boolean;
  /** For a call: the number of the next call, and the most the prospect allowed. */
  attempt?: number;
  maxAttempts?: number;
  /** For a call: the prospect's local time now (ISO with offset), and their window's name. */
  localTime?: string;
  window?: keyof CallWindows;
  /** Earlier conversions: the larger of the lead's own repeat signal and this receiver's history by email. */
  repeatCount: number;
  receivedAt: string;
}

export interface LaterItem extends QueueItem {
  /** When the prospect's call window next opens (ISO, UTC). */
  opensAt: string;
}

export interface QueueLead extends StoredLead {
  /** How many earlier leads this receiver stored with the same email (0 without email). */
  earlierLeads?: number;
}

/** Queue tiers, first served first: hot, then warm with priority, then warm, then cool. */
export function tierOf(lead: Lead): number | undefined {
  switch (lead.temperature) {
    case 'hot':
      return 0;
    case 'warm':
      return lead.priority ? 1 : 2;
    case 'cool':
      return 3;
    default:
      return undefined;
  }
}

/** The channel to use: a call when the policy allows phone, else email when it allows email. */
export function actionFor(lead: Lead): QueueAction | undefined {
  if (lead.contactPolicy.doNotContact) return undefined;
  if (lead.contactPolicy.channels.phone) return 'call';
  if (lead.contactPolicy.channels.email) return 'email';
  return undefined;
}

/**
 * Whether the lead still waits for a contact: not cold, not a test, contact allowed, not ended by
 * a follow-up (talked, meeting, customer, not a fit, unsubscribed), an email lead not yet
 * emailed, a call lead not past its calls. Returns the action when it does.
 */
export function pendingAction(lead: Lead, followUps: readonly FollowUp[]): QueueAction | undefined {
  if (lead.test || tierOf(lead) === undefined) return undefined;
  const action = actionFor(lead);
  if (!action) return undefined;
  if (followUps.some((followUp) => endingOutcomes.includes(followUp.outcome))) return undefined;
  if (action === 'email' && followUps.some((followUp) => followUp.channel === 'email')) return undefined;
  if (action === 'call') {
    const max = lead.contactPolicy.maxCallAttempts;
    if (max !== undefined && callsMade(followUps) >= max) return undefined;
  }
  return action;
}

const problems = (count: number) => `named ${count} problem${count === 1 ? '' : 's'}`;

/** The reason line: the temperature, what the prospect did, and the next step the table gives. */
export function reasonFor(lead: Lead, action: QueueAction): string {
  const named = lead.indicators.length;
  const label = `${lead.temperature}${lead.priority ? ', priority' : ''}`;
  const individual = action === 'call' ? 'individual call' : 'individual email';
  switch (lead.temperature) {
    case 'hot': {
      const registered = lead.offer.kind === 'trial' ? 'started a trial' : lead.offer.kind === 'event' ? 'registered for the event' : `asked for the ${lead.offer.kind}`;
      return `${label}: ${registered}${named ? ` and ${problems(named)}` : ''}: complete the registration communications, then an ${individual}`;
    }
    case 'warm':
      return `${label}: asked for a ${action === 'call' ? 'call' : 'follow-up'}${named ? ` and ${problems(named)}` : ''}: ${individual}`;
    default:
      return `${label}: asked for ${action === 'call' ? 'a call' : 'email'}${named ? ` and ${problems(named)}` : ''}: one systematized or ${individual}`;
  }
}

function windowOf(lead: Lead): keyof CallWindows {
  return lead.contactPolicy.callWindow ?? lead.contact.callWindow ?? 'default';
}

function isInside(hours: WindowHours, weekday: number, hour: number): boolean {
  return (!hours.days || hours.days.includes(weekday)) && hour >= hours.start && hour < hours.end;
}

/** When the window next opens after `now`, in the zone (searches the next eight days). */
export function nextOpening(now: Date, timeZone: string, hours: WindowHours): Date | undefined {
  const today = zonedParts(now, timeZone);
  for (let ahead = 0; ahead <= 8; ahead += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    if (hours.days && !hours.days.includes(date.getUTCDay())) continue;
    const opening = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hours.start, timeZone);
    if (opening.getTime() > now.getTime()) return opening;
  }
  return undefined;
}

/** Sorts by tier, then oldest received first (then id, so the order is total). */
export function compareForQueue(a: QueueLead, b: QueueLead): number {
  return (tierOf(a.lead) ?? 9) - (tierOf(b.lead) ?? 9) || a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id);
}

/** The item for one lead, in `queue` (now) or `later` (its window is closed); undefined when it is not to be contacted. */
export function queueEntry(entry: QueueLead, now: Date, windows: CallWindows = defaultCallWindows): { list: 'queue'; item: QueueItem } | { list: 'later'; item: LaterItem } | undefined {
  const { lead, followUps } = entry;
  const action = pendingAction(lead, followUps);
  if (!action) return undefined;
  const item: QueueItem = {
    id: entry.id,
    lead,
    action,
    reason: reasonFor(lead, action),
    temperature: lead.temperature,
    priority: lead.priority,
    repeatCount: Math.max(lead.repeat?.count ?? 0, entry.earlierLeads ?? 0),
    receivedAt: entry.receivedAt,
  };
  if (action === 'email') return { list: 'queue', item };
  const timeZone = knownTimeZone(lead.contactPolicy.timeZone);
  const window = windowOf(lead);
  const hours = windows[window];
  const local = zonedParts(now, timeZone);
  Object.assign(item, {
    attempt: callsMade(followUps) + 1,
    ...(lead.contactPolicy.maxCallAttempts !== undefined ? { maxAttempts: lead.contactPolicy.maxCallAttempts } : {}),
    localTime: localIso(now, timeZone),
    window,
  });
  if (isInside(hours, local.weekday, local.hour)) return { list: 'queue', item };
  const opensAt = nextOpening(now, timeZone, hours);
  return { list: 'later', item: { ...item, opensAt: opensAt?.toISOString() ?? '' } };
}

/** The whole queue: `queue` (contact now, in order) and `later` (call windows closed, same order). */
export function buildQueue(leads: readonly QueueLead[], now: Date, windows: CallWindows = defaultCallWindows): { queue: QueueItem[]; later: LaterItem[] } {
  const queue: QueueItem[] = [];
  const later: LaterItem[] = [];
  for (const entry of [...leads].sort(compareForQueue)) {
    const placed = queueEntry(entry, now, windows);
    if (placed?.list === 'queue') queue.push(placed.item);
    else if (placed?.list === 'later') later.push(placed.item);
  }
  return { queue, later };
}
