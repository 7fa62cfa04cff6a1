// The whole build: type declarations, the ES module for bundlers (lit and zod external),
// the self-contained script-tag bundle, and the Node-safe schema with its JSON Schema.
// Vite applies `external` to every format of one build, so each bundle is its own build;
// only this script empties dist/.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (command, ...args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', '-p', 'tsconfig.build.json');
run('node_modules/.bin/vite', 'build', '--mode', 'element', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'module', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'iife', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'min', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'schema', '--logLevel', 'warn');
run('node', 'scripts/json-schema.mjs');
