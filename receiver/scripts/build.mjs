// The receiver's build: TypeScript to dist/, then the inbox's files to dist/inbox/.
// Run from the repository root by scripts/build.mjs (after the widget, whose schema types it uses), or here with npm run build.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const receiver = join(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(join(receiver, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(receiver, 'tsconfig.json')], { stdio: 'inherit' });
cpSync(join(receiver, 'inbox'), join(receiver, 'dist/inbox'), { recursive: true });
