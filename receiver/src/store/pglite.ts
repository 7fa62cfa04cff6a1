import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, OpenOptions, Queryable, QueryResult } from './database.js';
import { lockDataDirectory } from './lock.js';

/**
 * PGlite: Postgres compiled to WASM, in this process. With a directory it persists there (and
 * takes the directory's lock first: PGlite has none, and a second process would corrupt it);
 * without one it lives in memory (tests, demos).
 */
export async function openPglite(dataDir: string | undefined, options: OpenOptions = {}): Promise<Database> {
  const lock = dataDir ? await lockDataDirectory(dataDir, { port: options.port }) : undefined;
  let db: PGlite;
  try {
    // The database lives in a subfolder, so the lock file and PGlite's own files never mix.
    const folder = dataDir ? join(dataDir, 'pglite') : undefined;
    const fromDump = options.initialData && !(folder && existsSync(join(folder, 'PG_VERSION'))) ? { loadDataDir: options.initialData } : {};
    db = await PGlite.create({ ...(folder ? { dataDir: folder } : {}), ...fromDump });
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const run = async <Row>(target: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> => {
    const result = await target.query<Row>(sql, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  };
  let closed = false;
  return {
    engine: 'pglite',
    query: (sql, params) => run(db, sql, params),
    transaction: (work) => db.transaction((transaction) => work({ query: (sql, params) => run(transaction, sql, params) } satisfies Queryable)),
    async exec(sql) {
      await db.exec(sql);
    },
    setPort: (port) => lock?.setPort(port),
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      await lock?.release();
    },
  };
}
