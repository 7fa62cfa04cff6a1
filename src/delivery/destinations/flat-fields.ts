import type { Lead } from '../../lead/schema.js';

/**
 * The lead as flat name/value pairs, for destinations that take form fields (Zapier, Make,
 * Pipedream, Apps Script, Formspree, Netlify, and as the default names mapped elsewhere).
 * One pair per value, lists comma-separated, and `lead`: the whole lead as JSON, so an
 * automation can still read the full structure. What the lead does not have is left out.
 */
export function flatFields(lead: Lead): [string, string][] {
  const { contact, consent, contactPolicy, offer, page } = lead;
  const pairs: [string, string | number | boolean | undefined][] = [
    ['lead_id', lead.id],
    ['captured_at', lead.capturedAt],
    ['offer_kind', offer.kind],
    ['offer_id', offer.id],
    ['offer_title', offer.title],
    ['name', contact.name],
    ['email', contact.email],
    ['phone', contact.phone],
    ['preference', contact.preference],
    ['call_window', contact.callWindow],
    ['temperature', lead.temperature],
    ['priority', lead.priority],
    ['next_steps', lead.nextSteps.join(', ')],
    ['indicators', lead.indicators.map((indicator) => indicator.value).join(', ') || undefined],
    ['indicator_labels', lead.indicators.map((indicator) => indicator.label).join(', ') || undefined],
    ['do_not_contact', contactPolicy.doNotContact],
    ['max_call_attempts', contactPolicy.maxCallAttempts],
    ['time_zone', contactPolicy.timeZone],
    ['consent_text', consent.text],
    ['consent_version', consent.version],
    ['consent_sha256', consent.textSha256],
    ['page_url', page.url],
    ['utm_source', page.utm?.source],
    ['utm_medium', page.utm?.medium],
    ['utm_campaign', page.utm?.campaign],
    ['utm_term', page.utm?.term],
    ['utm_content', page.utm?.content],
    ['repeat_count', lead.repeat?.count],
    ['lead', JSON.stringify(lead)],
  ];
  return pairs.filter((pair): pair is [string, string | number | boolean] => pair[1] !== undefined).map(([name, value]) => [name, String(value)]);
}

/** The flat names the form asks for, which a destination may report problems about. */
export const formFieldNames = ['name', 'email', 'phone'] as const;
export type FormFieldName = (typeof formFieldNames)[number];
