import type { Lead } from '../../lead/schema.js';

/** The lead's own flat field names, in the order `flatFields` gives their values. */
export const flatFieldNames = [
  'lead_id',
  'captured_at',
  'offer_kind',
  'offer_id',
  'offer_title',
  'name',
  'email',
  'phone',
  'preference',
  'call_window',
  'temperature',
  'priority',
  'next_steps',
  'indicators',
  'indicator_labels',
  'do_not_contact',
  'max_call_attempts',
  'time_zone',
  'consent_text',
  'consent_version',
  'consent_sha256',
  'page_url',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'repeat_count',
  'lead',
] as const;

/**
 * The lead as flat name/value pairs, for destinations that take form fields (Zapier, Make,
 * Pipedream, Apps Script, Formspree, Netlify, and as the default names mapped elsewhere).
 * One pair per value, lists comma-separated, and `lead`: the whole lead as JSON, so an
 * automation can still read the full structure. What the lead does not have is left out.
 */
export function flatFields(lead: Lead): [string, string][] {
  const { contact, consent, contactPolicy, offer, page } = lead;
  // One value per name of `flatFieldNames`, in its order.
  const values = [
    lead.id,
    lead.capturedAt,
    offer.kind,
    offer.id,
    offer.title,
    contact.name,
    contact.email,
    contact.phone,
    contact.preference,
    contact.callWindow,
    lead.temperature,
    lead.priority,
    lead.nextSteps.join(', '),
    lead.indicators.map((indicator) => indicator.value).join(', ') || undefined,
    lead.indicators.map((indicator) => indicator.label).join(', ') || undefined,
    contactPolicy.doNotContact,
    contactPolicy.maxCallAttempts,
    contactPolicy.timeZone,
    consent.text,
    consent.version,
    consent.textSha256,
    page.url,
    page.utm?.source,
    page.utm?.medium,
    page.utm?.campaign,
    page.utm?.term,
    page.utm?.content,
    lead.repeat?.count,
    JSON.stringify(lead),
  ];
  return flatFieldNames.flatMap((name, index) => (values[index] === undefined ? [] : [[name, String(values[index])]]));
}

/** The flat names the form asks for, which a destination may report problems about. */
export const formFieldNames = ['name', 'email', 'phone'] as const;
export type FormFieldName = (typeof formFieldNames)[number];
