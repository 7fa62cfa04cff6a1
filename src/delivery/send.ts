import type { Lead } from '../lead/schema.js';
import type { DeliveryTarget, SendOutcome } from './destinations/index.js';
import { destinations } from './destinations/registry.js';

/**
 * One HTTP attempt to hand a lead to its destination. Later layers (retry, queue, page exit)
 * build on this; it never throws, it reports an outcome. Every request that carries a lead
 * goes the same way: no cookies, no redirect followed (Apps Script's own answer excepted),
 * and a Referer of the page's origin only.
 */

export type { SendOutcome } from './destinations/index.js';

export interface SendOptions {
  target: DeliveryTarget;
  /** Milliseconds before the attempt is abandoned. */
  timeout: number;
  /**
   * For the page-exit path: the browser finishes the request after the page is gone. Same
   * request otherwise, so the exit keeps every promise a normal attempt keeps.
   */
  keepalive?: boolean;
  /** Injectable for Node-side use; browsers use the global fetch. */
  fetch?: typeof fetch;
}

/** A probe waits this long for the server to show it is there. */
const probeTimeout = 3000;

export async function sendLead(lead: Lead, options: SendOptions): Promise<SendOutcome> {
  const fetchLead = options.fetch ?? globalThis.fetch.bind(globalThis);
  const destination = destinations[options.target.destination];
  const request = destination.handover(lead, options.target);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeout);
  try {
    const response = await fetchLead(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      mode: request.mode,
      credentials: 'omit',
      // A redirect would replay the lead to a place the site owner never named.
      redirect: request.redirect,
      // The body carries the page as origin + path; the Referer must not say more (a query
      // string often holds tokens or an email address).
      referrerPolicy: 'strict-origin',
      keepalive: options.keepalive === true,
      signal: controller.signal,
    });
    if (response.type === 'opaque') return { kind: 'delivered', status: 0, confirmed: false };
    return await destination.read(response, options.target);
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: 'failed', reason: 'timeout', problem: `No answer within ${options.timeout} ms` };
    }
    const problem = error instanceof Error ? error.message : String(error);
    // The browser hides why a request failed. A server that answers at all was reachable:
    // the request was refused by CORS or a redirect, or its answer was merely unreadable.
    if (options.keepalive || !crossOrigin(request.url) || !(await reachable(request.url, fetchLead))) {
      return { kind: 'failed', reason: 'network', problem };
    }
    if (request.unreadableAnswerMeansSent) return { kind: 'delivered', status: 0, confirmed: false };
    return { kind: 'failed', reason: 'blocked', problem: `${problem} (it answers: CORS or a redirect refused)` };
  } finally {
    clearTimeout(timer);
  }
}

function crossOrigin(url: string): boolean {
  const page = globalThis.location;
  return page === undefined || new URL(url, page.href).origin !== page.origin;
}

/**
 * Is anything answering there? A HEAD without body, cookies or referrer, whose answer the
 * browser keeps opaque: it carries nothing of the lead wherever it is redirected.
 */
async function reachable(url: string, fetchLead: typeof fetch): Promise<boolean> {
  try {
    await fetchLead(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(probeTimeout) });
    return true;
  } catch {
    return false;
  }
}
