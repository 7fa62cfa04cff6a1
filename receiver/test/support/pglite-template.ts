// One initdb, not one per test database. A new PGlite runs initdb (about 5 s here, most of the
// suite's time before); a database loaded from the dump of a fresh cluster is the same empty
// cluster in about 1 s. The dump is kept in the temp folder per PGlite version, so the files of
// one run (each its own process) and later runs share it; written under a temporary name and
// renamed, so a run stopped half-way never leaves a torn dump behind.
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/store/database.js';

/** PGlite's version, from its package.json (which its exports do not list). */
function pgliteVersion(): string {
  let folder = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(folder, 'package.json')) || (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name !== '@electric-sql/pglite') {
    if (dirname(folder) === folder) return 'unknown';
    folder = dirname(folder);
  }
  return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
}

const version = pgliteVersion();
const cacheFile = join(tmpdir(), `lead-receiver-pglite-${version}-initdb.tar`);

let dump: Promise<Blob> | undefined;

async function createDump(): Promise<Blob> {
  const db = await PGlite.create();
  const tarball = await db.dumpDataDir('none');
  await db.close();
  const partial = `${cacheFile}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, cacheFile);
  return tarball;
}

/** The tarball of an empty, fresh PGlite cluster (as right after initdb). */
export function pgliteTemplate(): Promise<Blob> {
  dump ??= existsSync(cacheFile) ? Promise.resolve(new Blob([readFileSync(cacheFile)])) : createDump();
  return dump;
}

/** A new, empty in-memory PGlite (no migrations run yet), from the template. */
export async function freshPglite(): Promise<Database> {
  try {
    return await openDatabase('memory', { initialData: await pgliteTemplate() });
  } catch (error) {
    // A cached dump that does not load (another PGlite build, a damaged file): make it again, once.
    if (!existsSync(cacheFile)) throw error;
    rmSync(cacheFile, { force: true });
    dump = createDump();
    return openDatabase('memory', { initialData: await dump });
  }
}

let templateDirectory: string | undefined;

/**
 * A new data directory for the command (`--data`): the fresh cluster written out once per file,
 * then copied (a copy of about 40 MB instead of an initdb per start). The receiver still
 * migrates it at start, as it does a new directory.
 */
export async function freshDataDirectory(parent: string): Promise<string> {
  if (!templateDirectory) {
    const folder = mkdtempSync(join(tmpdir(), 'lead-data-template-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    const db = await openDatabase(folder, { initialData: await pgliteTemplate() });
    await db.close();
    templateDirectory = folder;
  }
  const target = join(parent, 'data');
  cpSync(templateDirectory, target, { recursive: true });
  return target;
}
