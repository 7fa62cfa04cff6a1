import { destinations } from '../src/delivery/destinations/index.js';
import type { DeliveryTarget } from '../src/delivery/destinations/types.js';
import type { Lead } from '../src/lead/schema.js';
import { destinationNames } from './destinations.js';
import type { Page, TestSendReport } from './test-send-report.js';

/**
 * A test lead that got no answer the page may read: the browser does not say why, so the
 * endpoint is asked again without the lead (a CORS HEAD, a no-cors HEAD, the lead's own
 * headers), and the answers tell CORS, a refused preflight, a redirect and an unreachable
 * server apart, each with its fix.
 */

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

export async function unanswered(target: DeliveryTarget, lead: Lead, sentLine: string, page: Page): Promise<TestSendReport> {
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
