import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The data directory's lock. PGlite takes none, and a second process on the same directory
 * corrupts it, so the receiver takes one itself: `receiver.lock` in the directory, created with
 * O_EXCL (only one process can create it), holding who holds it. A lock whose process is gone
 * (same host, pid not alive: a `kill -9`, a power cut) is stale and taken over, so a crash never
 * needs a manual repair. Takeover is not atomic against a third process doing the same at the
 * same instant; that needs two receivers started within microseconds on a dead lock.
 */

export interface LockHolder {
  pid: number;
  hostname: string;
  port?: number;
  since: string;
}

export class DataDirectoryLocked extends Error {
  constructor(
    readonly directory: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`;
    const port = holder.port !== undefined ? `, port ${holder.port}` : '';
    super(
      `Another receiver is using ${directory}: pid ${holder.pid}${where}${port}, since ${holder.since}. ` +
        'Stop it first, or give this one another data directory (--data / LEAD_DATA_DIR).',
    );
    this.name = 'DataDirectoryLocked';
  }
}

export interface DirectoryLock {
  readonly file: string;
  /** Rewrites the holder's port (known once the server listens). */
  setPort(port: number): void;
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' ? holder : undefined;
  } catch {
    return undefined;
  }
}

export async function lockDataDirectory(directory: string, options: { port?: number } = {}): Promise<DirectoryLock> {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'receiver.lock');
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), ...(options.port !== undefined ? { port: options.port } : {}), since: new Date().toISOString() };
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt += 1) {
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const current = readHolder(file);
      if (current) {
        const stale = current.hostname === holder.hostname && current.pid !== process.pid && !isAlive(current.pid);
        if (!stale) throw new DataDirectoryLocked(resolve(directory), current);
      } else if (Date.now() - statSync(file).mtimeMs < 5000) {
        // Unreadable: being written this instant (held), or left empty by a crash seconds ago.
        throw new DataDirectoryLocked(resolve(directory), { pid: -1, hostname: holder.hostname, since: 'just now (receiver.lock is being written)' });
      }
      unlinkSync(file);
    }
  }
  const write = () => {
    ftruncateSync(fd!, 0);
    writeSync(fd!, JSON.stringify(holder), 0);
  };
  write();
  let released = false;
  return {
    file,
    setPort(port) {
      holder.port = port;
      if (!released) write();
    },
    async release() {
      if (released) return;
      released = true;
      closeSync(fd!);
      // Only remove what is still ours.
      if (readHolder(file)?.pid === process.pid) unlinkSync(file);
    },
  };
}
