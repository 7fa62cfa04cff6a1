import * as z from 'zod/mini';
import type { Context, RequestInfo } from './context.js';
import { HttpProblem, problemResponse, securityHeaders } from './http.js';
import { createNotifications } from './notifications/worker.js';
import { defaults, normalizeOrigin, type ReceiverOptions } from './options.js';
import { defaultInboxDir, folderUrl } from './paths.js';
import { RateLimiter } from './rate-limit.js';
import { apiRoute } from './routes/api.js';
import { inboxRoute } from './routes/inbox.js';
import { leadsRoute } from './routes/leads.js';
import { defaultCallWindows } from './rules/queue.js';
import { Sessions } from './session.js';
import { openDatabase, type Database } from './store/database.js';
import { LeadStore } from './store/store.js';

// Readable English messages in 400 answers (the widget's bundle ships without locale data).
z.config(z.locales.en());

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/**
 * The receiver: a web-standard handler (`Request` in, `Response` out) with a few controls.
 * Call it from any server layer (the CLI uses srvx), a Netlify or Vercel function, or a test.
 */
export interface Receiver {
  (request: Request, info?: RequestInfo): Promise<Response>;
  /** Resolves once the database is open and migrated (rejects when it cannot be). */
  readonly ready: Promise<void>;
  /** The store, for scripts and tests (the API is the way in for everything else). */
  store(): Promise<LeadStore>;
  /** Retention and expired sessions now (it also runs at start and then hourly, checked on requests). */
  runMaintenance(): Promise<void>;
  /** Records the port in the data directory's lock, once the server listens. */
  setPort(port: number): void;
  /** Closes the database (and releases the data directory). Answer no more requests after it. */
  close(): Promise<void>;
}

/** Checks the options a person typed; throws one readable Error naming the setting. */
export function checkOptions(options: ReceiverOptions): void {
  for (const origin of options.allowedOrigins ?? []) {
    if (!normalizeOrigin(origin)) throw new Error(`allowed origin "${origin}" is not an origin: write scheme and host, like https://www.example.com`);
  }
  const whole = (name: string, value: number | undefined, min: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new Error(`${name} must be a whole number of at least ${min}`);
  };
  whole('rateLimit', options.rateLimit, 1);
  whole('retentionDays', options.retentionDays, 1);
  whole('loginAttemptsPerMinute', options.loginAttemptsPerMinute, 1);
  if (options.sessionHours !== undefined && !(options.sessionHours > 0)) throw new Error('sessionHours must be more than 0');
}

export function createReceiver(options: ReceiverOptions = {}): Receiver {
  checkOptions(options);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const retentionDays = options.retentionDays ?? defaults.retentionDays;
  const given = options.database ?? defaults.database;
  const ownsDatabase = typeof given === 'string';
  const callWindows = { ...defaultCallWindows, ...options.callWindows };
  // Checked before anything opens: a rule that cannot send stops the start.
  const notifications = options.notifications ? createNotifications(options.notifications, { now, log, callWindows }) : undefined;

  let database: Database | undefined;
  const opening = (async () => {
    database = typeof given === 'string' ? await openDatabase(given, { ...(options.port !== undefined ? { port: options.port } : {}) }) : given;
    try {
      const hooks = [...(options.onLeadStored ? [options.onLeadStored] : []), ...(notifications ? [notifications.hook] : [])];
      const store = await LeadStore.open(database, hooks.length > 0 ? { onLeadStored: hooks } : {});
      notifications?.start(store);
      const context: Context = {
        store,
        ...(options.inboxPassword ? { sessions: new Sessions(store, options.inboxPassword, (options.sessionHours ?? defaults.sessionHours) * hour) } : {}),
        now,
        log,
        allowedOrigins: new Set((options.allowedOrigins ?? []).map((origin) => normalizeOrigin(origin)!)),
        leadLimiter: new RateLimiter(options.rateLimit ?? defaults.rateLimit),
        loginLimiter: new RateLimiter(options.loginAttemptsPerMinute ?? defaults.loginAttemptsPerMinute),
        trustProxy: options.trustProxy === true,
        callWindows,
        inboxDir: options.inboxDir === false ? undefined : options.inboxDir === undefined ? defaultInboxDir() : folderUrl(options.inboxDir),
      };
      return context;
    } catch (error) {
      if (ownsDatabase) await database.close().catch(() => {});
      throw error;
    }
  })();

  let lastMaintenance: number | undefined;
  let maintaining: Promise<void> | undefined;
  const maintain = async (context: Context) => {
    const time = context.now();
    await context.store.redactOlderThan(new Date(time.getTime() - retentionDays * day), time);
    await context.store.deleteExpiredSessions(time);
    lastMaintenance = time.getTime();
  };
  /** Retention at start and then at most hourly, on the injected clock (so tests can move time). */
  const maintainIfDue = (context: Context): Promise<void> | undefined => {
    if (lastMaintenance !== undefined && context.now().getTime() - lastMaintenance < hour) return maintaining;
    maintaining ??= maintain(context).finally(() => (maintaining = undefined));
    return maintaining;
  };

  const ready = opening.then(async (context) => {
    await maintainIfDue(context);
  });
  // A failed start is reported through `ready` and through every answer; never as an unhandled rejection.
  ready.catch(() => {});

  let closed = false;
  const handler = async (request: Request, info?: RequestInfo): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return problemResponse(new HttpProblem(400, 'Bad request', 'The request URL is not valid.'));
    }
    let context: Context;
    try {
      if (closed) throw new Error('closed');
      context = await opening;
      await maintainIfDue(context);
    } catch {
      return problemResponse(new HttpProblem(503, 'Not ready', 'The receiver cannot reach its database; try again later.'), { 'Retry-After': '10' });
    }
    const path = url.pathname;
    if (path === '/leads' || path === '/leads/') return leadsRoute(context, request, info);
    if (path === '/api' || path.startsWith('/api/')) return apiRoute(context, request, info, url);
    if (path === '/inbox' || path.startsWith('/inbox/')) {
      if (!context.sessions) {
        return problemResponse(new HttpProblem(503, 'Inbox off', 'The inbox is off: start the receiver with LEAD_INBOX_PASSWORD set (POST /leads works without it).'));
      }
      return inboxRoute(context.inboxDir, request, url);
    }
    if (path === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      return new Response(null, { status: 302, headers: { ...securityHeaders, Location: '/inbox/' } });
    }
    return problemResponse(new HttpProblem(404, 'Not found', 'Leads go to POST /leads; the inbox is at /inbox/.'));
  };

  return Object.assign(handler, {
    ready,
    store: async () => (await opening).store,
    runMaintenance: async () => maintain(await opening),
    setPort: (port: number) => database?.setPort?.(port),
    async close() {
      if (closed) return;
      closed = true;
      await opening.catch(() => {});
      await notifications?.stop();
      if (ownsDatabase) await database?.close();
    },
  });
}
