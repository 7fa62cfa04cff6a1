import type { Lead } from '../../lead/schema.js';
import { encodeForm, formEncoded, mappedOnly } from './form-fields.js';
import type { Destination } from './types.js';

/**
 * Salesforce Web-to-Lead. The servlet sends no CORS headers at all, so the request is
 * `no-cors` and its answer opaque: the lead is sent, never confirmed (Salesforce does not
 * report refusals to the sender either). Other lead fields go only where `fieldNames` maps
 * them to a Salesforce field (custom fields by their id, `00N…`).
 */
export const salesforce: Destination = {
  handover(lead, target) {
    const url = new URL(target.endpoint);
    if (!url.searchParams.has('encoding')) url.searchParams.set('encoding', 'UTF-8');
    const { contact } = lead;
    const pairs: [string, string | undefined][] = [
      // Web-to-Lead drops a lead without a last name, silently.
      ['last_name', contact.name ?? '(no name given)'],
      ['email', contact.email],
      ['phone', contact.phone],
      ['lead_source', 'Web'],
      ['description', describe(lead)],
      ...mappedOnly(lead, target.fieldNames ?? {}),
      ...Object.entries(target.hiddenFields ?? {}),
    ];
    return {
      url: url.href,
      headers: { 'Content-Type': formEncoded },
      body: encodeForm(withoutRepeats(pairs)),
      mode: 'no-cors',
      // Browsers follow redirects for no-cors requests whatever is asked; Web-to-Lead answers 200.
      redirect: 'follow',
    };
  },
  read: async (response) => ({ kind: 'delivered', status: response.status, confirmed: response.type !== 'opaque' }),
  // `lead_source` is not among them: a site may set its own, as a hidden field.
  defaultNames: { name: 'last_name' },
  ownNames: ['description'],
  missing: (target) =>
    target.hiddenFields?.oid
      ? undefined
      : 'destination="salesforce" needs hiddenFields {"oid": "00D…"}, your organisation id',
};

/** The lead in words, for the lead's Description, where a seller reads it. */
function describe(lead: Lead): string {
  const { contact, contactPolicy, consent } = lead;
  const call = contact.preference === 'call'
    ? ` (${contact.callWindow ?? 'any time'}, time zone ${contactPolicy.timeZone}, at most ${contactPolicy.maxCallAttempts} calls)`
    : '';
  return [
    `Temperature: ${lead.temperature}${lead.priority ? ' (priority)' : ''}`,
    `Follow-up: ${contact.preference === 'none' ? 'none, do not contact' : contact.preference}${call}`,
    lead.indicators.length ? `Problems: ${lead.indicators.map((indicator) => indicator.label).join('; ')}` : undefined,
    `Next steps: ${lead.nextSteps.join(', ')}`,
    `Offer: ${lead.offer.title ?? lead.offer.id ?? lead.offer.kind}`,
    `Consent: "${consent.text}"${consent.version ? ` (version ${consent.version})` : ''}, given ${consent.givenAt}`,
    `Lead id: ${lead.id}`,
  ].filter((line) => line !== undefined).join('\n');
}

/** A hidden field set by the site (`lead_source`) replaces the default of the same name. */
function withoutRepeats(pairs: [string, string | undefined][]): [string, string][] {
  const last = new Map<string, string>();
  for (const [name, value] of pairs) if (value !== undefined) last.set(name, value);
  return [...last];
}
