import * as z from 'zod/mini';
import { clientAddress, isHttps, ownOrigin, type Context, type RequestInfo } from '../context.js';
import { csvHeader, csvLine } from '../csv.js';
import { HttpProblem, empty, json, problemResponse, readJson } from '../http.js';
import { followUpChannels, followUpOutcomes, noteLimit } from '../rules/follow-ups.js';
import { queueEntry, type LaterItem, type QueueItem } from '../rules/queue.js';
import { assembleReport } from '../rules/report.js';
import { cookieHeader } from '../session.js';
import { badParameter, cursorParameter, encodeCursor, filterParameters, isUuid, limitParameter, rangeParameters } from './query.js';

/** The inbox's API: JSON under /api/, a session required (except to log in). */

const smallBody = 8 * 1024;
const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

const loginSchema = z.object({ password: z.string().check(z.minLength(1), z.maxLength(1000)) });
const followUpSchema = z.object({
  channel: z.enum(followUpChannels),
  outcome: z.enum(followUpOutcomes),
  note: z.optional(z.string().check(z.maxLength(noteLimit))),
});

function parseBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const [first] = issues;
  throw new HttpProblem(400, 'Invalid request', `${first?.path || '(body)'}: ${first?.message ?? 'invalid'}`, { issues });
}

const unauthorized = () => new HttpProblem(401, 'Log in first', 'This needs an inbox session: POST /api/session with the password.');

/** A state-changing request from another site is refused (the cookie is SameSite=Strict too). */
function checkSameOrigin(context: Context, request: Request): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if ((origin && origin !== ownOrigin(context, request)) || site === 'cross-site') {
    throw new HttpProblem(403, 'Cross-site request refused', 'Changes to the inbox are accepted only from the inbox itself.');
  }
}

function emailParameter(url: URL): string {
  const email = url.searchParams.get('email')?.trim();
  if (!email) throw badParameter('email', 'email is required: the address of the person.');
  if (email.length > 254 || !emailPattern.test(email)) throw badParameter('email', 'email is an email address.');
  return email;
}

export async function apiRoute(context: Context, request: Request, info: RequestInfo | undefined, url: URL): Promise<Response> {
  try {
    return await route(context, request, info, url);
  } catch (error) {
    if (error instanceof HttpProblem) return problemResponse(error);
    context.log(`api ${request.method} ${url.pathname.replace(/[0-9a-f-]{36}/gi, ':id')} 500 ${(error as Error).name}`);
    return problemResponse(new HttpProblem(500, 'Server error', 'Something went wrong; try again.'));
  }
}

