import type { Lead, NextStep } from 'lead-capture/schema';
import type { NotificationRule } from '../config.js';

/**
 * What a notification says, apart from how each channel wraps it: which leads a rule takes, the
 * lead as forwarded (the minimum: no contact details for a prospect who asked for none), and the
 * plain words every channel shows.
 */

/** Whether a rule takes this lead. Digest rules take none (they summarise); test leads never go out. */
export function ruleMatches(rule: NotificationRule, lead: Lead): boolean {
  if (rule.digest || lead.test === true) return false;
  const when = rule.when;
  if (!when) return true;
  if (when.temperature && !when.temperature.includes(lead.temperature)) return false;
  if (when.preference && !when.preference.includes(lead.contact.preference)) return false;
  if (when.offer && !(lead.offer.id !== undefined && when.offer.includes(lead.offer.id))) return false;
  return true;
}

/**
 * The lead as a channel receives it. A prospect who chose `none` is forwarded without contact
 * details (name, email, phone, call window) and without the page URL (a query string can carry
 * an address): the offer, the temperature and the counts only.
 */
export function forwardedLead(lead: Lead): Record<string, unknown> {
  const withContact = lead.contact.preference !== 'none';
  const { contact, page, consent, ...rest } = lead;
  return {
    ...rest,
    contact: withContact ? contact : { preference: contact.preference },
    // The receipt proves consent; its id and channels are what a CRM files, the text is long and the same for every lead.
    consent: { receiptId: consent.receiptId, givenAt: consent.givenAt, channels: consent.channels },
    ...(withContact ? { page } : {}),
  };
}

const stepWords: Record<NextStep, string> = {
  'deliver-request': 'deliver what they asked for',
  'marketing-communications': 'add them to marketing mail',
  'registration-communications': 'send the registration mails',
  'follow-up-email': 'send a follow-up email',
  'individual-email': 'email them personally',
  'individual-call': 'call them',
};

/** The message's words, shared by every channel, so Slack, Teams, Discord and email say the same. */
export interface LeadSummary {
  title: string;
  /** Label, value pairs in display order. */
  facts: [string, string][];
  nextStep: string;
  link: string | undefined;
}

export function offerName(lead: Pick<Lead, 'offer'>): string {
  return lead.offer.title ?? lead.offer.id ?? lead.offer.kind;
}

export function summarise(lead: Lead, leadId: string, publicUrl: string | undefined): LeadSummary {
  const withContact = lead.contact.preference !== 'none';
  const who = withContact ? (lead.contact.name ?? lead.contact.email ?? 'A new lead') : 'A lead who asked not to be contacted';
  const facts: [string, string][] = [
    ['Temperature', `${lead.temperature}${lead.priority ? ' (priority)' : ''}`],
    ['Offer', offerName(lead)],
    ['Contact preference', lead.contact.preference],
  ];
  if (withContact) {
    if (lead.contact.email) facts.push(['Email', lead.contact.email]);
    if (lead.contact.phone) facts.push(['Phone', lead.contact.phone]);
    if (lead.contact.callWindow) facts.push(['Call window', lead.contact.callWindow]);
  }
  // The table's own next steps; delivering what was asked for goes without saying when there is more.
  const steps = lead.nextSteps.length > 1 ? lead.nextSteps.filter((code) => code !== 'deliver-request') : lead.nextSteps;
  return {
    title: `${who}: ${lead.temperature} lead for ${offerName(lead)}`,
    facts,
    nextStep: steps.map((code) => stepWords[code]).join(', then '),
    link: inboxLink(publicUrl, leadId),
  };
}

/** The lead in the inbox: `<publicUrl>/inbox/leads?lead=<id>` (the leads view; the `lead` parameter names the lead to open); none without a public URL (a link to localhost helps nobody). */
export function inboxLink(publicUrl: string | undefined, leadId: string): string | undefined {
  if (!publicUrl) return undefined;
  return `${publicUrl.replace(/\/+$/, '')}/inbox/leads?lead=${encodeURIComponent(leadId)}`;
}

/** A digest's figures, fixed when it is written (see digest.ts). */
export interface DigestFigures {
  rule: string;
  day: string;
  from: string;
  to: string;
  toCall: number;
  toEmail: number;
  offers: { name: string; kind: string; id: string | null; leads: number; repeatShare: number; firstTimeShare: number }[];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "3 to call, 5 to email; the 'Q3 report' offer: 64% repeat converters this week". */
export function digestText(figures: DigestFigures): { title: string; lines: string[] } {
  const title = `${figures.toCall} to call, ${figures.toEmail} to email`;
  const lines = figures.offers.map(
    (offer) => `the '${offer.name}' offer: ${percent(offer.repeatShare)} repeat converters this week (${offer.leads} leads, ${percent(offer.firstTimeShare)} first-time)`,
  );
  return { title, lines: lines.length > 0 ? lines : ['no leads this week'] };
}
