import type { Plugin } from 'vite';

/**
 * Lit's `css` templates reach the bundle as written, comments and indentation included.
 * This build step drops what CSS does not need, inside `css\`…\`` templates of
 * `*.styles.ts` files only (they nest no other template), leaving `${…}` parts as they are.
 * (A parser-based minifier of `html` templates as well, minify-literals, saved only 140 bytes
 * more gzip: not worth a dependency.)
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'lead-capture:minify-css-templates',
    apply: 'build',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return undefined;
      return { code: code.replace(/\bcss`([^`]*)`/g, (_, body: string) => `css\`${minifyCss(body)}\``), map: null };
    },
  };
}

/** Comments out, white space collapsed: none around `{ } ; , >` nor after a property's colon. */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/([{;])([\w-]+):\s+/g, "$1$2:")
    .replace(/;}/g, '}')
    .trim();
}
