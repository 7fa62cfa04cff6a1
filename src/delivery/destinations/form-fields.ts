import type { Lead } from '../../lead/schema.js';
import type { DeliveryTarget } from './types.js';

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


/** Flat fields renamed as the site asked, with its constant fields added. */
export function mappedFields(lead: Lead, target: DeliveryTarget): [string, string][] {
  const names = target.fieldNames ?? {};
  const renamed = flatFields(lead).map(([name, value]): [string, string] => [Object.hasOwn(names, name) ? names[name] : name, value]);
  return [...renamed, ...Object.entries(target.hiddenFields ?? {})];
}

/** Only the flat fields `names` maps, renamed: for services that refuse fields they do not know. */
export function mappedOnly(lead: Lead, names: Record<string, string>): [string, string][] {
  return flatFields(lead)
    .filter(([name]) => Object.hasOwn(names, name))
    .map(([name, value]) => [names[name], value]);
}

export const formEncoded = 'application/x-www-form-urlencoded;charset=UTF-8';

export function encodeForm(pairs: [string, string][]): string {
  return new URLSearchParams(pairs).toString();
}
