// The receiver's build: TypeScript to dist/, then the inbox (lit + TypeScript in inbox/) bundled by
// Vite into dist/inbox/. Run from the repository root by scripts/build.mjs (after the widget, whose
// schema types it uses), or here with npm run build.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const receiver = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
rmSync(join(receiver, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(receiver, 'tsconfig.json')], { stdio: 'inherit' });
// The inbox's own type check (DOM types, lit): Vite strips types without checking them.
execFileSync(process.execPath, [tsc, '-p', join(receiver, 'inbox/tsconfig.json')], { stdio: 'inherit' });

const { build } = await import('vite');
await build({
  configFile: false,
  root: join(receiver, 'inbox'),
  // Served at /inbox/ by the receiver: asset URLs must start there.
  base: '/inbox/',
  logLevel: 'warn',
  build: {
    outDir: join(receiver, 'dist/inbox'),
    emptyOutDir: true,
    target: 'es2022',
    // The strict CSP allows no inline script: no module-preload polyfill (an inline helper).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
