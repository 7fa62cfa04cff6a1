import { candidateLead } from '../src/capture/lead-for.js';
import { consentDigest } from '../src/consent/sha256.js';
import { destinations } from '../src/delivery/destinations/index.js';
import type { DeliveryTarget, SendOutcome } from '../src/delivery/destinations/types.js';
import { sendLead } from '../src/delivery/send.js';
import { builtInLocales, localeFor } from '../src/i18n/locales.js';
import { labelKey } from '../src/i18n/strings.js';
import { createLeadId } from '../src/lead/identity.js';
import { parseUrl } from '../src/lead/page-context.js';
import { parseLead, type Lead } from '../src/lead/schema.js';
import type { BuilderState } from './configuration.js';
import { destinationNames } from './destinations.js';
import { problemsOf } from './problems.js';

/**
 * The test send: one lead marked `"test": true`, built by the widget's own lead builder,
 * validated by `parseLead`, and sent by `sendLead` exactly as the widget sends it, then told in
 * plain words. The browser hides why a request failed; what the page can learn (a CORS `HEAD`,
 * a `no-cors` probe, the status and body of a readable answer) is asked, and what stays
 * uncertain is said.
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

interface Answer {
  status: number;
  statusText: string;
  body: string;
}

interface Page {
  href: string;
  origin: string;
  protocol: string;
}

export async function sendTestLead(state: BuilderState, page: Page = location): Promise<TestSendReport> {
  const notReady = (headline: string, fixes: string[] = [], details: string[] = []): TestSendReport => ({ verdict: 'not-ready', ok: false, headline, details, fixes });
  const endpointText = typeof state.values.endpoint === 'string' ? state.values.endpoint.trim() : '';
  if (!endpointText) return notReady('Enter the endpoint first: the address the widget sends leads to.');
  const absolute = parseUrl(endpointText);
  if (!absolute) {
    return notReady(`"${endpointText}" is a path on the site where you paste the code: the builder cannot reach it from here.`, [
      `To test it, enter its full address for now (https://your-site.example${endpointText.startsWith('/') ? endpointText : `/${endpointText}`}), then put the path back.`,
    ]);
  }
  const { configuration } = problemsOf(state, page.href);
  const { target, values } = configuration;
  if (!target) {
    const blocking = configuration.problems.filter((problem) => problem.attribute === 'endpoint' || problem.attribute === 'destination');
    return notReady('The widget would send nothing with these settings, so nothing was sent.', blocking.map((problem) => `${problem.attribute}: ${problem.message}`));
  }
  const endpoint = new URL(target.endpoint);
  const name = destinationNames[target.destination];
  if (page.protocol === 'https:' && endpoint.protocol === 'http:' && !isLoopback(endpoint.hostname)) {
    return {
      verdict: 'unreachable',
      ok: false,
      headline: `Blocked by the browser: a page on https:// may not send to an http:// address (${endpoint.origin}).`,
      details: [],
      fixes: ['Use the endpoint\'s https:// address. Your site\'s visitors would be blocked the same way.'],
    };
  }

  const built = await testLead(state, configuration);
  if ('issues' in built) return notReady('The widget would not send this lead: it fails its own checks.', [], built.issues);
  const lead = built.lead;

  // The answer to the lead's POST, kept for the report: sendLead reads it, a clone is read here.
  let answer: Promise<Answer | undefined> = Promise.resolve(undefined);
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await realFetch(input, init);
    if (init?.method === 'POST' && response.type !== 'opaque' && response.type !== 'opaqueredirect') {
      const copy = response.clone();
      answer = copy.text().then((body) => ({ status: copy.status, statusText: copy.statusText, body }), () => undefined);
    }
    return response;
  };
  let outcome: SendOutcome;
  try {
    outcome = await sendLead(lead, { target, timeout: values.timeout });
  } finally {
    globalThis.fetch = realFetch;
  }
  const read = await answer;
  const sentLine = `Sent one test lead (id ${lead.id}, "test": true) as ${target.destination} to ${target.endpoint}.`;

  switch (outcome.kind) {
    case 'delivered':
      return delivered(outcome, target, read, sentLine, page);
    case 'rejected':
      return refused(outcome, target, read, sentLine);
    case 'failed':
      if (outcome.reason === 'timeout') {
        return {
          verdict: 'timeout',
          ok: false,
          headline: `${name} did not answer within ${values.timeout} ms.`,
          details: [sentLine],
          fixes: ['Check that the endpoint is up and answers quickly. On a site, the widget would retry, then keep the lead in the browser and send it later.', 'If it is only slow, raise Timeout (under Delivery).'],
          uncertain: 'Whether it received the lead: a slow server may still store it.',
        };
      }
      if (outcome.reason === 'server') return serverError(outcome, target, read, sentLine);
      return unanswered(target, lead, sentLine, page);
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** The test lead: a prospect who asks for email and ticks the first indicator, as the widget builds it. */
async function testLead(state: BuilderState, configuration: ReturnType<typeof problemsOf>['configuration']): Promise<{ lead: Lead } | { issues: string[] }> {
  const { values } = configuration;
  // The widget's language, or English: on a site the page's language decides.
  const locale = localeFor(state.lang || undefined);
  const text = { ...builtInLocales[locale], ...values.strings };
  const indicators = values.indicators ?? [];
  const answers = { preference: 'email' as const, ...testContact, indicators: indicators.slice(0, 1).map((indicator) => indicator.value) };
  const consentText = text[labelKey('preference', answers.preference)];
  try {
    const candidate = candidateLead(answers, { configuration, locale, text, indicators }, { id: createLeadId(), consentText, textSha256: await consentDigest(consentText) });
    const parsed = parseLead({ ...candidate, test: true });
    return parsed.success ? { lead: parsed.lead } : { issues: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`) };
  } catch (error) {
    return { issues: [String(error)] };
  }
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

function delivered(outcome: Extract<SendOutcome, { kind: 'delivered' }>, target: DeliveryTarget, read: Answer | undefined, sentLine: string, page: Page): TestSendReport {
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

function refused(outcome: Extract<SendOutcome, { kind: 'rejected' }>, target: DeliveryTarget, read: Answer | undefined, sentLine: string): TestSendReport {
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

function serverError(outcome: Extract<SendOutcome, { kind: 'failed' }>, target: DeliveryTarget, read: Answer | undefined, sentLine: string): TestSendReport {
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

/** What the page can learn about an endpoint after a request with no readable answer. */
interface Probe {
  /** A CORS HEAD that follows no redirect: `ok` (readable), `redirect` (an unfollowed redirect), `refused`. */
  cors: 'ok' | 'redirect' | 'refused';
  /** A `no-cors` HEAD: any answer at all. */
  answered: boolean;
  /** A CORS HEAD with the lead's own request headers, which needs the same preflight: `none` when no preflight is needed. */
  preflight: 'ok' | 'refused' | 'none';
  /** Where a redirect leads, when the page may read it. */
  redirectsTo?: string;
}

/** Request headers a browser sends without a preflight (Fetch's CORS-safelisted request headers). */
function needsPreflight(headers: Record<string, string>): boolean {
  return Object.entries(headers).some(([header, value]) => {
    const name = header.toLowerCase();
    if (name === 'content-type') return !/^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\s*(;|$)/i.test(value);
    return !['accept', 'accept-language', 'content-language'].includes(name);
  });
}

export async function probeEndpoint(url: string, headers: Record<string, string>, ms = 4000): Promise<Probe> {
  const ask = async (init: RequestInit) => {
    try {
      return await fetch(url, { method: 'HEAD', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(ms), ...init });
    } catch {
      return undefined;
    }
  };
  const cors = await ask({ mode: 'cors', redirect: 'manual' });
  // Chromium refuses a no-cors request that does not follow redirects.
  const plain = await ask({ mode: 'no-cors', redirect: 'follow' });
  const probe: Probe = { cors: !cors ? 'refused' : cors.type === 'opaqueredirect' ? 'redirect' : 'ok', answered: Boolean(plain), preflight: 'none' };
  if (probe.cors === 'redirect') {
    const followed = await ask({ mode: 'cors', redirect: 'follow' });
    if (followed?.redirected) probe.redirectsTo = followed.url;
  }
  if (probe.cors === 'ok' && needsPreflight(headers)) probe.preflight = (await ask({ mode: 'cors', redirect: 'manual', headers })) ? 'ok' : 'refused';
  return probe;
}

async function unanswered(target: DeliveryTarget, lead: Lead, sentLine: string, page: Page): Promise<TestSendReport> {
  const name = destinationNames[target.destination];
  const request = destinations[target.destination].handover(lead, target);
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([header]) => header.toLowerCase() !== 'content-length'));
  const probe = await probeEndpoint(request.url, headers);
  const origin = new URL(target.endpoint).origin;
  const details = [sentLine, 'The browser got no answer it may show this page, and does not say why. So the page asked the endpoint again, without the lead:'];
  const asked = [
    `• a plain HEAD request (no-cors): ${probe.answered ? 'answered' : 'no answer at all'};`,
    `• a CORS HEAD request: ${probe.cors === 'ok' ? 'answered, with CORS headers for this page' : probe.cors === 'redirect' ? 'answered with a redirect' : 'no readable answer'};`,
    ...(probe.preflight === 'none' ? [] : [`• the same with the lead's headers (${Object.keys(headers).join(', ')}), which needs a preflight: ${probe.preflight === 'ok' ? 'allowed' : 'refused'}.`]),
  ];
  const builderNote = `This test runs from ${page.origin}; your visitors' browsers send from your site. An endpoint that allows only your site's origin refuses this page but not your site: allow ${page.origin} for the test, or test from your site.`;
  const corsHeaders = `Access-Control-Allow-Origin: <your site's origin> (for this test, ${page.origin})`;
  if (!probe.answered && probe.cors === 'refused') {
    return {
      verdict: 'unreachable',
      ok: false,
      headline: `Unreachable: nothing answered at ${origin}.`,
      details: [...details, ...asked],
      fixes: ['Check the address (a typo, http instead of https, a missing port) and that the server is up.'],
      uncertain: 'The browser does not say why nothing answered: a wrong address, a server that is down, a firewall or VPN, or an ad blocker on this browser all look the same.',
    };
  }
  if (probe.cors === 'redirect') {
    return {
      verdict: 'redirected',
      ok: false,
      headline: `Redirected: ${origin} answers this address with a redirect${probe.redirectsTo ? ` to ${probe.redirectsTo}` : ''}, and the widget never follows a redirect with a lead (it would re-send the lead wherever it points).`,
      details: [...details, ...asked],
      fixes: [probe.redirectsTo ? `Use the address it redirects to as the endpoint: ${probe.redirectsTo}` : 'Use the final address as the endpoint (open it in a browser tab: often https:// instead of http://, or a slash at the end).'],
    };
  }
  if (probe.cors === 'refused') {
    const fixes =
      target.destination === 'mautic'
        ? [`In Mautic, add your site (and for this test ${page.origin}) to the CORS valid domains (Settings → Configuration → System Settings → CORS Settings).`]
        : target.destination === 'json'
          ? [
              `On the server: answer the preflight (OPTIONS) with 204 and ${corsHeaders}, Access-Control-Allow-Methods: POST, Access-Control-Allow-Headers: Content-Type, Idempotency-Key; and send Access-Control-Allow-Origin on the answer to the POST as well.`,
              'If the endpoint is a catch hook (Zapier, Make, Pipedream) or a form service whose headers you cannot change, choose Destination: form (destination="form"): a plain form post, which needs no preflight.',
            ]
          : [`On the server: send ${corsHeaders} on its answers.`];
    return {
      verdict: 'cors',
      ok: false,
      headline: `Refused by CORS: ${name} answered, but not to this page: it sends no Access-Control-Allow-Origin header for ${page.origin}, so the browser ${target.destination === 'json' ? 'refused the preflight and never sent the lead' : 'hid its answer'}.`,
      details: [...details, ...asked],
      fixes: [...fixes, builderNote],
      uncertain: 'A redirect without CORS headers looks the same to the page: if the fixes above change nothing, check that the address does not redirect.',
    };
  }
  if (probe.preflight === 'refused') {
    return {
      verdict: 'preflight',
      ok: false,
      headline: `The preflight was refused: ${name} allows this page, but not the request headers the lead is sent with (${Object.keys(headers).join(', ')}).`,
      details: [...details, ...asked],
      fixes: [
        `On the server, answer the preflight (OPTIONS) with Access-Control-Allow-Headers: ${Object.keys(headers).join(', ')} and Access-Control-Allow-Methods: POST.`,
        ...(target.destination === 'json' ? ['If you cannot change the server, choose Destination: form (destination="form"): a plain form post, which needs no preflight.'] : []),
      ],
    };
  }
  return {
    verdict: 'unreadable',
    ok: false,
    headline: `${name} answers this page, yet the lead's POST got no answer the page may read.`,
    details: [...details, ...asked],
    fixes: [
      'Check the server\'s log for the test POST. Make every answer carry Access-Control-Allow-Origin, errors included, and answer the endpoint\'s own address without a redirect.',
    ],
    uncertain: 'Whether the server stored the lead: it may redirect POST requests, drop the connection, or answer the POST (an error, say) without CORS headers; the page cannot tell these apart.',
  };
}
