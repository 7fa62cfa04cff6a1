import type { StoredLead } from './rules/follow-ups.js';

/** The export: one row per lead, RFC 4180, with formula-like cells neutralised. */

/**
 * A cell as CSV: quoted when it holds a comma, quote, CR or LF (quotes doubled); a leading `=`,
 * `+`, `-`, `@`, tab or CR gets a `'` first, so a spreadsheet shows it as text instead of running it.
 */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const csvColumns: readonly [string, (stored: StoredLead) => unknown][] = [
  ['id', (s) => s.id],
  ['receivedAt', (s) => s.receivedAt],
  ['test', (s) => (s.lead.test ? 'true' : 'false')],
  ['temperature', (s) => s.lead.temperature],
  ['priority', (s) => (s.lead.priority ? 'true' : 'false')],
  ['preference', (s) => s.lead.contact.preference],
  ['offerKind', (s) => s.lead.offer.kind],
  ['offerId', (s) => s.lead.offer.id],
  ['offerTitle', (s) => s.lead.offer.title],
  ['name', (s) => s.lead.contact.name],
  ['email', (s) => s.lead.contact.email],
  ['phone', (s) => s.lead.contact.phone],
  ['callWindow', (s) => s.lead.contact.callWindow],
  ['timeZone', (s) => s.lead.contactPolicy.timeZone],
  ['maxCallAttempts', (s) => s.lead.contactPolicy.maxCallAttempts],
  ['indicators', (s) => s.lead.indicators.map((indicator) => indicator.label).join('; ')],
  ['nextSteps', (s) => s.lead.nextSteps.join(' ')],
  ['repeatCount', (s) => s.lead.repeat?.count ?? 0],
  ['pageUrl', (s) => s.lead.page.url],
  ['referrer', (s) => s.lead.page.referrer],
  ['utmSource', (s) => s.lead.page.utm?.source],
  ['utmMedium', (s) => s.lead.page.utm?.medium],
  ['utmCampaign', (s) => s.lead.page.utm?.campaign],
  ['consentGivenAt', (s) => s.lead.consent.givenAt],
  ['consentLanguage', (s) => s.lead.consent.language],
  ['consentText', (s) => s.lead.consent.text],
  ['consentTextSha256', (s) => s.lead.consent.textSha256],
  ['followUps', (s) => s.followUps.length],
  ['lastOutcome', (s) => s.followUps[s.followUps.length - 1]?.outcome],
  ['lastFollowUpAt', (s) => s.followUps[s.followUps.length - 1]?.at],
];

export const csvHeader = csvRow(csvColumns.map(([name]) => name));

export function csvLine(stored: StoredLead): string {
  return csvRow(csvColumns.map(([, cell]) => cell(stored)));
}
