// Makes sure a Chromium exists before the browser tests start: finds it, installs Debian's
// package when we are root on Debian, or stops with the one command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

if (!findChromium()) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error('Chromium not found: install it (Debian: sudo apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.');
    process.exit(1);
  }
  console.log('Chromium not found; installing Debian\'s chromium package…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (!findChromium()) {
    console.error('Chromium still not found after apt-get install chromium; set CHROME_PATH to a Chrome/Chromium binary.');
    process.exit(1);
  }
}
