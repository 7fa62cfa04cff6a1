import { statusOutcome } from './answers.js';
import { encodeForm, formEncoded, mappedFields } from './form-fields.js';
import type { Destination } from './types.js';

/**
 * Flat form fields and no custom header: a "simple" request that needs no CORS preflight,
 * which catch hooks (Zapier, Make, Pipedream) and form backends do not dependably answer.
 * Such a service may store the lead and answer without CORS headers; then the answer cannot
 * be read, and the lead counts as sent, unconfirmed, rather than being stored again.
 */
export const form: Destination = {
  handover: (lead, target) => ({
    url: target.endpoint,
    headers: { 'Content-Type': formEncoded },
    body: encodeForm(mappedFields(lead, target)),
    unreadableAnswerMeansSent: true,
  }),
  read: statusOutcome,
};

/** Netlify Forms: the same fields plus the `form-name` of a form Netlify registered at deploy. */
export const netlify: Destination = {
  ...form,
  missing: (target) =>
    target.hiddenFields?.['form-name']
      ? undefined
      : 'destination="netlify" needs hiddenFields {"form-name": "…"}, a form Netlify registered',
};
