/**
 * The one interface the store speaks: parameterised SQL, a transaction, and close. Two engines
 * implement it with the same SQL: PGlite (Postgres compiled to WASM, embedded, one connection) and a
 * Postgres server through `pg`. No ORM and no query builder: the SQL in `store.ts` is the schema's
 * contract, and every query runs on both engines in the tests.
 */

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement. */
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction (BEGIN … COMMIT, ROLLBACK when it throws). Inside, use only
   * the `tx` given: on PGlite (one connection) a query on the database itself would wait for the
   * transaction to end. Keep transactions short and never nest them.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements separated by semicolons, without parameters (the migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite on a directory: records the port in the directory's lock once the server listens. */
  setPort?(port: number): void;
}

/** Where the data lives: a PGlite directory, `memory` (PGlite in memory), or a postgres:// URL. */
export type DatabaseLocation = string;

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export interface OpenOptions {
  /** For the data-directory lock's message: the port the process listens on. */
  port?: number;
  /** Pool size of the Postgres engine (default 10). */
  poolSize?: number;
  /**
   * PGlite only: a tarball of a data directory (PGlite's `dumpDataDir()`) to start from instead of
   * creating an empty cluster (initdb, several seconds). Ignored when the directory already holds
   * a database. Tests and the bench start each database from one dump.
   */
  initialData?: Blob;
}

/** Opens the engine a location names. The engines are imported on demand: a Postgres deployment never loads PGlite. */
export async function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): Promise<Database> {
  if (isPostgresUrl(location)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(location, options);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(location === 'memory' ? undefined : location, options);
}
