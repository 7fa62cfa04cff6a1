import pg from 'pg';
import type { Database, OpenOptions, Queryable, QueryResult } from './database.js';

/** A Postgres server through a `pg` pool. */
export async function openPostgres(url: string, options: OpenOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Fail at start, not at the first lead, when the URL is wrong or the server is down.
  const client = await pool.connect();
  client.release();

  const run = async <Row>(target: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> => {
    const result = await target.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  };

  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(work) {
      const connection = await pool.connect();
      const tx: Queryable = { query: (sql, params) => run(connection, sql, params) };
      try {
        await connection.query('BEGIN');
        const result = await work(tx);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
