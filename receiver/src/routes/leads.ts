import { parseLead, type Lead } from 'lead-capture/schema';
import { canonicalJson, sha256Hex } from '../crypto.js';
import { clientAddress, type Context, type RequestInfo } from '../context.js';
import { empty, HttpProblem, json, problemResponse, readJson } from '../http.js';

/** The largest lead accepted: the widget's keepalive budget. */
export const largestLead = 64 * 1024;

const allowMethods = 'POST, HEAD, OPTIONS';

/**
 * CORS for `/leads`: the request's own origin when it is allowed (any origin when no list is
 * set: then `*`), with `Retry-After` exposed so the widget can read how long to wait.
 * Undefined when the origin is not allowed.
 */
function corsHeaders(context: Context, request: Request): Record<string, string> | undefined {
  const origin = request.headers.get('origin');
  const base = { 'Access-Control-Expose-Headers': 'Retry-After' };
  if (context.allowedOrigins.size === 0) return { 'Access-Control-Allow-Origin': '*', ...base };
  if (origin && context.allowedOrigins.has(origin)) return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', ...base };
  // Same-origin posts and server-to-server posts carry no Origin: nothing for CORS to grant.
  if (!origin) return { Vary: 'Origin' };
  return undefined;
}

/** A page without `crypto.subtle` (plain http) leaves the consent digest to the receiver. */
async function withConsentDigest(lead: Lead): Promise<Lead> {
  if (lead.consent.textSha256) return lead;
  return { ...lead, consent: { ...lead.consent, textSha256: await sha256Hex(lead.consent.text) } };
}

const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

export async function leadsRoute(context: Context, request: Request, info: RequestInfo | undefined): Promise<Response> {
  const cors = corsHeaders(context, request);
  if (!cors) {
    return problemResponse(new HttpProblem(403, 'Origin not allowed', 'This receiver does not accept leads from this site.'), { Vary: 'Origin' });
  }
  switch (request.method) {
    case 'OPTIONS':
      return empty(204, {
        ...cors,
        'Access-Control-Allow-Methods': allowMethods,
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '600',
      });
    case 'HEAD':
      return empty(204, cors);
    case 'POST':
      break;
    default:
      return problemResponse(new HttpProblem(405, 'Method not allowed', 'Send a lead with POST.'), { ...cors, Allow: allowMethods });
  }
  try {
    const wait = context.leadLimiter.hit(clientAddress(context, request, info), context.now().getTime());
    if (wait !== undefined) {
      context.log(`lead - 429`);
      throw new HttpProblem(429, 'Too many leads', `Too many leads from this address: try again in ${wait} s.`, { headers: { 'Retry-After': String(wait) } });
    }
    const body = await readJson(request, largestLead);
    const parsed = parseLead(body);
    if (!parsed.success) {
      // The widget shows `detail` to the prospect: one readable line; the full list is in `issues`.
      const [first, ...others] = parsed.issues;
      const summary = `${first?.path || '(lead)'}: ${first?.message ?? 'invalid'}${others.length ? ` (and ${others.length} more)` : ''}`;
      context.log('lead - 400');
      throw new HttpProblem(400, 'Invalid lead', summary, { issues: parsed.issues });
    }
    const header = request.headers.get('idempotency-key')?.trim();
    if (header !== undefined && header !== '' && !idempotencyKeyPattern.test(header)) {
      throw new HttpProblem(400, 'Invalid Idempotency-Key', 'Idempotency-Key is 1 to 200 visible ASCII characters (the widget sends the lead id).');
    }
    const lead = await withConsentDigest(parsed.lead);
    const outcome = await context.store.storeLead({
      idempotencyKey: header || lead.id,
      lead,
      bodySha256: await sha256Hex(canonicalJson(lead)),
      receivedAt: context.now(),
    });
    switch (outcome.status) {
      case 'stored':
        context.log(`lead ${outcome.id} 201 stored${lead.test ? ' (test)' : ''}`);
        return json(201, { id: outcome.id, stored: true }, cors);
      case 'duplicate':
      case 'erased':
        context.log(`lead ${outcome.id} 200 ${outcome.status === 'erased' ? 'erased before' : 'duplicate'}`);
        return json(200, { id: outcome.id, duplicate: true }, cors);
      case 'conflict':
        context.log(`lead ${outcome.id} 409 conflict`);
        throw new HttpProblem(
          409,
          'Idempotency key reused',
          'A different lead was already stored under this Idempotency-Key (or lead id); the first one is kept.',
        );
    }
  } catch (error) {
    if (error instanceof HttpProblem) {
      if (error.status === 413 || error.status === 415) context.log(`lead - ${error.status}`);
      return problemResponse(error, cors);
    }
    context.log(`lead - 500 ${(error as Error).name}`);
    return problemResponse(new HttpProblem(500, 'Not stored', 'The lead could not be stored; send it again later.'), cors);
  }
}
