import type { Lead } from '../../lead/schema.js';
import type { DestinationName } from './names.js';

/** The flat names the form asks for, which a destination may report problems about. */
export const formFieldNames = ['name', 'email', 'phone'] as const;
export type FormFieldName = (typeof formFieldNames)[number];

/**
 * What every destination is: lead → request (`handover`), answer → outcome (`read`), and what
 * it cannot work without. One module per destination implements it; `index.ts` is their table.
 */

/** Where and how a lead goes; stored with a queued lead so it is sent the same way later. */
export interface DeliveryTarget {
  endpoint: string;
  destination: DestinationName;
  /** Our flat field names → the destination's (`{ "name": "lastname" }`). */
  fieldNames?: Record<string, string>;
  /** Constant name/value pairs added to every request (`form-name`, `oid`, `_subject`…). */
  hiddenFields?: Record<string, string>;
  /** HubSpot: the subscription a prospect who chose email is subscribed to. */
  subscriptionTypeId?: number;
}

/** Problems the endpoint reported about fields of the form, in the prospect's terms. */
export type FieldProblems = Partial<Record<FormFieldName, string>>;

export type SendOutcome =
  /** `confirmed: false`: the request went out and the server answered, but the browser may not read the answer. */
  | { kind: 'delivered'; status: number; confirmed: boolean }
  /** The endpoint refused this lead: sending it again will not help. */
  | { kind: 'rejected'; status: number; problem: string; fields?: FieldProblems }
  /**
   * Worth trying again: no answer (the network, or an answer the browser refused: CORS, a
   * redirect), a timeout, 408, 429 or 5xx. `retryAfter` is the server's, or `hiddenRetryAfter`.
   */
  | { kind: 'failed'; reason: FailureReason; status?: number; retryAfter?: string; problem: string };

export type FailureReason = 'network' | 'timeout' | 'server';

/** A 429 from another origin that did not expose its `Retry-After`: how long it wants is unknown. */
export const hiddenRetryAfter = 'hidden';

/** One request, as fetch takes it; what is left out is the default every destination starts from. */
export interface Handover {
  url: string;
  headers: Record<string, string>;
  body: string;
  /**
   * `cors` (the default) reads the answer; `no-cors` (Salesforce only: it sends no CORS
   * headers at all) gets an opaque answer, and browsers then follow redirects whatever is asked.
   */
  mode?: 'cors' | 'no-cors';
  /**
   * By default `error`: a redirect is never followed with the lead, since a 307 or 308 re-sends
   * the body wherever it points. `manual` where the service answers with a redirect by design
   * (Apps Script): the answer is then an unfollowed, unreadable redirect.
   */
  redirect?: 'error' | 'manual' | 'follow';
  /**
   * A simple request to a service that may store it yet answer without CORS headers: when
   * the answer cannot be read and the server answers without CORS headers, the lead counts
   * as sent (unconfirmed) rather than being sent again and stored twice.
   */
  unreadableAnswerMeansSent?: true;
}

export interface Destination {
  /**
   * The receiver can tell a second copy of a lead from a new lead (our `Idempotency-Key`).
   * Only then may a lead go out at page exit, where the answer is never read and the next
   * visit sends the lead again.
   */
  dedupes?: true;
  handover(lead: Lead, target: DeliveryTarget): Handover;
  /** What a readable answer means. */
  read(response: Response, target: DeliveryTarget): Promise<SendOutcome>;
  /** What the destination cannot work without, in one sentence for the console; checked when configured. */
  missing?(target: DeliveryTarget): string | undefined;
  /** The names it gives the lead's flat fields unless `fieldNames` renames them (HubSpot's `firstname`). */
  defaultNames?: Partial<Record<string, string>>;
  /** Other names it fills itself from the lead (Salesforce's `description`), which no site field may take. */
  ownNames?: readonly string[];
}
