import type { Database } from '../store/database.js';

/**
 * Versioned migrations, applied in order at start, on either engine, in one transaction under an
 * advisory lock (two receivers starting on one Postgres database do not both migrate), and
 * recorded in `schema_migrations`. Never edit a migration that has shipped: add the next one.
 *
 * Room left for the next issues: notification outbox rows (issue 25) get their own table with a
 * `lead_id` referencing `leads(id) ON DELETE CASCADE` (so erasing a person erases them), written
 * by the `onLeadStored` hook of `storeLead`, in the lead's own transaction.
 */
export interface Migration {
  version: number;
  name: string;
  /** One statement per entry: PGlite's parameterised query runs one statement at a time. */
  statements: readonly string[];
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'leads, follow-ups, tombstones, sessions',
    statements: [
      `CREATE TABLE leads (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        -- SHA-256 of the canonical JSON of the parsed lead: the same key with another body is a conflict.
        body_sha256 text NOT NULL,
        received_at timestamptz NOT NULL,
        test boolean NOT NULL DEFAULT false,
        temperature text NOT NULL,
        priority boolean NOT NULL,
        preference text NOT NULL,
        do_not_contact boolean NOT NULL,
        offer_kind text NOT NULL,
        offer_id text,
        offer_title text,
        -- lower(email), for search, people and erasure; null once retention has removed it.
        email_lower text,
        -- HMAC of lower(email) under the receiver's own key: links a person's leads for the report
        -- (first-time and repeat shares) after retention removed the address; null without email.
        person text,
        -- lower(name || ' ' || email): what q searches.
        search text NOT NULL DEFAULT '',
        repeat_count integer NOT NULL DEFAULT 0,
        redacted_at timestamptz,
        lead jsonb NOT NULL
      )`,
      // The list (newest first, keyset on received_at, id), with or without test leads.
      'CREATE INDEX leads_list ON leads (test, received_at DESC, id DESC)',
      'CREATE INDEX leads_email ON leads (email_lower) WHERE email_lower IS NOT NULL',
      // A person's history, in order: first lead ever, earlier leads (report, queue repeat count).
      'CREATE INDEX leads_person ON leads (person, received_at, id) WHERE person IS NOT NULL',
      // The queue's candidates: not cold, not test, contact allowed.
      `CREATE INDEX leads_open ON leads (received_at, id) WHERE NOT test AND temperature <> 'cold' AND NOT do_not_contact`,
      // Retention: preference none, not yet redacted, by age.
      `CREATE INDEX leads_retention ON leads (received_at) WHERE preference = 'none' AND redacted_at IS NULL`,
      `CREATE TABLE follow_ups (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('call', 'email')),
        outcome text NOT NULL CHECK (outcome IN ('no-answer', 'talked', 'meeting', 'customer', 'not-a-fit', 'unsubscribed')),
        note text CHECK (char_length(note) <= 2000),
        at timestamptz NOT NULL
      )`,
      'CREATE INDEX follow_ups_lead ON follow_ups (lead_id, at, id)',
      // What is left of an erased lead: its id and idempotency key, so a queued retry is not stored again.
      `CREATE TABLE tombstones (
        lead_id uuid PRIMARY KEY,
        idempotency_key text NOT NULL,
        erased_at timestamptz NOT NULL
      )`,
      'CREATE INDEX tombstones_key ON tombstones (idempotency_key)',
      // Inbox sessions: only a hash of the token is stored.
      `CREATE TABLE sessions (
        token_sha256 text PRIMARY KEY,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX sessions_expiry ON sessions (expires_at)',
      // The receiver's own secrets (the person key), created once.
      `CREATE TABLE settings (
        name text PRIMARY KEY,
        value text NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: "people: each person's first lead, for the report without a window over every lead",
    statements: [
      // One row per person (the HMAC of their email): their first lead ever stored, by received
      // time then id, test leads aside. Kept exact by storeLead (the earlier lead wins) and
      // removed with the person's leads by erasure.
      `CREATE TABLE people (
        person text PRIMARY KEY,
        first_lead_id uuid NOT NULL,
        first_received_at timestamptz NOT NULL,
        first_offer_kind text NOT NULL,
        first_offer_id text
      )`,
      `INSERT INTO people (person, first_lead_id, first_received_at, first_offer_kind, first_offer_id)
       SELECT DISTINCT ON (person) person, id, received_at, offer_kind, offer_id
       FROM leads WHERE person IS NOT NULL AND NOT test
       ORDER BY person, received_at, id`,
      // The report reads every real lead in a range: its columns in one index, in received order.
      'CREATE INDEX leads_report ON leads (received_at) WHERE NOT test',
    ],
  },
  {
    version: 3,
    name: 'notifications: the outbox of issue 25',
    statements: [
      // One row per message to send: a lead's notification for one rule (written in the lead's own
      // transaction), or a rule's daily digest. Erasing a person erases what was (or was still to be)
      // told about them: the triggers below cascade deletes of leads. Not a foreign key, because
      // LeadStore.truncate (between tests) truncates leads without naming this table, and Postgres
      // refuses to truncate a table a foreign key references. status: pending -> sending (claimed under a lease)
      // -> sent, or failed after the last attempt (retried by hand from the inbox).
      `CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        lead_id uuid,
        rule text NOT NULL,
        channel text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('lead', 'digest')),
        -- The digest's local day (YYYY-MM-DD in the rule's zone); null for a lead's notification.
        digest_day text,
        -- A digest's figures, fixed when it is written, so a resend says the same; null for a lead.
        payload jsonb,
        status text NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        -- The claim: who holds it, until when. Past lease_until another worker may take it over.
        claim text,
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CHECK ((kind = 'lead') = (lead_id IS NOT NULL)),
        CHECK ((kind = 'digest') = (digest_day IS NOT NULL))
      )`,
      // A lead gives each rule one notification, and a rule one digest a day, whatever retries or restarts do.
      'CREATE UNIQUE INDEX notifications_lead_rule ON notifications (lead_id, rule) WHERE lead_id IS NOT NULL',
      'CREATE UNIQUE INDEX notifications_digest_day ON notifications (rule, digest_day) WHERE digest_day IS NOT NULL',
      // The worker's scan: what is due, oldest first.
      `CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('pending', 'sending')`,
      `CREATE INDEX notifications_failed ON notifications (created_at) WHERE status = 'failed'`,
      `CREATE FUNCTION notifications_follow_leads() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'TRUNCATE' THEN
           DELETE FROM notifications WHERE lead_id IS NOT NULL;
         ELSE
           DELETE FROM notifications WHERE lead_id = OLD.id;
         END IF;
         RETURN NULL;
       END $$`,
      'CREATE TRIGGER notifications_erase AFTER DELETE ON leads FOR EACH ROW EXECUTE FUNCTION notifications_follow_leads()',
      'CREATE TRIGGER notifications_truncate AFTER TRUNCATE ON leads FOR EACH STATEMENT EXECUTE FUNCTION notifications_follow_leads()',
    ],
  },
];

/** Applies the migrations not yet recorded; returns the versions applied now. */
export async function migrate(db: Database, list: readonly Migration[] = migrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Any constant: the lock key of this receiver's migrations.
    await tx.query('SELECT pg_advisory_xact_lock(7215042020)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const now: number[] = [];
    for (const migration of [...list].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      now.push(migration.version);
    }
    return now;
  });
}
