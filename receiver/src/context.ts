import type { RateLimiter } from './rate-limit.js';
import type { CallWindows } from './rules/queue.js';
import type { Sessions } from './session.js';
import type { LeadStore } from './store/store.js';

/** What a route needs, built once per receiver. */
export interface Context {
  store: LeadStore;
  /** Absent when no inbox password is set (the inbox is off). */
  sessions?: Sessions;
  now: () => Date;
  log: (line: string) => void;
  allowedOrigins: ReadonlySet<string>;
  leadLimiter: RateLimiter;
  loginLimiter: RateLimiter;
  trustProxy: boolean;
  callWindows: CallWindows;
  inboxDir: URL | undefined;
}

/** Per request: who is asking. */
export interface RequestInfo {
  /** The socket's peer address (the server layer gives it). */
  clientAddress?: string;
}

/**
 * The client's address: the socket's, or with trustProxy the last `X-Forwarded-For` entry (the
 * one the nearest proxy, ours, appended; entries before it are whatever the client claimed).
 */
export function clientAddress(context: Context, request: Request, info: RequestInfo | undefined): string {
  if (context.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    const nearest = forwarded?.split(',').map((entry) => entry.trim()).filter(Boolean).pop();
    if (nearest) return nearest.slice(0, 100);
  }
  return info?.clientAddress ?? (request as Request & { ip?: string }).ip ?? 'unknown';
}

/** The receiver's own origin as the browser sees it (behind a trusted proxy: its scheme and host). */
export function ownOrigin(context: Context, request: Request): string {
  const url = new URL(request.url);
  if (context.trustProxy) {
    const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

export function isHttps(context: Context, request: Request): boolean {
  return ownOrigin(context, request).startsWith('https:');
}
