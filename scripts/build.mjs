// The whole build: type declarations, the ES module for bundlers (lit and zod external) and
// the self-contained script-tag bundle. Vite applies `external` to every format of one
// build, so the two bundles are two builds; the second must not empty dist/.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (command, ...args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', '-p', 'tsconfig.build.json');
run('node_modules/.bin/vite', 'build', '--mode', 'module', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'iife', '--logLevel', 'warn');
