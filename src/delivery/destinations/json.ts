import { statusOutcome } from './answers.js';
import type { Destination } from './types.js';

/**
 * Our own shape: the lead as JSON with its id as `Idempotency-Key`, for your own server, the
 * reference receiver or n8n. Cross-origin, it needs the endpoint to answer the CORS preflight.
 */
export const json: Destination = {
  dedupes: true,
  handover: (lead, target) => ({
    url: target.endpoint,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': lead.id },
    body: JSON.stringify(lead),
  }),
  read: statusOutcome,
};
