import { isRecord, jsonOf, refusal, statusOutcome } from './answers.js';
import { mappedFields } from './form-fields.js';
import type { Destination } from './types.js';

/**
 * Formspree: flat fields as JSON, asking for a JSON answer (otherwise it answers with a
 * redirect to a web page). Success is its `{ next }` (or `{ ok: true }`); anything else, an
 * HTML page included, is never taken for "sent".
 */
export const formspree: Destination = {
  handover: (lead, target) => ({
    url: target.endpoint,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(Object.fromEntries(mappedFields(lead, target))),
  }),
  async read(response, target) {
    if (response.status >= 500 || response.status === 429 || response.status === 408) return statusOutcome(response);
    const body = await jsonOf(response);
    if (response.ok && isRecord(body) && (typeof body.next === 'string' || body.ok === true)) {
      return { kind: 'delivered', status: response.status, confirmed: true };
    }
    const errors = isRecord(body) && Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
    const reported = errors.map((error): [string | undefined, string] => [typeof error.field === 'string' ? error.field : undefined, String(error.message ?? error.code)]);
    if (reported.length === 0) reported.push([undefined, isRecord(body) && typeof body.error === 'string' ? body.error : 'Formspree did not confirm the submission.']);
    return refusal(response.status, reported, target);
  },
};
