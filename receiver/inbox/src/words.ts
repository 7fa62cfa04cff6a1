import type { OfferReport, QueueItem, Temperature } from './api.js';

/**
 * The inbox's sentences, as pure functions of the API's data: what to do, why, and what stands
 * out in the report. Kept apart from the elements so the wording reads in one place.
 */

const nextStepWords: Record<Temperature, string> = {
  cold: 'deliver what they asked for; marketing list only',
  cool: 'deliver, then one systematized or individual email',
  warm: 'deliver, then an individual email or call (priority when problems are named)',
  hot: 'deliver, complete the registration communications, then an individual call or email',
};

export const nextStepFor = (temperature: Temperature) => nextStepWords[temperature];

export const personName = (item: { lead: { contact: { name?: string; email?: string } } }) =>
  item.lead.contact.name ?? item.lead.contact.email ?? 'this person';

/** "10:12" from the API's local ISO time ("2026-11-02T10:12:00+01:00"): the prospect's clock, not ours. */
export const clockOf = (localIso: string) => localIso.slice(11, 16);

/** "Call Ada, Europe/Berlin, 10:12 her time, asked for mornings, attempt 1 of 2" (without pronouns). */
export function actionSentence(item: QueueItem): string {
  const name = personName(item);
  if (item.action === 'email') {
    return `Email ${name}, asked for email only`;
  }
  const parts = [`Call ${name}`];
  parts.push(item.lead.contactPolicy.timeZone ?? 'UTC');
  if (item.localTime) parts.push(`${clockOf(item.localTime)} their time`);
  const window = item.lead.contact.callWindow;
  parts.push(window ? `asked for ${window === 'morning' ? 'mornings' : window === 'afternoon' ? 'afternoons' : 'evenings'}` : 'no time chosen (working hours)');
  if (item.attempt !== undefined) parts.push(`attempt ${item.attempt} of ${item.maxAttempts ?? item.attempt}`);
  return parts.join(', ');
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

const dominant = (counts: Record<Temperature, number>): Temperature =>
  (Object.entries(counts) as [Temperature, number][]).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];

/**
 * What stands out, in plain words: the most diluted offer (repeat share at least 40%), and the
 * offer that brings the most first-time people. Empty when there are no leads.
 */
export function reportSummary(offers: readonly OfferReport[]): string[] {
  const real = offers.filter((offer) => offer.leads > 0);
  if (real.length === 0) return [];
  const sentences: string[] = [];
  const name = (offer: OfferReport) => `The '${offer.title ?? offer.id ?? offer.kind}' offer`;
  const diluted = [...real].sort((a, b) => b.repeatShare - a.repeatShare)[0]!;
  if (diluted.repeatShare >= 0.4) {
    sentences.push(
      `${name(diluted)}: ${percent(diluted.repeatShare)} of its leads had converted before, most at ${dominant(diluted.temperatures)}: it mostly reaches people you already have.`,
    );
  }
  const fresh = [...real].sort((a, b) => b.firstTimeShare * b.people - a.firstTimeShare * a.people)[0]!;
  if (fresh !== diluted || sentences.length === 0) {
    sentences.push(`${name(fresh)} brings the most new people: ${Math.round(fresh.firstTimeShare * fresh.people)} first-time people, ${percent(fresh.firstTimeShare)} of its ${fresh.people}.`);
  }
  const calls = [...real].sort((a, b) => b.callShare - a.callShare)[0]!;
  if (calls.callShare > 0) sentences.push(`${name(calls)} has the largest share of call requests: ${percent(calls.callShare)}.`);
  return sentences;
}
