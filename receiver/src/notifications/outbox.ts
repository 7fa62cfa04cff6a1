import type { Database, Queryable } from '../store/database.js';

/**
 * The outbox's SQL (migration 3), the same on PGlite and Postgres. The store's own file stays
 * about leads; this module owns the notifications table.
 */

export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';
export const notificationStatuses = ['pending', 'sending', 'sent', 'failed'] as const;

/** What the inbox shows of a notification: where it went and when, never the message itself. */
export interface NotificationView {
  id: string;
  leadId: string | null;
  rule: string;
  channel: string;
  kind: 'lead' | 'digest';
  digestDay: string | null;
  status: NotificationStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
  lastError: string | null;
}

/** A claimed row, with what the sender needs. */
export interface ClaimedNotification {
  id: string;
  leadId: string | null;
  rule: string;
  kind: 'lead' | 'digest';
  payload: unknown;
  attempts: number;
  claim: string;
}

interface Row {
  id: string;
  lead_id: string | null;
  rule: string;
  channel: string;
  kind: 'lead' | 'digest';
  digest_day: string | null;
  payload: unknown;
  status: NotificationStatus;
  attempts: number;
  created_at: Date | string;
  next_attempt_at: Date | string;
  sent_at: Date | string | null;
  last_error: string | null;
  claim: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const columns = 'id::text, lead_id::text, rule, channel, kind, digest_day, payload, status, attempts, created_at, next_attempt_at, sent_at, last_error, claim';

function view(row: Row): NotificationView {
  return {
    id: row.id,
    leadId: row.lead_id,
    rule: row.rule,
    channel: row.channel,
    kind: row.kind,
    digestDay: row.digest_day,
    status: row.status,
    attempts: Number(row.attempts),
    createdAt: iso(row.created_at)!,
    nextAttemptAt: row.status === 'pending' || row.status === 'sending' ? iso(row.next_attempt_at) : null,
    sentAt: iso(row.sent_at),
    lastError: row.last_error,
  };
}

/** In the lead's transaction: one row per matching rule; a second call for the same lead adds nothing. */
export async function enqueueLead(tx: Queryable, leadId: string, rules: readonly { name: string; channel: string }[], now: Date): Promise<void> {
  if (rules.length === 0) return;
  await tx.query(
    `INSERT INTO notifications (id, lead_id, rule, channel, kind, status, next_attempt_at, created_at)
     SELECT gen_random_uuid(), $1::uuid, rule, channel, 'lead', 'pending', $4::timestamptz, $4::timestamptz
     FROM unnest($2::text[], $3::text[]) AS matched (rule, channel)
     ON CONFLICT DO NOTHING`,
    [leadId, rules.map((rule) => rule.name), rules.map((rule) => rule.channel), now.toISOString()],
  );
}

/** A rule's digest for a local day, once: the unique (rule, day) index makes a second insert a no-op. Returns whether it was new. */
export async function enqueueDigest(db: Queryable, rule: { name: string; channel: string }, day: string, payload: unknown, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO notifications (id, rule, channel, kind, digest_day, payload, status, next_attempt_at, created_at)
     VALUES (gen_random_uuid(), $1, $2, 'digest', $3, $4::jsonb, 'pending', $5::timestamptz, $5::timestamptz)
     ON CONFLICT DO NOTHING`,
    [rule.name, rule.channel, day, JSON.stringify(payload), now.toISOString()],
  );
  return rowCount === 1;
}

export async function hasDigest(db: Queryable, rule: string, day: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM notifications WHERE rule = $1 AND digest_day = $2', [rule, day]);
  return rows.length > 0;
}

/**
 * Claims up to `limit` due rows for this worker: pending ones whose time has come, and rows
 * another worker claimed but whose lease ran out (it died mid-send). One statement: FOR UPDATE
 * SKIP LOCKED keeps two receivers on one Postgres from taking the same row; the attempt is
 * counted at the claim, so a crash mid-send still counts it.
 */
export async function claimDue(db: Database, claim: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedNotification[]> {
  const { rows } = await db.query<Row>(
    `UPDATE notifications SET status = 'sending', claim = $1, lease_until = $3::timestamptz, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM notifications
       WHERE (status = 'pending' AND next_attempt_at <= $2::timestamptz) OR (status = 'sending' AND lease_until <= $2::timestamptz)
       ORDER BY next_attempt_at, id
       LIMIT $4
       FOR UPDATE SKIP LOCKED
     )
     RETURNING ${columns}`,
    [claim, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
  );
  return rows.map((row) => ({ id: row.id, leadId: row.lead_id, rule: row.rule, kind: row.kind, payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload, attempts: Number(row.attempts), claim }));
}

/** Delivered. Only while this worker still holds the claim (a lost lease means another may be sending). */
export async function markSent(db: Queryable, id: string, claim: string, now: Date): Promise<void> {
  await db.query(`UPDATE notifications SET status = 'sent', sent_at = $3::timestamptz, claim = NULL, lease_until = NULL, last_error = NULL WHERE id = $1::uuid AND claim = $2`, [id, claim, now.toISOString()]);
}

/** Not delivered: try again at `retryAt`, or give up (`failed`) when it is undefined. */
export async function markAttemptFailed(db: Queryable, id: string, claim: string, error: string, retryAt: Date | undefined): Promise<void> {
  await db.query(
    `UPDATE notifications SET status = $3, next_attempt_at = coalesce($4::timestamptz, next_attempt_at), claim = NULL, lease_until = NULL, last_error = $5
     WHERE id = $1::uuid AND claim = $2`,
    [id, claim, retryAt ? 'pending' : 'failed', retryAt?.toISOString() ?? null, error.slice(0, 500)],
  );
}

/** A row whose lead is gone (erased mid-claim) or whose rule left the configuration: nothing to send, ever. */
export async function markDropped(db: Queryable, id: string, claim: string, reason: string): Promise<void> {
  await markAttemptFailed(db, id, claim, reason, undefined);
}

export async function notificationsOfLead(db: Queryable, leadId: string): Promise<NotificationView[]> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM notifications WHERE lead_id = $1::uuid ORDER BY created_at, rule`, [leadId]);
  return rows.map(view);
}

