import type { FormFieldName } from './types.js';
import { shorten } from '../../text.js';
import { isRecord, jsonOf, problemOf, refusal, statusOutcome } from './answers.js';
import { mappedOnly } from './form-fields.js';
import type { Destination } from './types.js';

/** HubSpot's Forms API address names the portal and the form. */
/** HubSpot's Forms API address names the portal and the form. */
export const hubspotFormPath = /^\/submissions\/v3\/integration\/submit\/[^/]+\/[^/]+\/?$/;

/** HubSpot's own property names for the form's fields; `fieldNames` may rename them. */
const hubspotNames: Partial<Record<FormFieldName, string>> = { email: 'email', name: 'firstname', phone: 'phone' };

/**
 * HubSpot Forms API v3 (unauthenticated submit). HubSpot refuses a whole submission for one
 * field its form does not define, so only email, name and phone go by default, and other
 * lead fields only when `fieldNames` maps them to a HubSpot property (create the properties
 * first). The consent is the receipt's: the exact text the prospect saw.
 */
export const hubspot: Destination = {
  handover(lead, target) {
    const pairs = [...mappedOnly(lead, { ...hubspotNames, ...target.fieldNames } as Record<string, string>), ...Object.entries(target.hiddenFields ?? {})];
    const fields = pairs.map(([name, value]) => ({ name, value }));
    const { consent } = lead;
    const communications =
      lead.contact.preference === 'email' && target.subscriptionTypeId !== undefined
        ? [{ value: true, subscriptionTypeId: target.subscriptionTypeId, text: consent.text }]
        : [];
    return {
      url: target.endpoint,
      // HubSpot's preflight grants Content-Type only: no Idempotency-Key.
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        fields,
        context: { pageUri: lead.page.url, pageName: lead.offer.title ?? lead.offer.id ?? lead.offer.kind },
        legalConsentOptions: { consent: { consentToProcess: true, text: consent.text, communications } },
      }),
    };
  },
  async read(response, target) {
    if (response.status !== 400) return statusOutcome(response);
    const body = await jsonOf(response.clone());
    const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
    if (errors.length === 0) return { kind: 'rejected', status: 400, problem: await problemOf(response) };
    const reported = errors.map((error): [string | undefined, string] => {
      // "Error in 'fields.email'. Invalid email address"
      const message = String(error.message ?? error.errorType);
      const property = /'fields\.([^']+)'/.exec(message)?.[1] ?? (/EMAIL/.test(String(error.errorType)) ? 'email' : undefined);
      return [property, message.replace(/^Error in '[^']*'\.\s*/, '')];
    });
    // HubSpot's own words already name the field, so the form's line is the messages alone.
    return { ...refusal(400, reported, target, hubspotNames), problem: shorten(reported.map(([, message]) => message).join('; ')) };
  },
  defaultNames: hubspotNames,
  missing: (target) =>
    hubspotFormPath.test(new URL(target.endpoint).pathname) ? undefined : 'destination="hubspot" needs endpoint="…/submissions/v3/integration/submit/<portalId>/<formGuid>"',
};
