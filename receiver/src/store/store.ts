import type { ContactPreference, Lead, OfferKind, Temperature } from 'lead-capture/schema';
import { hmacSha256Hex, randomToken } from '../crypto.js';
import { migrate } from '../migrations/index.js';
import { followUpRefusal, type FollowUp, type FollowUpChannel, type FollowUpOutcome, type StoredLead } from '../rules/follow-ups.js';
import type { QueueLead } from '../rules/queue.js';
import type { DetailRow, OfferRow } from '../rules/report.js';
import type { Database, Queryable } from './database.js';

/**
 * Every query the receiver makes, as plain parameterised SQL that runs unchanged on PGlite and
 * on Postgres. The HTTP layer never writes SQL; the rules never see the database.
 */

export interface LeadFilters {
  temperature?: Temperature;
  offer?: string;
  preference?: ContactPreference;
  /** Case-insensitive substring of the name or the email. */
  q?: string;
  /** Received at or after. */
  from?: Date;
  /** Received before. */
  to?: Date;
  /** Test leads only (true) or real leads only (false, the default). */
  test?: boolean;
}

/** Where a page of the list ends: the last lead's received time and id. */
export interface ListPosition {
  receivedAt: string;
  id: string;
}

export type StoreOutcome =
  | { status: 'stored'; id: string }
  | { status: 'duplicate'; id: string }
  | { status: 'erased'; id: string }
  | { status: 'conflict'; id: string };

export interface NewLead {
  idempotencyKey: string;
  lead: Lead;
  bodySha256: string;
  receivedAt: Date;
}

/**
 * Called inside the transaction that stores a new lead (not for a duplicate), with that
 * transaction: what must exist exactly when the lead does goes here (issue 25: the
 * notification outbox rows), so a crash can never leave one without the other.
 */
export type LeadStoredHook = (tx: Queryable, lead: { id: string; receivedAt: Date; lead: Lead }) => Promise<void>;

export type FollowUpResult = { status: 'added'; followUp: FollowUp } | { status: 'refused'; reason: string } | { status: 'not-found' };

interface LeadRow {
  id: string;
  received_at: Date | string;
  lead: Lead | string;
}

