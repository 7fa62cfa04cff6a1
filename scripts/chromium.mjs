// Where the system Chromium is, and the flags it needs here. Shared by the test runner,
// the end-to-end tests and the benchmark, so every browser starts the same way.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/lib/chromium/chromium', // Debian's binary, without the wrapper script's warnings
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The first Chromium found on this machine, or undefined. */
export function findChromium() {
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

/** Flags for a headless Chromium on a sandboxed machine with no network but loopback. */
export const chromiumArgs = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
