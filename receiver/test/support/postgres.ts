// A throwaway Postgres cluster for the tests (and the bench): initdb + pg_ctl in a temp directory
// on 127.0.0.1 and a free port, stopped and removed afterwards. As root it runs as the `postgres`
// user (initdb refuses root). Without Postgres binaries: installs Debian's package when root on
// Debian (as scripts/ensure-chromium.mjs does for Chromium), else says in one line how to enable.
import { execFileSync, execSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const enableHint = 'Postgres tests skipped: no Postgres server binaries (initdb, pg_ctl) found. Enable them with: sudo apt-get install -y postgresql';

function findBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin/initdb')) && existsSync(join(root, version, 'bin/pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** The binaries' folder, installing Postgres when we may; undefined (after one printed line) when not. */
export function postgresBinaries(): string | undefined {
  let bin = findBinaries();
  if (bin) return bin;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && process.env.LEAD_RECEIVER_NO_INSTALL !== '1';
  if (canInstall) {
    console.log("Postgres not found; installing Debian's postgresql package…");
    try {
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: 'inherit' });
    } catch {
      // reported below
    }
    bin = findBinaries();
    if (bin) return bin;
  }
  console.log(enableHint);
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** The URL of the cluster's `postgres` database, as its superuser. */
  adminUrl: string;
  /** A URL to a new, empty database of the cluster. */
  createDatabase(name?: string): Promise<string>;
  stop(): void;
}

/** A new database on a running cluster, by its admin URL (`postgres://postgres@host:port/postgres`). */
async function createDatabaseOn(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/**
 * The variable `npm test` sets to the admin URL of the one cluster it started for the whole run
 * (receiver/test/support/shared-postgres.ts): each file then makes its databases there instead
 * of running initdb and a server of its own.
 */
export const sharedClusterVariable = 'LEAD_TEST_POSTGRES';

/** `durable`: fsync on (the bench); the tests run with fsync off, which is faster and changes nothing they check. */
export async function startPostgres({ durable = false } = {}): Promise<PostgresCluster | undefined> {
  const shared = process.env[sharedClusterVariable];
  if (shared && !durable) {
    let databases = 0;
    // Names unique across the files of the run: each file is a process of its own.
    return { adminUrl: shared, createDatabase: (name = `test_${process.pid}_${++databases}`) => createDatabaseOn(shared, name), stop: () => {} };
  }
  const bin = postgresBinaries();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'lead-pg-'));
  const data = join(dir, 'data');
  const run = (command: string, args: string[]) => {
    const full = join(bin, command);
    return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' }) : execFileSync(full, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  // A test run stopped by a signal (a time limit, Ctrl-C) must not leave the cluster running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durable ? '' : ' -c fsync=off'} -c max_connections=400`, '-l', join(dir, 'log'), '-w', 'start']);
    started = true;
  } catch (error) {
    stop();
    throw new Error(`Could not start a throwaway Postgres: ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`);
  }
  let databases = 0;
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    adminUrl,
    createDatabase: (name = `test_${process.pid}_${++databases}`) => createDatabaseOn(adminUrl, name),
    stop,
  };
}
