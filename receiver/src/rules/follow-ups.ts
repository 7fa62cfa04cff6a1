import type { Lead } from 'lead-capture/schema';

export const followUpChannels = ['call', 'email'] as const;
export const followUpOutcomes = ['no-answer', 'talked', 'meeting', 'customer', 'not-a-fit', 'unsubscribed'] as const;
export type FollowUpChannel = (typeof followUpChannels)[number];
export type FollowUpOutcome = (typeof followUpOutcomes)[number];

/** One contact attempt the seller made, and how it went. */
export interface FollowUp {
  id: string;
  channel: FollowUpChannel;
  outcome: FollowUpOutcome;
  note?: string;
  /** ISO time it was recorded. */
  at: string;
}

/** A stored lead as the API gives it. */
export interface StoredLead {
  id: string;
  receivedAt: string;
  lead: Lead;
  followUps: FollowUp[];
}

export const noteLimit = 2000;

/** Outcomes after which the lead leaves the queue: the conversation happened, or the prospect said no. */
export const endingOutcomes: readonly FollowUpOutcome[] = ['talked', 'meeting', 'customer', 'not-a-fit', 'unsubscribed'];

export function callsMade(followUps: readonly FollowUp[]): number {
  return followUps.filter((followUp) => followUp.channel === 'call').length;
}

/**
 * Why a follow-up may not be recorded, in words for the seller; undefined when it may. The
 * prospect's contact policy is the limit: no channel they did not choose, no call past the
 * number they allowed, nothing after they unsubscribed.
 */
export function followUpRefusal(lead: Lead, followUps: readonly FollowUp[], channel: FollowUpChannel): string | undefined {
  if (followUps.some((followUp) => followUp.outcome === 'unsubscribed')) {
    return 'The prospect unsubscribed: no further contact is allowed.';
  }
  const policy = lead.contactPolicy;
  if (policy.doNotContact) return 'The prospect asked not to be contacted (preference "none"): only what they requested is delivered.';
  if (channel === 'call' && !policy.channels.phone) {
    return `The prospect did not allow calls (preference "${lead.contact.preference}").`;
  }
  if (channel === 'email' && !policy.channels.email) {
    return `The prospect did not allow email follow-up (preference "${lead.contact.preference}").`;
  }
  if (channel === 'call' && policy.maxCallAttempts !== undefined) {
    const made = callsMade(followUps);
    if (made >= policy.maxCallAttempts) {
      return `${made} of ${policy.maxCallAttempts} calls already made: the prospect allowed at most ${policy.maxCallAttempts}.`;
    }
  }
  return undefined;
}
