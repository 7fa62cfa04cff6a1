import type { Lead } from 'lead-capture/schema';
import type { NotificationRule, ReceiverConfig } from '../config.js';
import { randomToken } from '../crypto.js';
import type { CallWindows } from '../rules/queue.js';
import type { LeadStoredHook, LeadStore } from '../store/store.js';
import type { Message } from './channels.js';
import { forwardedLead, ruleMatches, summarise, type DigestFigures } from './content.js';
import { digestFigures, dueDay } from './digest.js';
import { claimDue, enqueueDigest, enqueueLead, hasDigest, leadOf, markAttemptFailed, markDropped, markSent, type ClaimedNotification } from './outbox.js';
import { attempt, createMailSender, type MailSender } from './send.js';

/**
 * The notifications of one receiver: the hook that writes outbox rows in the lead's transaction,
 * and the worker that sends them. Delivery is at least once, with a bound: a row is claimed under
 * a lease before it is sent; a worker that dies mid-send (kill -9) leaves the claim, which another
 * worker (or this one restarted) takes over once the lease has run out, and sends again. So a
 * message whose send was cut off goes out at most once more, under the same notification id.
 */

export interface NotificationTuning {
  /** How often the worker looks for due rows (default 1 s). */
  pollMs?: number;
  /** How long a claim lasts before another worker may take it over (default 60 s; longer than `timeoutMs`). */
  leaseMs?: number;
  /** Per attempt: how long to wait for an answer (default 15 s). */
  timeoutMs?: number;
  /** Backoff: the first retry's delay, doubled each attempt up to `maxRetryMs` (defaults 10 s, 1 h). */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** Attempts before a notification is `failed` (default 12: about 3½ hours of retries with the defaults). */
  maxAttempts?: number;
}

export interface NotificationOptions {
  config: ReceiverConfig;
  /** `SMTP_URL`: where email channels send (smtp:// or smtps://, with user and password). */
  smtpUrl?: string;
  /** The sender of email channels without their own `from` (default `lead-capture-receiver@localhost`). */
  mailFrom?: string;
  tuning?: NotificationTuning;
}

export interface NotificationService {
  readonly hook: LeadStoredHook;
  /** Starts the worker (after the store is open). */
  start(store: LeadStore): void;
  /** One round now: due digests written, due rows sent. Resolves when the round is done (tests, and the worker's own loop). */
  runOnce(): Promise<void>;
  /** Stops after the round in flight (claims it could not finish are taken over after their lease). */
  stop(): Promise<void>;
}

/** Checks what the configuration cannot check alone; throws one line naming the key. */
export function checkNotificationOptions(options: NotificationOptions): void {
  const index = options.config.notifications.findIndex((rule) => rule.channel.type === 'email');
  if (index >= 0 && !options.smtpUrl) throw new Error(`notifications[${index}].channel: an email channel needs SMTP_URL (smtp://user:password@smtp.example.com:587)`);
  if (options.smtpUrl && !/^smtps?:\/\/[^/]/i.test(options.smtpUrl)) throw new Error('SMTP_URL is not an SMTP URL: write smtp://user:password@smtp.example.com:587 (or smtps:// for port 465)');
}