interface FollowUpRow {
  id: string;
  lead_id: string;
  channel: FollowUpChannel;
  outcome: FollowUpOutcome;
  note: string | null;
  at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function toFollowUp(row: FollowUpRow): FollowUp {
  return { id: row.id, channel: row.channel, outcome: row.outcome, ...(row.note !== null ? { note: row.note } : {}), at: iso(row.at) };
}

/** Escapes LIKE's wildcards, so `q` is a plain substring. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

const endingOutcomesSql = `('talked', 'meeting', 'customer', 'not-a-fit', 'unsubscribed')`;
const queueTierSql = `CASE WHEN l.temperature = 'hot' THEN 0 WHEN l.temperature = 'warm' AND l.priority THEN 1 WHEN l.temperature = 'warm' THEN 2 ELSE 3 END`;

export class LeadStore {
  private constructor(
    readonly db: Database,
    private readonly personKey: string,
    private readonly hooks: LeadStoredHook[],
  ) {}

  /** Migrates the database, then opens the store on it. */
  static async open(db: Database, options: { onLeadStored?: LeadStoredHook[] } = {}): Promise<LeadStore> {
    await migrate(db);
    await db.query(`INSERT INTO settings (name, value) VALUES ('person-key', $1) ON CONFLICT (name) DO NOTHING`, [randomToken(32)]);
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM settings WHERE name = 'person-key'`);
    return new LeadStore(db, rows[0]!.value, options.onLeadStored ?? []);
  }

  /** Adds a hook run in the transaction of every newly stored lead. */
  onLeadStored(hook: LeadStoredHook): void {
    this.hooks.push(hook);
  }

  /** The key that links a person's leads: an HMAC of the lower-cased email under this receiver's own key. */
  personOf(email: string): Promise<string> {
    return hmacSha256Hex(this.personKey, email.trim().toLowerCase());
  }

  /**
   * Stores a lead once per idempotency key (and lead id). One INSERT … ON CONFLICT DO NOTHING
   * decides, so any number of identical requests at once store one row; an erased lead's
   * tombstone keeps it from being stored again.
   */
  async storeLead({ idempotencyKey, lead, bodySha256, receivedAt }: NewLead): Promise<StoreOutcome> {
    const email = lead.contact.email?.toLowerCase() ?? null;
    const person = email ? await this.personOf(email) : null;
    const search = [lead.contact.name, lead.contact.email].filter(Boolean).join(' ').toLowerCase();
    // One statement stores the lead and, for a real lead with an email, keeps its person's first
    // lead (the earlier received time, then id, wins: exact whatever order leads arrive in).
    const earlier = '((excluded.first_received_at, excluded.first_lead_id) < (people.first_received_at, people.first_lead_id))';
    const store = async (db: Queryable): Promise<StoreOutcome> => {
      const inserted = await db.query<{ id: string }>(
        `WITH stored AS (
           INSERT INTO leads (id, idempotency_key, body_sha256, received_at, test, temperature, priority, preference, do_not_contact,
             offer_kind, offer_id, offer_title, email_lower, person, search, repeat_count, lead)
           SELECT $1::uuid, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb
           WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE lead_id = $1::uuid OR idempotency_key = $2)
           ON CONFLICT DO NOTHING
           RETURNING id, received_at, offer_kind, offer_id, person, test
         ), linked AS (
           INSERT INTO people (person, first_lead_id, first_received_at, first_offer_kind, first_offer_id)
           SELECT person, id, received_at, offer_kind, offer_id FROM stored WHERE person IS NOT NULL AND NOT test
           ON CONFLICT (person) DO UPDATE SET
             first_lead_id = CASE WHEN ${earlier} THEN excluded.first_lead_id ELSE people.first_lead_id END,
             first_received_at = CASE WHEN ${earlier} THEN excluded.first_received_at ELSE people.first_received_at END,
             first_offer_kind = CASE WHEN ${earlier} THEN excluded.first_offer_kind ELSE people.first_offer_kind END,
             first_offer_id = CASE WHEN ${earlier} THEN excluded.first_offer_id ELSE people.first_offer_id END
         )
         SELECT id::text FROM stored`,
        [
          lead.id,
          idempotencyKey,
          bodySha256,
          receivedAt.toISOString(),
          lead.test === true,
          lead.temperature,
          lead.priority,
          lead.contact.preference,
          lead.contactPolicy.doNotContact,
          lead.offer.kind,
          lead.offer.id ?? null,
          lead.offer.title ?? null,
          email,
          person,
          search,
          lead.repeat?.count ?? 0,
          JSON.stringify(lead),
        ],
      );
      if (inserted.rows.length === 1) {
        for (const hook of this.hooks) await hook(db, { id: lead.id, receivedAt, lead });
        return { status: 'stored', id: lead.id };
      }
      // Not inserted: an erased lead, or a key (or id) already stored. Reading now decides nothing.
      const erased = await db.query('SELECT 1 FROM tombstones WHERE lead_id = $1::uuid OR idempotency_key = $2', [lead.id, idempotencyKey]);
      if (erased.rows.length > 0) return { status: 'erased', id: lead.id };
      const existing = await db.query<{ id: string; body_sha256: string }>(
        'SELECT id::text, body_sha256 FROM leads WHERE idempotency_key = $1 OR id = $2::uuid ORDER BY (idempotency_key = $1) DESC LIMIT 1',
        [idempotencyKey, lead.id],
      );
      const row = existing.rows[0];
      if (!row) throw new Error('A lead was neither stored nor found: retry.');
      return { status: row.body_sha256 === bodySha256 ? 'duplicate' : 'conflict', id: row.id };
    };
    // One statement is atomic on its own; hooks (issue 25's outbox rows) share the lead's transaction.
    return this.hooks.length === 0 ? store(this.db) : this.db.transaction(store);
  }

  private async withFollowUps(rows: readonly LeadRow[], db: Queryable = this.db): Promise<StoredLead[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const { rows: followUpRows } = await db.query<FollowUpRow>(
      'SELECT id::text, lead_id::text, channel, outcome, note, at FROM follow_ups WHERE lead_id = ANY($1::uuid[]) ORDER BY at, id',
      [ids],
    );
    const byLead = new Map<string, FollowUp[]>();
    for (const row of followUpRows) {
      const list = byLead.get(row.lead_id) ?? [];
      list.push(toFollowUp(row));
      byLead.set(row.lead_id, list);
    }
    return rows.map((row) => ({ id: row.id, receivedAt: iso(row.received_at), lead: json<Lead>(row.lead), followUps: byLead.get(row.id) ?? [] }));
  }

  /** One page of the list, newest first; `next` is where the following page starts (none after the last). */
  async listLeads(filters: LeadFilters, after: ListPosition | undefined, limit: number): Promise<{ leads: StoredLead[]; next?: ListPosition }> {
    const params: unknown[] = [filters.test === true];
    const where = ['test = $1'];
    const add = (value: unknown) => `$${params.push(value)}`;
    if (filters.temperature) where.push(`temperature = ${add(filters.temperature)}`);
    if (filters.preference) where.push(`preference = ${add(filters.preference)}`);
    if (filters.offer) {
      const offer = add(filters.offer);
      where.push(`(offer_id = ${offer} OR (offer_id IS NULL AND offer_kind = ${offer}))`);
    }
    if (filters.q) where.push(`search LIKE ${add(likePattern(filters.q))}`);
    if (filters.from) where.push(`received_at >= ${add(filters.from.toISOString())}::timestamptz`);
    if (filters.to) where.push(`received_at < ${add(filters.to.toISOString())}::timestamptz`);
    if (after) where.push(`(received_at, id) < (${add(after.receivedAt)}::timestamptz, ${add(after.id)}::uuid)`);
    const { rows } = await this.db.query<LeadRow>(
      `SELECT id::text, received_at, lead FROM leads WHERE ${where.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT ${add(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const leads = await this.withFollowUps(page);
    const last = leads[leads.length - 1];
    return { leads, ...(rows.length > limit && last ? { next: { receivedAt: last.receivedAt, id: last.id } } : {}) };
  }

  async getLead(id: string): Promise<StoredLead | undefined> {
    const { rows } = await this.db.query<LeadRow>('SELECT id::text, received_at, lead FROM leads WHERE id = $1::uuid', [id]);
    return (await this.withFollowUps(rows))[0];
  }

  /**
   * Records a follow-up unless the prospect's contact policy forbids it. The lead's row is locked
   * first, so two sellers calling at once cannot both take the last allowed call.
   */
  async addFollowUp(leadId: string, input: { channel: FollowUpChannel; outcome: FollowUpOutcome; note?: string }, at: Date): Promise<FollowUpResult> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<LeadRow>('SELECT id::text, received_at, lead FROM leads WHERE id = $1::uuid FOR UPDATE', [leadId]);
      const [stored] = await this.withFollowUps(rows, tx);
      if (!stored) return { status: 'not-found' };
      const reason = followUpRefusal(stored.lead, stored.followUps, input.channel);
      if (reason) return { status: 'refused', reason };
      const followUp: FollowUp = { id: crypto.randomUUID(), channel: input.channel, outcome: input.outcome, ...(input.note !== undefined ? { note: input.note } : {}), at: at.toISOString() };
      await tx.query('INSERT INTO follow_ups (id, lead_id, channel, outcome, note, at) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz)', [
        followUp.id,
        leadId,
        followUp.channel,
        followUp.outcome,
        followUp.note ?? null,
        followUp.at,
      ]);
      return { status: 'added', followUp };
    });
  }

  /**
   * The queue's candidates in queue order (tier, then oldest first), a batch at a time: leads the
   * SQL already knows are done (cold, test, do-not-contact, ended, emailed, calls used up) are left
   * out; the pure rules in rules/queue.ts decide the rest.
   */
  async queueCandidates(after: { tier: number; receivedAt: string; id: string } | undefined, batch: number): Promise<(QueueLead & { tier: number })[]> {
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    const position = after ? `AND (${queueTierSql}, l.received_at, l.id) > (${add(after.tier)}::int, ${add(after.receivedAt)}::timestamptz, ${add(after.id)}::uuid)` : '';
    const { rows } = await this.db.query<LeadRow & { earlier: number; tier: number }>(
      `SELECT l.id::text, l.received_at, l.lead, ${queueTierSql} AS tier,
         CASE WHEN l.person IS NULL THEN 0 ELSE (
           SELECT count(*)::int FROM leads e
           WHERE e.person = l.person AND NOT e.test AND (e.received_at, e.id) < (l.received_at, l.id)
         ) END AS earlier
       FROM leads l
       WHERE NOT l.test AND l.temperature <> 'cold' AND NOT l.do_not_contact
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.lead_id = l.id AND f.outcome IN ${endingOutcomesSql})
         AND NOT (l.preference = 'email' AND EXISTS (SELECT 1 FROM follow_ups f WHERE f.lead_id = l.id AND f.channel = 'email'))
         AND NOT (l.preference = 'call' AND (SELECT count(*) FROM follow_ups f WHERE f.lead_id = l.id AND f.channel = 'call')
                  >= coalesce((l.lead -> 'contactPolicy' ->> 'maxCallAttempts')::int, 2147483647))
         ${position}
       ORDER BY 4, l.received_at, l.id
       LIMIT ${add(batch)}`,
      params,
    );
    const leads = await this.withFollowUps(rows);
    return leads.map((lead, index) => ({ ...lead, earlierLeads: Number(rows[index]!.earlier), tier: Number(rows[index]!.tier) }));
  }

  /**
   * The report's counted rows (rules/report.ts assembles them); test leads never count. Each
   * lead is joined to its person's first lead (the people table), so no window runs over every
   * lead; the two aggregates run at once where the engine has more than one connection.
   */
  async reportRows(range: { from?: Date; to?: Date }): Promise<{ offerRows: OfferRow[]; detailRows: DetailRow[] }> {
    const counted = `
      SELECT l.id, l.received_at, l.offer_kind, l.offer_id, l.offer_title, l.temperature, l.preference, l.repeat_count, l.person,
        CASE WHEN l.person IS NULL THEN l.repeat_count = 0 ELSE p.first_lead_id = l.id END AS first_lead,
        (l.repeat_count > 0 OR (l.person IS NOT NULL AND p.first_lead_id <> l.id)) AS repeat,
        (l.person IS NOT NULL AND p.first_offer_kind = l.offer_kind AND p.first_offer_id IS NOT DISTINCT FROM l.offer_id) AS first_time_here,
        (c.lead_id IS NOT NULL) AS converted
      FROM leads l
      LEFT JOIN people p ON p.person = l.person
      LEFT JOIN (SELECT DISTINCT lead_id FROM follow_ups WHERE outcome IN ('meeting', 'customer')) c ON c.lead_id = l.id
      WHERE NOT l.test
        AND ($1::timestamptz IS NULL OR l.received_at >= $1::timestamptz)
        AND ($2::timestamptz IS NULL OR l.received_at < $2::timestamptz)`;
    const params = [range.from?.toISOString() ?? null, range.to?.toISOString() ?? null];
    const [offers, details] = await Promise.all([
      this.db.query<{ kind: OfferKind; id: string | null; title: string | null; people: number; first_time_people: number }>(
        `SELECT offer_kind AS kind, offer_id AS id,
           (array_agg(offer_title ORDER BY received_at DESC, id DESC) FILTER (WHERE offer_title IS NOT NULL))[1] AS title,
           (count(DISTINCT person) + count(*) FILTER (WHERE person IS NULL))::int AS people,
           (count(DISTINCT person) FILTER (WHERE first_time_here) + count(*) FILTER (WHERE person IS NULL AND repeat_count = 0))::int AS first_time_people
         FROM (${counted}) counted
         GROUP BY offer_kind, offer_id`,
        params,
      ),
      this.db.query<{ kind: OfferKind; id: string | null; week: string; temperature: Temperature; preference: ContactPreference; first_lead: boolean; repeat: boolean; converted: boolean; leads: number }>(
        `SELECT offer_kind AS kind, offer_id AS id, to_char(week, 'YYYY-MM-DD') AS week, temperature, preference, first_lead, repeat, converted, leads
         FROM (
           SELECT offer_kind, offer_id, date_trunc('week', received_at AT TIME ZONE 'UTC') AS week, temperature, preference, first_lead, repeat, converted, count(*)::int AS leads
           FROM (${counted}) counted
           GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
         ) grouped`,
        params,
      ),
    ]);
    return {
      offerRows: offers.rows.map((row) => ({ kind: row.kind, id: row.id, title: row.title, people: Number(row.people), firstTimePeople: Number(row.first_time_people) })),
      detailRows: details.rows.map((row) => ({
        kind: row.kind,
        id: row.id,
        week: row.week,
        temperature: row.temperature,
        preference: row.preference,
        firstLead: row.first_lead,
        repeat: row.repeat,
        converted: row.converted,
        leads: Number(row.leads),
      })),
    };
  }

  /** Everything stored about a person (an access request), newest first, test leads included. */
  async person(email: string): Promise<StoredLead[]> {
    const { rows } = await this.db.query<LeadRow>(
      'SELECT id::text, received_at, lead FROM leads WHERE email_lower = $1 OR person = $2 ORDER BY received_at DESC, id DESC',
      [email.trim().toLowerCase(), await this.personOf(email)],
    );
    return this.withFollowUps(rows);
  }

  /**
   * Erases every lead of a person with their follow-ups (ON DELETE CASCADE, as later the
   * notifications), keeping only tombstones: the erased lead ids and idempotency keys.
   */
  async erasePerson(email: string, now: Date): Promise<number> {
    const person = await this.personOf(email);
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; idempotency_key: string }>(
        'DELETE FROM leads WHERE email_lower = $1 OR person = $2 RETURNING id::text, idempotency_key',
        [email.trim().toLowerCase(), person],
      );
      await tx.query('DELETE FROM people WHERE person = $1', [person]);
      if (rows.length > 0) {
        await tx.query(
          `INSERT INTO tombstones (lead_id, idempotency_key, erased_at)
           SELECT id, key, $3::timestamptz FROM unnest($1::uuid[], $2::text[]) AS erased (id, key)
           ON CONFLICT (lead_id) DO NOTHING`,
          [rows.map((row) => row.id), rows.map((row) => row.idempotency_key), now.toISOString()],
        );
      }
      return rows.length;
    });
  }

  /**
   * Retention: leads whose preference is `none` lose name, email and phone once older than the
   * cutoff. Everything the report counts stays (the person key included, so shares do not move).
   */
  async redactOlderThan(cutoff: Date, now: Date): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE leads SET lead = lead #- '{contact,name}' #- '{contact,email}' #- '{contact,phone}', email_lower = NULL, search = '', redacted_at = $1::timestamptz
       WHERE preference = 'none' AND redacted_at IS NULL AND received_at < $2::timestamptz`,
      [now.toISOString(), cutoff.toISOString()],
    );
    return rowCount;
  }

  async createSession(tokenSha256: string, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query('INSERT INTO sessions (token_sha256, created_at, expires_at) VALUES ($1, $2::timestamptz, $3::timestamptz)', [
      tokenSha256,
      now.toISOString(),
      expiresAt.toISOString(),
    ]);
  }

  /** Whether the session is live; when it is, its expiry slides to `expiresAt`. */
  async touchSession(tokenSha256: string, now: Date, expiresAt: Date): Promise<boolean> {
    const { rows } = await this.db.query(
      'UPDATE sessions SET expires_at = $3::timestamptz WHERE token_sha256 = $1 AND expires_at > $2::timestamptz RETURNING 1 AS live',
      [tokenSha256, now.toISOString(), expiresAt.toISOString()],
    );
    return rows.length === 1;
  }

  async deleteSession(tokenSha256: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_sha256 = $1', [tokenSha256]);
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at <= $1::timestamptz', [now.toISOString()]);
  }

  /** Every table of leads and sessions emptied, sequences restarted (tests, between cases); the settings (the person key) stay. */
  async truncate(): Promise<void> {
    await this.db.query('TRUNCATE follow_ups, leads, tombstones, sessions, people RESTART IDENTITY');
  }
}
