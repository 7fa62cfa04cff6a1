import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Each library build: its entry, format and output file. */
const libraries = {
  /** For bundlers: lit and zod stay imports. `lead-capture/element`: the classes, registering nothing. */
  element: { entry: 'src/element.ts', format: 'es', fileName: 'element.js' },
  /** `lead-capture`: imports `./element.js` (kept as an import, not a copy) and registers. */
  module: { entry: 'src/index.ts', format: 'es', fileName: 'lead-capture.js' },
  /** For a script tag: everything inside. */
  iife: { entry: 'src/script-tag.ts', format: 'iife', fileName: 'lead-capture.iife.js' },
  /** For `<script type="module">` from a CDN: everything inside, one ES module. */
  min: { entry: 'src/script-tag.ts', format: 'es', fileName: 'lead-capture.min.js' },
  /** For endpoints (`lead-capture/schema`): the schema and parseLead, no DOM. */
  schema: { entry: 'src/lead/schema.ts', format: 'es', fileName: 'schema.js' },
} as const;

/**
 * `vite` serves the demo pages (`npm start` runs it beside the receiver, lead-capture-receiver).
 * `vite build --mode element|module|iife|min|schema` emits one library (see `libraries`); Vite applies
 * `external` to every format of a build, hence one build each (scripts/build.mjs runs them).
 */
export default defineConfig(({ mode }) => {
  const library = libraries[mode as keyof typeof libraries] ?? libraries.module;
  const scriptTag = mode === 'iife' || mode === 'min';
  return {
    plugins: [minifyTemplates()],
    define: { __LEAD_CAPTURE_VERSION__: JSON.stringify(version) },
    server: { host: '127.0.0.1', port: 5173 },
    build: {
      target: 'es2021',
      emptyOutDir: false,
      sourcemap: true,
      minify: scriptTag,
      lib: {
        entry: library.entry,
        name: 'LeadCapture',
        formats: [library.format],
        fileName: () => library.fileName,
      },
      rolldownOptions: {
        external: scriptTag ? [] : [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/, ...(mode === 'module' ? ['./element.js'] : [])],
        output: {
          // Library mode leaves ES output unminified; the CDN module must be as small as the IIFE.
          ...(mode === 'min' ? { minify: true } : {}),
          // V8's explicit compile hint (Chrome 136+; a comment elsewhere): compile every function
          // while the script streams in, off the main thread, instead of each on its first call
          // during the first render. Nearly every function of the script tag runs at load or in
          // the idle-time rehearsal. Measured at 4x CPU: load -> interactive 608 -> 436 ms.
          ...(scriptTag ? { postBanner: '//# allFunctionsCalledOnLoad' } : {}),
        },
      },
    },
  };
});