async function route(context: Context, request: Request, info: RequestInfo | undefined, url: URL): Promise<Response> {
  const sessions = context.sessions;
  if (!sessions) {
    throw new HttpProblem(503, 'Inbox off', 'The inbox is off: start the receiver with LEAD_INBOX_PASSWORD set (POST /leads works without it).');
  }
  checkSameOrigin(context, request);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = request.method;
  const now = context.now();

  if (path === '/api/session') {
    if (method === 'POST') {
      const address = clientAddress(context, request, info);
      const wait = context.loginLimiter.check(address, now.getTime());
      if (wait !== undefined) throw new HttpProblem(429, 'Too many attempts', `Too many wrong passwords: try again in ${wait} s.`, { headers: { 'Retry-After': String(wait) } });
      const { password } = parseBody(loginSchema, await readJson(request, smallBody));
      if (!(await sessions.checkPassword(password))) {
        context.loginLimiter.hit(address, now.getTime());
        context.log('session 401 wrong password');
        throw new HttpProblem(401, 'Wrong password', 'That is not the inbox password.');
      }
      const token = await sessions.start(now);
      return empty(204, { 'Set-Cookie': cookieHeader(token, sessions.lifetimeSeconds, isHttps(context, request)) });
    }
    if (method === 'GET') {
      if (!(await sessions.isValid(request, now))) throw unauthorized();
      return json(200, { authenticated: true });
    }
    if (method === 'DELETE') {
      await sessions.end(request);
      return empty(204, { 'Set-Cookie': cookieHeader('', 0, isHttps(context, request)) });
    }
    throw methodNotAllowed('GET, POST, DELETE');
  }

  if (!(await sessions.isValid(request, now))) throw unauthorized();

  if (/^\/api\/(notifications(\/|$)|leads\/[^/]+\/notifications$)/.test(path)) return (await import('./notifications.js')).notificationsRoute(context, request, url, path);

  if (path === '/api/leads') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    const filters = filterParameters(url);
    const limit = limitParameter(url, 50, 100);
    const page = await context.store.listLeads(filters, cursorParameter(url), limit);
    return json(200, { leads: page.leads, cursor: page.next ? encodeCursor(page.next) : null });
  }

  const leadPath = /^\/api\/leads\/([^/]+)(\/follow-ups)?$/.exec(path);
  if (leadPath) {
    const id = decodeURIComponent(leadPath[1]!);
    if (leadPath[2]) {
      if (method !== 'POST') throw methodNotAllowed('POST');
      const input = parseBody(followUpSchema, await readJson(request, smallBody));
      if (!isUuid(id)) throw notFound();
      const result = await context.store.addFollowUp(id.toLowerCase(), input, now);
      if (result.status === 'not-found') throw notFound();
      if (result.status === 'refused') throw new HttpProblem(409, 'Follow-up not allowed', result.reason);
      context.log(`follow-up ${id} 201 ${input.channel} ${input.outcome}`);
      return json(201, result.followUp);
    }
    if (method !== 'GET') throw methodNotAllowed('GET');
    const stored = isUuid(id) ? await context.store.getLead(id.toLowerCase()) : undefined;
    if (!stored) throw notFound();
    return json(200, stored);
  }

  if (path === '/api/queue') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    const limit = limitParameter(url, 100, 500);
    const queue: QueueItem[] = [];
    const later: LaterItem[] = [];
    let after: { tier: number; receivedAt: string; id: string } | undefined;
    for (;;) {
      const batch = await context.store.queueCandidates(after, 500);
      for (const candidate of batch) {
        const placed = queueEntry(candidate, now, context.callWindows);
        if (placed?.list === 'queue' && queue.length < limit) queue.push(placed.item);
        if (placed?.list === 'later' && later.length < limit) later.push(placed.item);
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < 500 || (queue.length >= limit && later.length >= limit)) break;
      after = { tier: last.tier, receivedAt: last.receivedAt, id: last.id };
    }
    return json(200, { queue, later });
  }

  if (path === '/api/report') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    const range = rangeParameters(url);
    const { offerRows, detailRows } = await context.store.reportRows(range);
    return json(200, assembleReport(offerRows, detailRows, range));
  }

  if (path === '/api/export.csv') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    const filters = filterParameters(url);
    const store = context.store;
    let after = cursorParameter(url);
    let started = false;
    let done = false;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHeader));
          return;
        }
        if (done) {
          controller.close();
          return;
        }
        const page = await store.listLeads(filters, after, 500);
        if (page.leads.length > 0) controller.enqueue(encoder.encode(page.leads.map(csvLine).join('')));
        if (page.next) after = page.next;
        else done = true;
      },
    });
    const day = now.toISOString().slice(0, 10);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': `attachment; filename="leads-${day}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    });
  }

  if (path === '/api/people') {
    const email = emailParameter(url);
    if (method === 'GET') return json(200, { email, leads: await context.store.person(email) });
    if (method === 'DELETE') {
      const erased = await context.store.erasePerson(email, now);
      context.log(`people erased ${erased} leads`);
      return json(200, { erased });
    }
    throw methodNotAllowed('GET, DELETE');
  }

  throw notFound();
}

function notFound(): HttpProblem {
  return new HttpProblem(404, 'Not found', 'Nothing here: see docs/receiver.md for the API.');
}

function methodNotAllowed(allow: string): HttpProblem {
  return new HttpProblem(405, 'Method not allowed', `Use ${allow}.`, { headers: { Allow: allow } });
}
