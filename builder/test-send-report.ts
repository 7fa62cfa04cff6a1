import type { DeliveryTarget, SendOutcome } from '../src/delivery/destinations/types.js';
import { destinationNames } from './destinations.js';

/**
 * A test send's outcome, in plain words: what happened, what to do, and what the page cannot
 * know. This file words the outcomes of a request that got an answer the page may read
 * (delivered, refused, a field HubSpot does not know, a server error); test-send-probe.ts words
 * the others.
 */

export type Verdict =
  | 'delivered'
  | 'unconfirmed'
  | 'refused'
  | 'field-refused'
  | 'cors'
  | 'preflight'
  | 'redirected'
  | 'unreadable'
  | 'unreachable'
  | 'timeout'
  | 'server-error'
  | 'not-ready';

export interface TestSendReport {
  verdict: Verdict;
  /** true: it worked; false: it did not; undefined: the page cannot tell. */
  ok?: boolean;
  /** What happened, in one sentence. */
  headline: string;
  /** The facts behind it. */
  details: string[];
  /** What to do. */
  fixes: string[];
  /** What the page cannot know. */
  uncertain?: string;
}

/** The name and email of the test lead: recognisable at the destination, and a valid address. */
export const testContact = { name: 'Test lead (lead-capture builder)', email: 'test@example.com' };

export interface Answer {
  status: number;
  statusText: string;
  body: string;
}

export interface Page {
  href: string;
  origin: string;
  protocol: string;
}

const shorten = (text: string, length = 300) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function answeredLine(read: Answer | undefined): string[] {
  if (!read) return [];
  const body = read.body.trim();
  return [`It answered ${read.status}${read.statusText ? ` ${read.statusText}` : ''}${body ? `: ${shorten(body)}` : ' (no body).'}`];
}

/** Where to look for the test lead at each destination. */
function whereToLook(target: DeliveryTarget): string {
  switch (target.destination) {
    case 'json':
      return 'The lead carries "test": true, so your server can keep it apart (lead-capture-receiver shows test leads apart from real ones).';
    case 'hubspot':
      return `HubSpot now has a contact ${testContact.email} named "${testContact.name}": delete it when you have looked.`;
    case 'salesforce':
      return `In Salesforce, look under Leads for "${testContact.name}".`;
    case 'apps-script':
      return `Look for the new row in your sheet ("${testContact.name}").`;
    default:
      return `Look for it in the service's submissions ("${testContact.name}", ${testContact.email}); its "lead" field holds the whole lead, with "test": true.`;
  }
}

export function delivered(outcome: Extract<SendOutcome, { kind: 'delivered' }>, target: DeliveryTarget, read: Answer | undefined, sentLine: string, page: Page): TestSendReport {
  const name = destinationNames[target.destination];
  if (outcome.confirmed) {
    return {
      verdict: 'delivered',
      ok: true,
      headline: `Delivered: ${name} accepted the test lead (${outcome.status}).`,
      details: [sentLine, ...answeredLine(read)],
      fixes: [whereToLook(target)],
    };
  }
  if (target.destination === 'salesforce') {
    return {
      verdict: 'unconfirmed',
      headline: 'Sent to Salesforce. Salesforce never lets a page read its answer, so whether it took the lead cannot be seen from here.',
      details: [sentLine],
      fixes: [whereToLook(target), 'If nothing arrives within a few minutes, check the organisation id (oid) and that Web-to-Lead is on in Salesforce Setup.'],
      uncertain: 'Whether Salesforce stored it: Web-to-Lead reports no refusal to the page.',
    };
  }
  if (target.destination === 'apps-script') {
    return {
      verdict: 'unconfirmed',
      ok: true,
      headline: 'Sent: your Apps Script ran (Google answers with a redirect, which the page does not read).',
      details: [sentLine],
      fixes: [whereToLook(target)],
      uncertain: 'What the script did with it: only the sheet can tell.',
    };
  }
  return {
    verdict: 'unconfirmed',
    headline: `Sent, but unconfirmed: ${name} answered without CORS headers, so this page cannot read whether it stored the lead.`,
    details: [sentLine],
    fixes: [whereToLook(target), `To have leads confirmed, the service must answer with Access-Control-Allow-Origin: ${page.origin} (your site's origin on the site).`],
    uncertain: 'Whether it stored the lead: only the service can tell.',
  };
}

