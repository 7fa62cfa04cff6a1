/**
 * Everything the widget says to a site owner, in the console: one place to read them, keep
 * them consistent and keep them short (each one ships in the script tag). Each names the
 * setting, says what was wrong and what the widget does instead, and how to fix it; the
 * element's name and the setting are put in front by the one reporter
 * (`ConfigurationController.report`). Values quoted from the page are shortened first.
 * What the prospect reads lives in `i18n/`, in every language.
 */

import { shorten } from './text.js';

/** A value quoted in a message stays readable, whatever was pasted. */
const quote = (value: string) => shorten(value, 80);

export const objectAsText = (attribute: string, value: string, property: string) =>
  `${attribute} is "${quote(value)}", an object written as text before <lead-capture> was defined: set ${property} after customElements.whenDefined('lead-capture'), or write JSON; ignored.`;
export const notJson = (what: string, error: unknown, expected: string) => `${what} is not JSON (${(error as Error).message}); ignored. Write ${expected}.`;
export const wrongType = (attribute: string, expected: string) => `${attribute} must be ${expected}; ignored.`;
export const notOneOf = (attribute: string, value: string, using: string, allowed: readonly string[]) =>
  `${attribute}="${quote(value)}" is unknown; using "${using}". Use one of: ${allowed.join(', ')}.`;
export const appsScriptElsewhere = (using: string) => `destination="apps-script" needs a script.google.com/macros/s/…/exec endpoint; using "${using}".`;
/** `what` names the destination and what it lacks. */
export const destinationNeeds = (what: string) => `${what}; no lead is sent until then.`;
export const notVariableName = (name: string) => `data-layer="${quote(name)}" is not a variable name; nothing is pushed.`;
export const dataLayerRefused = (name: string) => `window.${name} is not an array; nothing is pushed. Name another.`;
/** `contact`: a choice that lets the site contact the prospect, which is theirs to make. */
export const preselected = (preference: string, contact: boolean) =>
  `preference="${quote(preference)}" is refused${contact ? ': contact is the prospect\'s choice' : ''}; only "none" may be preselected.`;
export const notWholeNumber = (attribute: string, value: string, min: number, max: number, fallback?: number) =>
  `${attribute}="${quote(value)}" is not a whole number from ${min} to ${max}; ${fallback === undefined ? 'ignored' : `using ${fallback}`}.`;
export const overLimit = (attribute: string, length: number, limit: number, outcome: string) => `${attribute} is ${length} characters, over the limit of ${limit}: ${outcome}.`;
export const endpointMissing = 'endpoint is missing: no lead is sent. Add endpoint="/api/leads" (a path or an https:// URL).';
export const notHttp = (attribute: string, value: string, outcome: string) => `${attribute}="${quote(value)}" is not an http(s) URL or path: ${outcome}.`;
export const endpointCredentials = 'endpoint holds a user name or password anyone can read: no lead is sent. Remove them.';
export const onlyFirst = (count: number, what: string, limit: number) => `${count} ${what} were given; only the first ${limit} are used.`;
export const indicatorIncomplete = (value: string, label: string) =>
  `an indicator needs a value and a label (value="${quote(value)}", label="${quote(label)}"); left out.`;
export const indicatorTwice = (value: string) => `indicator value="${quote(value)}" is there twice; only the first is shown.`;
export const unknownStrings = (keys: string[]) => `has unknown keys or non-text values, ignored: ${keys.join(', ')}.`;
export const longStrings = (limit: number, keys: string[]) => `has texts over ${limit} characters, replaced by the built-in ones: ${keys.join(', ')}.`;
export const childNotJson = (error: unknown) => notJson('the config child', error, 'a JSON object');
export const childNotObject = 'the config child must be a JSON object; ignored.';
export const childUnknownOptions = (names: string[]) => `the config child has unknown options, ignored: ${names.join(', ')}.`;
export const notLeadField = (field: string) => `"${quote(field)}" is not a field of the lead; ignored.`;
export const takenFieldName = (field: string, name: string) => `"${field}" → "${quote(name)}" is another field's name; refused.`;
export const hiddenFieldOfLead = (name: string) => `"${quote(name)}" is a field of the lead itself; refused.`;
/** A named entry (an indicator, a hidden field) whose name, or its label or value (`part`), is over its limit. */
export const entryTooLong = (what: string, name: string, part: string, nameLimit: number, partLimit: number) =>
  `${what} "${quote(name)}" is over ${nameLimit} characters, or its ${part} over ${partLimit}; left out.`;
export const notDelivered = (endpoint: string, problem: string, advice: string, outcome: string) => `could not deliver to ${endpoint} (${problem}). ${advice} ${outcome}`;
export const keptForLater = 'The lead is kept and sent later.';
export const lost = 'Storage is off or full: the lead is lost.';
export const mayBeDown = 'It may be down.';
/** No readable answer: the server is down, the connection dropped, or the browser refused the answer. */
export const unanswered = (destination: string) =>
  destination === 'json'
    ? 'It may be down, redirect, or refuse the CORS preflight (Content-Type, Idempotency-Key).'
    : `It may be down, redirect, or refuse CORS: check destination="${destination}"${destination === 'mautic' ? " and Mautic's CORS valid domains" : ''}.`;
export const flushFailed = (error: unknown) => `sending the queued leads failed (${String(error)}); they stay queued.`;
export const noCopyKept = '<lead-capture> storage is off or full: if this attempt fails, the lead is lost.';
export const stateReadOnly = 'state is read-only: writing it changes nothing.';
