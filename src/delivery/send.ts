import type { Lead } from '../lead/schema.js';
import { destinations } from './destinations/index.js';
import type { DeliveryTarget, SendOutcome } from './destinations/types.js';

/**
 * One HTTP attempt to hand a lead to its destination. Later layers (retry, queue, page exit)
 * build on this; it never throws, it reports an outcome. Every request that carries a lead
 * goes the same way: no cookies, no redirect followed, and a Referer of the page's origin only.
 */

export type { SendOutcome } from './destinations/types.js';

export interface SendOptions {
  target: DeliveryTarget;
  /** Milliseconds before the attempt is abandoned. */
  timeout: number;
  /**
   * For the page-exit path: the browser finishes the request after the page is gone. Same
   * request otherwise, so the exit keeps every promise a normal attempt keeps.
   */
  keepalive?: boolean;
  /**
   * Asks the server, after a failed request, whether it answered without CORS headers (see
   * `answeredWithoutCors`); the caller passes one per lead, so a lead costs one question
   * however many of its attempts fail.
   */
  askServer?: typeof answeredWithoutCors;
}

/** A question to the server waits this long at most: the prospect may be waiting for it. */
const probeTimeout = 2000;

export async function sendLead(lead: Lead, options: SendOptions): Promise<SendOutcome> {
  const destination = destinations[options.target.destination];
  const request = destination.handover(lead, options.target);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeout);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      mode: request.mode ?? 'cors',
      credentials: 'omit',
      // A redirect would replay the lead to a place the site owner never named.
      redirect: request.redirect ?? 'error',
      // The body carries the page as origin + path; the Referer must not say more (a query
      // string often holds tokens or an email address).
      referrerPolicy: 'strict-origin',
      keepalive: options.keepalive === true,
      signal: controller.signal,
    });
    // An opaque answer (no-cors) or an unfollowed redirect (Apps Script's): the server
    // answered, and the browser will not say more.
    if (response.type.startsWith('opaque')) return { kind: 'delivered', status: 0, confirmed: false };
    return await destination.read(response, options.target);
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: 'failed', reason: 'timeout', problem: `No answer within ${options.timeout} ms` };
    }
    const problem = error instanceof Error ? error.message : String(error);
    // The browser tells no reason. A connection dropped with no answer looks exactly like an
    // answer CORS hid, so a failure is retried, which is safe where the endpoint dedupes and
    // where nothing could have arrived (a no-cors request resolves whenever the server
    // answers). Only a simple request to a form service may have been stored although its
    // answer is hidden: there the server is asked, and a server that answers but sends no
    // CORS headers at all counts as having taken it (retrying would store it again).
    const mayBeStored = request.unreadableAnswerMeansSent && !options.keepalive && crossOrigin(request.url);
    if (mayBeStored && (await (options.askServer ?? answeredWithoutCors)(request.url))) {
      return { kind: 'delivered', status: 0, confirmed: false };
    }
    return { kind: 'failed', reason: 'network', problem };
  } finally {
    clearTimeout(timer);
  }
}

function crossOrigin(url: string): boolean {
  const page = globalThis.location;
  return page === undefined || new URL(url, page.href).origin !== page.origin;
}

/**
 * After a failed request, did the server answer, only without CORS headers? First a CORS
 * HEAD that follows no redirect: readable, the server speaks CORS, so the request failed on
 * the way (false). Then a no-cors HEAD, the only kind that shows a server is there when it
 * sends no CORS headers (Chromium follows redirects for it whatever is asked). Neither
 * carries a body, cookies or a referrer, and each gives up after `probeTimeout`.
 */
export async function answeredWithoutCors(url: string): Promise<boolean> {
  const ask = (mode: RequestMode) =>
    fetch(url, { method: 'HEAD', mode, redirect: mode === 'cors' ? 'manual' : 'follow', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(probeTimeout) }).then(
      () => true,
      () => false,
    );
  return !(await ask('cors')) && ask('no-cors');
}
