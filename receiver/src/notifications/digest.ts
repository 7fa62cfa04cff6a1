import type { NotificationRule } from '../config.js';
import { queueEntry, type CallWindows } from '../rules/queue.js';
import { assembleReport } from '../rules/report.js';
import { zonedParts } from '../rules/zoned-time.js';
import type { LeadStore } from '../store/store.js';
import type { DigestFigures } from './content.js';

/**
 * The daily digest: when a rule's local time has come, its figures are computed once and written
 * to the outbox keyed by (rule, local day), so the digest goes out once a day however often the
 * receiver restarts, and however many receivers share the database.
 */

const dayMs = 24 * 60 * 60 * 1000;
const pad = (value: number) => String(value).padStart(2, '0');

/** The rule's local day when its time of day has come (`YYYY-MM-DD`), else undefined. */
export function dueDay(digest: NonNullable<NotificationRule['digest']>, now: Date): string | undefined {
  const local = zonedParts(now, digest.timeZone);
  if (`${pad(local.hour)}:${pad(local.minute)}` < digest.at) return undefined;
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

/**
 * The figures, from the same code the API uses: "to call" and "to email" count the leads of
 * `GET /api/queue` (its `queue` and `later` lists) by action; each offer's figures are those of
 * `GET /api/report?from=<7 days ago>&to=<now>`, for the rule's offers when it names some.
 */
export async function digestFigures(store: LeadStore, rule: NotificationRule, day: string, now: Date, callWindows: CallWindows): Promise<DigestFigures> {
  let toCall = 0;
  let toEmail = 0;
  let after: { tier: number; receivedAt: string; id: string } | undefined;
  for (;;) {
    const batch = await store.queueCandidates(after, 500);
    for (const candidate of batch) {
      const placed = queueEntry(candidate, now, callWindows);
      if (placed?.item.action === 'call') toCall += 1;
      if (placed?.item.action === 'email') toEmail += 1;
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < 500) break;
    after = { tier: last.tier, receivedAt: last.receivedAt, id: last.id };
  }
  const range = { from: new Date(now.getTime() - 7 * dayMs), to: now };
  const { offerRows, detailRows } = await store.reportRows(range);
  const report = assembleReport(offerRows, detailRows, range);
  const wanted = rule.when?.offer;
  const offers = report.offers
    .filter((offer) => !wanted || (offer.id !== null && wanted.includes(offer.id)))
    .map((offer) => ({ name: offer.title ?? offer.id ?? offer.kind, kind: offer.kind, id: offer.id, leads: offer.leads, repeatShare: offer.repeatShare, firstTimeShare: offer.firstTimeShare }));
  return { rule: rule.name, day, from: range.from.toISOString(), to: range.to.toISOString(), toCall, toEmail, offers };
}
