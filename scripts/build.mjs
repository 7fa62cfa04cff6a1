// The whole build: type declarations (generated, plus the hand-written ones in types/),
// the ES module for bundlers (lit and zod external),
// the self-contained script-tag bundle, the Node-safe schema with its JSON Schema, and the builder.
// Vite applies `external` to every format of one build, so each bundle is its own build;
// only this script empties dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';

const run = (command, ...args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('node_modules/.bin/tsc', '-p', 'tsconfig.build.json');
// The per-framework typings (lead-capture/react, /vue, /svelte) augment each framework's own
// types, which the library does not depend on, so they are hand-written .d.ts (tsc never copies those).
cpSync('types', 'dist/types', { recursive: true });
run('node_modules/.bin/vite', 'build', '--mode', 'element', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'module', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'iife', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'min', '--logLevel', 'warn');
run('node_modules/.bin/vite', 'build', '--mode', 'schema', '--logLevel', 'warn');
run('node', 'scripts/json-schema.mjs');
// The builder (builder/): static files in dist/builder/, served by npm start at /builder/.
run('node_modules/.bin/vite', 'build', '--config', 'vite.builder.config.ts');
// The receiver (its own workspace package) after the widget, whose schema types it imports.
run('node', 'receiver/scripts/build.mjs');
// When this build was made: `npm test` builds again only when a source is newer (scripts/test.mjs).
writeFileSync('dist/.built', `${new Date().toISOString()}\n`);