export function createNotifications(options: NotificationOptions, context: { now: () => Date; log: (line: string) => void; callWindows: CallWindows }): NotificationService {
  checkNotificationOptions(options);
  const rules = new Map(options.config.notifications.map((rule) => [rule.name, rule]));
  const tuning = { pollMs: 1000, leaseMs: 60_000, timeoutMs: 15_000, firstRetryMs: 10_000, maxRetryMs: 60 * 60_000, maxAttempts: 12, ...options.tuning };
  const publicUrl = options.config.publicUrl;
  const { now, log } = context;
  let store: LeadStore | undefined;
  let mail: Promise<MailSender & { close(): void }> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  // One claim token per worker: a row is only marked by the worker that holds it.
  const claim = randomToken(12);

  const hook: LeadStoredHook = async (tx, stored) => {
    const matched = [...rules.values()].filter((rule) => ruleMatches(rule, stored.lead)).map((rule) => ({ name: rule.name, channel: rule.channel.type }));
    await enqueueLead(tx, stored.id, matched, now());
    // The transaction commits after this hook: look again shortly instead of waiting for the poll.
    if (matched.length > 0 && store && !stopped) setTimeout(() => void round(), 20).unref?.();
  };

  const mailer = () => (mail ??= createMailSender(options.smtpUrl!, options.mailFrom ?? 'lead-capture-receiver@localhost', tuning.timeoutMs));

  const retryAt = (row: ClaimedNotification, retryAfterMs: number | undefined): Date | undefined => {
    if (row.attempts >= tuning.maxAttempts) return undefined;
    const backoff = Math.min(tuning.maxRetryMs, tuning.firstRetryMs * 2 ** (row.attempts - 1));
    // Retry-After (Slack's and Discord's rate limits, a 503) is the service's own word: wait at least that.
    return new Date(now().getTime() + Math.max(backoff, Math.min(retryAfterMs ?? 0, 24 * 60 * 60_000)));
  };

  const deliver = async (db: LeadStore['db'], row: ClaimedNotification, rule: NotificationRule): Promise<void> => {
    let message: Message;
    if (row.kind === 'digest') {
      message = { kind: 'digest', notificationId: row.id, figures: row.payload as DigestFigures };
    } else {
      const stored = await leadOf(db, row.leadId!);
      if (!stored) return markDropped(db, row.id, row.claim, 'the lead was erased');
      const lead = stored.lead as Lead;
      message = { kind: 'lead', notificationId: row.id, summary: summarise(lead, row.leadId!, publicUrl), lead: { ...forwardedLead(lead), receivedAt: stored.receivedAt } };
    }
    const outcome = await attempt(rule.channel, message, { now: now(), timeoutMs: tuning.timeoutMs, ...(rule.channel.type === 'email' && options.smtpUrl ? { mail: await mailer() } : {}) });
    if (outcome.ok) {
      await markSent(db, row.id, row.claim, now());
      log(`notification ${row.id} sent (${rule.channel.type}, attempt ${row.attempts})`);
      return;
    }
    const next = retryAt(row, outcome.retryAfterMs);
    await markAttemptFailed(db, row.id, row.claim, outcome.error, next);
    log(`notification ${row.id} ${next ? `retry at ${next.toISOString()}` : 'failed'}: ${outcome.error} (attempt ${row.attempts})`);
  };

  const writeDigests = async (current: LeadStore) => {
    for (const rule of rules.values()) {
      if (!rule.digest) continue;
      const time = now();
      const day = dueDay(rule.digest, time);
      if (!day || (await hasDigest(current.db, rule.name, day))) continue;
      const figures = await digestFigures(current, rule, day, time, context.callWindows);
      if (await enqueueDigest(current.db, { name: rule.name, channel: rule.channel.type }, day, figures, time)) log(`digest ${rule.name} ${day} queued`);
    }
  };

  const work = async () => {
    const current = store;
    if (!current) return;
    await writeDigests(current);
    // One row claimed at a time, just before its send: a batch claimed at once could see its last
    // leases run out while earlier sends wait for their timeouts, and another worker send those too.
    // One at a time also suits chat webhooks, whose rate limits are per URL.
    while (!stopped) {
      const [row] = await claimDue(current.db, claim, now(), tuning.leaseMs, 1);
      if (!row) break;
      const rule = rules.get(row.rule);
      if (!rule) await markDropped(current.db, row.id, row.claim, 'its rule is no longer in the configuration');
      else await deliver(current.db, row, rule);
    }
  };

  const round = (): Promise<void> => {
    running ??= work()
      .catch((error: unknown) => log(`notifications: round failed: ${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`))
      .finally(() => (running = undefined));
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void round().finally(schedule), tuning.pollMs);
    timer.unref?.();
  };

  return {
    hook,
    start(opened) {
      store = opened;
      // Started even without rules: rows of rules since removed are closed with a reason, not left pending.
      void round().finally(schedule);
    },
    runOnce: round,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      if (mail) (await mail.catch(() => undefined))?.close();
    },
  };
}
