import type { Lead } from '../lead/schema.js';

/**
 * One HTTP attempt to hand a lead to the site's endpoint. Later layers (retry, queue,
 * page exit) build on this; it never throws, it reports an outcome.
 */

export interface SendOptions {
  endpoint: string;
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

export type SendOutcome =
  | { kind: 'delivered'; status: number }
  /** The endpoint refused this lead (a 4xx other than 408/429): sending it again will not help. */
  | { kind: 'rejected'; status: number; problem: string }
  /** Worth trying again: network down, timeout, 408, 429 or 5xx. */
  | { kind: 'failed'; reason: 'network' | 'timeout' | 'server'; status?: number; retryAfter?: string; problem: string };

const retryableStatuses = new Set([408, 429]);
const longestProblem = 300;

export async function sendLead(lead: Lead, options: SendOptions): Promise<SendOutcome> {
  const fetchLead = options.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeout);
  try {
    const response = await fetchLead(options.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': lead.id },
      body: JSON.stringify(lead),
      credentials: 'omit',
      // A redirect would replay the lead to a place the site owner never named.
      redirect: 'error',
      // The body carries the page as origin + path; the Referer must not say more (a query
      // string often holds tokens or an email address).
      referrerPolicy: 'strict-origin',
      keepalive: options.keepalive === true,
      signal: controller.signal,
    });
    return await outcomeOf(response);
  } catch (error) {
    if (controller.signal.aborted) {
      return { kind: 'failed', reason: 'timeout', problem: `No answer within ${options.timeout} ms` };
    }
    return { kind: 'failed', reason: 'network', problem: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function outcomeOf(response: Response): Promise<SendOutcome> {
  const { status } = response;
  if (response.ok) {
    // Read the (small) answer so the request completes and frees its connection.
    await response.text().catch(() => '');
    return { kind: 'delivered', status };
  }
  const problem = await problemOf(response);
  if (status >= 500 || retryableStatuses.has(status)) {
    const retryAfter = response.headers.get('Retry-After') ?? undefined;
    return { kind: 'failed', reason: 'server', status, problem, ...(retryAfter ? { retryAfter } : {}) };
  }
  return { kind: 'rejected', status, problem };
}

/**
 * The server's explanation in plain words. Reads RFC 9457 problem details and the usual
 * `{ error | message }` shapes; anything else (an HTML error page) is reduced to the status
 * text, never shown as markup.
 */
export async function problemOf(response: Response): Promise<string> {
  const fallback = response.statusText ? `${response.status} ${response.statusText}` : `HTTP ${response.status}`;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return fallback;
  }
  return problemText(body) ?? fallback;
}

function problemText(body: unknown): string | undefined {
  if (typeof body === 'string') return shorten(body);
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['detail', 'message', 'error', 'title']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return shorten(value);
    if (value && typeof value === 'object') {
      const nested = problemText(value);
      if (nested) return nested;
    }
  }
  return undefined;
}

function shorten(value: string): string {
  const singleLine = value.replace(/\s+/g, ' ').trim();
  return singleLine.length > longestProblem ? `${singleLine.slice(0, longestProblem - 1)}…` : singleLine;
}
