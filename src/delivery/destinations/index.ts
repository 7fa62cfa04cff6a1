import type { Lead } from '../../lead/schema.js';
import { shorten } from '../../text.js';
import { flatFields, formFieldNames, type FormFieldName } from './flat-fields.js';

/**
 * How a lead is handed to an endpoint: one small module per destination (lead → request,
 * answer → outcome), chosen from the endpoint's address unless the site names one.
 */

export const destinationNames = ['json', 'form', 'apps-script', 'hubspot', 'formspree', 'mautic', 'netlify', 'salesforce'] as const;
export type DestinationName = (typeof destinationNames)[number];

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

/** HubSpot's Forms API address names the portal and the form. */
export const hubspotFormPath = /^\/submissions\/v3\/integration\/submit\/[^/]+\/[^/]+\/?$/;

/** The destination a site would mean by this address; `json` for anything we do not recognise. */
export function destinationFor(endpoint: URL): DestinationName {
  const host = endpoint.hostname;
  const path = endpoint.pathname;
  if (host === 'api.hsforms.com' && hubspotFormPath.test(path)) return 'hubspot';
  if (host === 'formspree.io' && /^\/f\/[^/]+\/?$/.test(path)) return 'formspree';
  if (host === 'script.google.com' && /^\/macros\/s\/[^/]+\/exec\/?$/.test(path)) return 'apps-script';
  if (host === 'webto.salesforce.com' && path === '/servlet/servlet.WebToLead') return 'salesforce';
  if (host === 'hooks.zapier.com' || /^hook\.[a-z0-9-]+\.make\.com$/.test(host) || host.endsWith('.m.pipedream.net')) return 'form';
  if (/^((api\.)?getform\.io|formcarry\.com|usebasin\.com)$/.test(host)) return 'form';
  if (/\/form\/submit\/?$/.test(path) && endpoint.searchParams.has('formId')) return 'mautic';
  return 'json';
}

export function isDestinationName(value: string): value is DestinationName {
  return (destinationNames as readonly string[]).includes(value);
}

/** Flat fields renamed as the site asked, with its constant fields added. */
export function mappedFields(lead: Lead, target: DeliveryTarget): [string, string][] {
  const names = target.fieldNames ?? {};
  const renamed = flatFields(lead).map(([name, value]): [string, string] => [Object.hasOwn(names, name) ? names[name] : name, value]);
  return [...renamed, ...Object.entries(target.hiddenFields ?? {})];
}

/**
 * A destination's refusal, read: `[its field name or undefined, message]` pairs become the
 * problems shown at the form's own fields, and one line for the form as a whole.
 */
export function refusal(status: number, reported: [string | undefined, string][], target: DeliveryTarget, defaults?: Partial<Record<FormFieldName, string>>): SendOutcome {
  const fields: FieldProblems = {};
  for (const [name, message] of reported) {
    const field = name === undefined ? undefined : formFieldFor(name, target, defaults);
    if (field) fields[field] ??= shorten(message);
  }
  const problem = shorten(reported.map(([name, message]) => (name ? `${name}: ${message}` : message)).join('; '));
  return { kind: 'rejected', status, problem, fields };
}

/** Only the flat fields `names` maps, renamed: for services that refuse fields they do not know. */
export function mappedOnly(lead: Lead, names: Record<string, string>): [string, string][] {
  return flatFields(lead)
    .filter(([name]) => Object.hasOwn(names, name))
    .map(([name, value]) => [names[name], value]);
}

/** Which of the form's own fields a destination's field name stands for, if any. */
export function formFieldFor(destinationName: string, target: DeliveryTarget, defaults: Partial<Record<FormFieldName, string>> = {}): FormFieldName | undefined {
  return formFieldNames.find((field) => (target.fieldNames?.[field] ?? defaults[field] ?? field) === destinationName);
}

export const formEncoded = 'application/x-www-form-urlencoded;charset=UTF-8';

export function encodeForm(pairs: [string, string][]): string {
  return new URLSearchParams(pairs).toString();
}