export async function notificationsByStatus(db: Queryable, status: NotificationStatus | undefined, limit: number): Promise<NotificationView[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM notifications WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC, id DESC LIMIT $2`,
    [status ?? null, limit],
  );
  return rows.map(view);
}

/** From the inbox: send a failed (or waiting) notification now. Undefined when unknown; a sent one is left alone. */
export async function retryNotification(db: Queryable, id: string, now: Date): Promise<NotificationView | 'sent' | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE notifications SET status = 'pending', next_attempt_at = $2::timestamptz
     WHERE id = $1::uuid AND status IN ('failed', 'pending')
     RETURNING ${columns}`,
    [id, now.toISOString()],
  );
  if (rows[0]) return view(rows[0]);
  const { rows: existing } = await db.query<{ status: string }>('SELECT status FROM notifications WHERE id = $1::uuid', [id]);
  if (!existing[0]) return undefined;
  return existing[0].status === 'sent' ? 'sent' : view((await db.query<Row>(`SELECT ${columns} FROM notifications WHERE id = $1::uuid`, [id])).rows[0]!);
}

/** The stored lead a notification is about (undefined once erased). */
export async function leadOf(db: Queryable, leadId: string): Promise<{ receivedAt: string; lead: unknown } | undefined> {
  const { rows } = await db.query<{ received_at: Date | string; lead: unknown }>('SELECT received_at, lead FROM leads WHERE id = $1::uuid', [leadId]);
  const row = rows[0];
  return row ? { receivedAt: iso(row.received_at)!, lead: typeof row.lead === 'string' ? JSON.parse(row.lead) : row.lead } : undefined;
}
