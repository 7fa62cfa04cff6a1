import { defineConfig } from 'vite';
import { leadReceiver } from './demo/receiver.js';

/**
 * `vite` serves the demo with the reference receiver at /api/leads.
 * `vite build --mode module` emits dist/lead-capture.js (lit and zod external, for bundlers);
 * `vite build --mode iife` emits dist/lead-capture.iife.js (self-contained, for a script tag).
 */
export default defineConfig(({ mode }) => {
  const scriptTag = mode === 'iife';
  return {
    plugins: [leadReceiver({ storeFile: '.leads/leads.json' })],
    server: { host: '127.0.0.1', port: 5173 },
    build: {
      target: 'es2021',
      emptyOutDir: false,
      sourcemap: true,
      minify: scriptTag,
      lib: {
        entry: 'src/define.ts',
        name: 'LeadCapture',
        formats: [scriptTag ? 'iife' : 'es'],
        fileName: () => (scriptTag ? 'lead-capture.iife.js' : 'lead-capture.js'),
      },
      rolldownOptions: {
        external: scriptTag ? [] : [/^lit(\/|$)/, /^@lit\//, /^zod(\/|$)/],
      },
    },
  };
});
