import type { NotificationOptions } from './notifications/worker.js';
import type { CallWindows } from './rules/queue.js';
import type { Database } from './store/database.js';
import type { LeadStoredHook } from './store/store.js';

export interface ReceiverOptions {
  /**
   * Where leads are kept: a directory for the embedded PGlite database (default `./lead-data`),
   * `memory` (PGlite in memory: tests, demos), a `postgres://` or `postgresql://` URL, or an
   * already open {@link Database}.
   */
  database?: string | Database;
  /** Site origins allowed to post leads (`https://www.example.com`); any site when empty or absent. */
  allowedOrigins?: readonly string[];
  /** The inbox's password; without it `/api/*` and `/inbox` answer 503 (POST /leads still works). */
  inboxPassword?: string;
  /** Leads a minute from one client address before 429 (default 30). */
  rateLimit?: number;
  /** Trust `X-Forwarded-For` (the address the nearest proxy appended) and `X-Forwarded-Proto`/`-Host`: only behind your own proxy. */
  trustProxy?: boolean;
  /** Days after which leads whose preference is `none` lose name, email and phone (default 365). */
  retentionDays?: number;
  /** The clock (tests inject one). */
  now?: () => Date;
  /** Call windows in the prospect's time zone (hours); defaults: morning 9–12, afternoon 12–17, evening 17–20, none 9–17 Mon–Fri. */
  callWindows?: Partial<CallWindows>;
  /** Folder served at `/inbox` (default: the package's `dist/inbox`); `false` serves nothing. */
  inboxDir?: string | URL | false;
  /** Hours a session lasts without use (sliding; default 12). */
  sessionHours?: number;
  /** Wrong passwords a minute from one client address before 429 (default 5). */
  loginAttemptsPerMinute?: number;
  /** One line per lead (its id and status only) and per failure; default `console.log`. */
  log?: (line: string) => void;
  /** Run in the transaction of each newly stored lead (see `LeadStore.onLeadStored`). */
  onLeadStored?: LeadStoredHook;
  /** The port this receiver listens on, for the data-directory lock's message. */
  port?: number;
  /** Notification rules and SMTP (docs/notifications.md): the outbox is written with each lead, a worker sends it. */
  notifications?: NotificationOptions;
}

export const defaults = {
  database: './lead-data',
  rateLimit: 30,
  retentionDays: 365,
  sessionHours: 12,
  loginAttemptsPerMinute: 5,
  port: 8787,
} as const;

/** A site origin as browsers send it: scheme, host, optional port; nothing else. */
export function normalizeOrigin(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
