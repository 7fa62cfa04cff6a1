import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * The option descriptions the builder shows, read from the option table at build time
 * (scripts/option-docs.mjs: its doc comments through the TypeScript parser) into the manifest
 * the builder imports: a built builder says what the table says, even before `npm run analyze`.
 */
function optionDocsFromTable(): Plugin {
  return {
    name: 'lead-capture:builder-option-docs',
    enforce: 'pre',
    async transform(code, id) {
      if (!id.endsWith('/custom-elements.json')) return undefined;
      const { optionDocs } = await import('./scripts/option-docs.mjs');
      const descriptions = new Map<string, string>((await optionDocs()).map((option: { name: string; description: string }) => [option.name, option.description]));
      const manifest = JSON.parse(code) as { modules: { declarations?: { tagName?: string; members?: { kind: string; name: string; description?: string }[] }[] }[] };
      for (const declaration of manifest.modules.flatMap((module) => module.declarations ?? [])) {
        if (declaration.tagName !== 'lead-capture') continue;
        for (const member of declaration.members ?? []) if (member.kind === 'field' && descriptions.has(member.name)) member.description = descriptions.get(member.name);
      }
      return { code: JSON.stringify(manifest), map: null };
    },
  };
}

/**
 * `vite build --config vite.builder.config.ts`: the builder (builder/) as static files in
 * dist/builder/, with relative addresses (`base: './'`) so it works from any path of any static
 * host. Its preview page bundles the widget from the same entry as the script tag
 * (src/script-tag.ts), built the same way (the same CSS minification, the same version).
 * In development, `npm start` serves builder/ from the repository at /builder/.
 */
export default defineConfig({
  root: path('./builder'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  plugins: [minifyTemplates(), optionDocsFromTable()],
  define: { __LEAD_CAPTURE_VERSION__: JSON.stringify(version) },
  build: {
    outDir: path('./dist/builder'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: { index: path('./builder/index.html'), preview: path('./builder/preview.html') },
    },
  },
});