/** HubSpot's "Field 'x' is not in the form definition", each field once: from its answer's `errors`, else from the problem text. */
function fieldsNotInForm(read: Answer | undefined, problem: string): string[] {
  const fields = new Set<string>();
  try {
    const body = JSON.parse(read?.body ?? '') as { errors?: { message?: string; errorType?: string }[] };
    for (const error of body.errors ?? []) {
      if (error.errorType !== 'FIELD_NOT_IN_FORM_DEFINITION') continue;
      const field = /'fields\.([^']+)'/.exec(error.message ?? '')?.[1] ?? /Field '([^']+)'/.exec(error.message ?? '')?.[1];
      if (field) fields.add(field);
    }
  } catch {
    // Not JSON: the problem text is all there is.
  }
  for (const match of problem.matchAll(/Field '([^']+)' is not in the form definition/g)) fields.add(match[1]);
  return [...fields];
}

export function refused(outcome: Extract<SendOutcome, { kind: 'rejected' }>, target: DeliveryTarget, read: Answer | undefined, sentLine: string): TestSendReport {
  const name = destinationNames[target.destination];
  const details = [sentLine, ...answeredLine(read)];
  const fieldLines = Object.entries(outcome.fields ?? {}).map(([field, message]) => `About the form's ${field} field: ${message}`);
  if (target.destination === 'hubspot') {
    const missing = fieldsNotInForm(read, outcome.problem);
    if (missing.length) {
      return {
        verdict: 'field-refused',
        ok: false,
        headline: `HubSpot refused the lead: this HubSpot form has no field named ${missing.map((field) => `"${field}"`).join(', ')}.`,
        details,
        fixes: [
          ...missing.map((field) => `Add a field named "${field}" to this HubSpot form (Marketing → Forms → edit the form → add the property), or stop sending it: remove it from Field names or Hidden fields here.`),
          'HubSpot refuses the whole lead for one unknown field, so no lead arrives until then.',
        ],
      };
    }
    if (outcome.status === 404) {
      return { verdict: 'refused', ok: false, headline: 'HubSpot does not know this form.', details, fixes: ['Check the portal id and the form GUID at the end of the endpoint (HubSpot: Marketing → Forms → the form → Share → Embed code).'] };
    }
  }
  const advice: Record<number, string> = {
    400: 'It did not accept the lead\'s content. If it expects other field names, set Field names; if it is a form service rather than a JSON API, choose Destination: form.',
    401: 'It asks for a key or a login. A page cannot keep a secret: use an endpoint meant to be called from a browser.',
    403: 'It refuses this request: it may want a key, or refuse requests from this page\'s origin. Allow your site\'s origin (and, for this test, this page\'s).',
    404: 'Nothing takes leads at this address: check the path.',
    405: 'This address does not take POST requests: check that it is the endpoint and not a page.',
    413: 'The lead is too large for it: raise its body size limit.',
    415: `It does not take this content type. JSON endpoints take application/json (Destination: json); form services take form fields (Destination: form).`,
    422: 'It did not accept the lead\'s content. If it expects other field names, set Field names.',
  };
  return {
    verdict: 'refused',
    ok: false,
    headline: `${name} refused the test lead (${outcome.status}): ${outcome.problem}`,
    details: [...details, ...fieldLines],
    fixes: [advice[outcome.status] ?? 'Sending it again will not help: the endpoint refuses this lead. Its own words are above.'],
  };
}

export function serverError(outcome: Extract<SendOutcome, { kind: 'failed' }>, target: DeliveryTarget, read: Answer | undefined, sentLine: string): TestSendReport {
  const name = destinationNames[target.destination];
  const status = outcome.status ?? 0;
  const fixes =
    status === 429
      ? [`It limits how many requests it takes${outcome.retryAfter && outcome.retryAfter !== 'hidden' ? ` (it asks to wait ${outcome.retryAfter})` : ''}: wait and test again. On a site, the widget waits and retries by itself.`]
      : ['It is there, but failing: check its logs for the test request. On a site, the widget would retry, then keep the lead in the browser and send it when the endpoint works again.'];
  return {
    verdict: 'server-error',
    ok: false,
    headline: `${name} answered ${status}: it could not take the lead right now (${outcome.problem}).`,
    details: [sentLine, ...answeredLine(read)],
    fixes,
  };
}
