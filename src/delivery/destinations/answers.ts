import { shorten } from '../../text.js';
import { formFieldNames, hiddenRetryAfter, type DeliveryTarget, type FieldProblems, type FormFieldName, type SendOutcome } from './types.js';

/** Reading what an endpoint answered, shared by the destinations. */

const retryableStatuses = new Set([408, 429]);

/** The outcome the status alone gives: 2xx sent, 408/429/5xx worth retrying, other 4xx refused. */
export async function statusOutcome(response: Response): Promise<SendOutcome> {
  const { status } = response;
  if (response.ok) {
    // Read the (small) answer so the request completes and frees its connection.
    await response.text().catch(() => '');
    return { kind: 'delivered', status, confirmed: true };
  }
  const problem = await problemOf(response);
  if (status >= 500 || retryableStatuses.has(status)) {
    // Another origin's header is readable only when it exposes it (Access-Control-Expose-Headers).
    const retryAfter = response.headers.get('Retry-After') ?? (status === 429 && response.type === 'cors' ? hiddenRetryAfter : undefined);
    return { kind: 'failed', reason: 'server', status, problem, ...(retryAfter ? { retryAfter } : {}) };
  }
  return { kind: 'rejected', status, problem };
}

/** The answer as JSON, or undefined when it is not JSON (an HTML page, say). */
export async function jsonOf(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The server's explanation in plain words. Reads RFC 9457 problem details and the usual
 * `{ error | message }` shapes; anything else (an HTML error page) is reduced to the status
 * text, never shown as markup.
 */
export async function problemOf(response: Response): Promise<string> {
  const fallback = response.statusText ? `${response.status} ${response.statusText}` : `HTTP ${response.status}`;
  return problemText(await jsonOf(response)) ?? fallback;
}

export function problemText(body: unknown): string | undefined {
  if (typeof body === 'string') return shorten(body.trim());
  if (!isRecord(body)) return undefined;
  for (const key of ['detail', 'message', 'error', 'title']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim()) return shorten(value.trim());
    if (isRecord(value)) {
      const nested = problemText(value);
      if (nested) return nested;
    }
  }
  return undefined;
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

/** Which of the form's own fields a destination's field name stands for, if any. */
export function formFieldFor(destinationName: string, target: DeliveryTarget, defaults: Partial<Record<FormFieldName, string>> = {}): FormFieldName | undefined {
  return formFieldNames.find((field) => (target.fieldNames?.[field] ?? defaults[field] ?? field) === destinationName);
}
