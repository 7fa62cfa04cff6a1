// Runs a suite once per engine: PGlite in memory, then a throwaway Postgres (skipped, with one
// printed line saying how to enable it, when Postgres cannot run here). One database per engine
// per file, emptied between tests (freshReceiver truncates it); `fresh()` gives a new, empty,
// unmigrated database of the same engine to a test that needs one (the migration tests).
import { after, before, describe } from 'node:test';
import { openDatabase, type Database } from '../../src/store/database.js';
import { freshPglite } from './pglite-template.js';
import { enableHint, startPostgres, type PostgresCluster } from './postgres.js';

let cluster: Promise<PostgresCluster | undefined> | undefined;

function postgres(): Promise<PostgresCluster | undefined> {
  if (process.env.LEAD_RECEIVER_SKIP_POSTGRES === '1') return Promise.resolve(undefined);
  cluster ??= startPostgres().then((started) => {
    if (started) after(() => started.stop());
    // CI must not pass on PGlite alone: there, Postgres missing is a failure, not a skip.
    else if (process.env.CI) throw new Error('CI: Postgres is required for the receiver tests (.ci/run installs it).');
    return started;
  });
  return cluster;
}

export interface EngineSuite {
  engine: 'pglite' | 'postgres';
  /** A new, empty database of this engine, not migrated; the caller closes it. */
  fresh(): Promise<Database>;
}

/** `describe` for each engine; `database()` gives the file's open database inside the tests. */
export async function forEachEngine(name: string, suite: (database: () => Database, engine: EngineSuite) => void): Promise<void> {
  const pg = await postgres();
  for (const engine of ['pglite', 'postgres'] as const) {
    const skip = engine === 'postgres' && !pg ? (process.env.LEAD_RECEIVER_SKIP_POSTGRES === '1' ? 'LEAD_RECEIVER_SKIP_POSTGRES=1' : enableHint) : false;
    const fresh = async () => (engine === 'pglite' ? freshPglite() : openDatabase(await pg!.createDatabase()));
    describe(`${name} [${engine}]`, { skip }, () => {
      let db: Database | undefined;
      before(async () => {
        db = await fresh();
      });
      after(async () => db?.close());
      suite(() => db!, { engine, fresh });
    });
  }
}
