// The landing page of the host-page measurements (issue 24): the demo's landing page
// (demo/index.html and demo.css, read as they are) with the widget pasted in as README.md
// tells a user, and the same page without it. The built script is served gzip-compressed, as a
// CDN serves it, from the bench's own path.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);

/** Where the landing pages are served; the script is one folder up, with the other bench pages. */
export const landingPaths = { widget: '/bench/landing/widget.html', plain: '/bench/landing/plain.html', warmUp: '/bench/landing/warm-up.html' };
export const scriptPath = '/bench/lead-capture.iife.js';

/**
 * The README's snippet for plain HTML (the code block it tells a user to paste where the form
 * goes: `<script src=… defer>`, the reservation `<style>`, the element), its script pointed at
 * this server and its endpoint at the bench site's receiver. Fails when the README no longer has
 * it: the bench measures what the docs tell a user, so it must notice when they change.
 */
export function readmeSnippet(readme = readFileSync(new URL('README.md', root), 'utf8')) {
  const snippet = readme.match(/```html\n(<script [^>]*src="[^"]*lead-capture[^"]*\.js"[^>]*><\/script>\n[\s\S]*?<\/lead-capture>)\n```/)?.[1];
  if (!snippet?.includes('min-height')) throw new Error("README.md no longer has the snippet (<script src=…>, a reservation <style>, <lead-capture>); update scripts/bench/landing.mjs.");
  return snippet.replace(/(<script [^>]*src=")[^"]*"/, `$1${scriptPath}"`).replace(/endpoint="[^"]*"/, 'endpoint="/api/leads"');
}

/** The README's reservation rule (`lead-capture { … min-height … }`), as the snippet has it. */
export const readmeReservation = () => readmeSnippet().match(/lead-capture(?::not\(:defined\))?\s*\{[^}]*min-height[^}]*\}/)?.[0];

/**
 * The landing page, `widget` with the README's snippet pasted where the demo has its form, or
 * without the widget (nothing there); `head` is put at the end of `<head>` (the bench's
 * recorder; nothing for Lighthouse).
 */
export function landingPage({ widget, head = '' }) {
  const demo = readFileSync(new URL('demo/index.html', root), 'utf8');
  // The demo's own widget and its dev-server script tag make way for the snippet (or nothing).
  const devScript = /\s*<script type="module" src="\/src\/[^"]*"><\/script>/;
  const element = /<lead-capture[\s\S]*?<\/lead-capture>/;
  if (!devScript.test(demo) || !element.test(demo) || !demo.includes('href="./demo.css"')) {
    throw new Error('demo/index.html no longer has its dev-server script, its <lead-capture> or demo.css; update scripts/bench/landing.mjs.');
  }
  return demo
    .replace(devScript, head ? `\n    ${head}` : '')
    .replace('href="./demo.css"', 'href="./landing.css"')
    .replace(element, widget ? readmeSnippet().replaceAll('\n', '\n        ') : '');
}

/** demo.css without its own reservation of the widget's space: the page with the widget gets README.md's, with the snippet. */
export function landingCss() {
  const css = readFileSync(new URL('demo/demo.css', root), 'utf8');
  const reservation = /(\/\*[^*]*\*\/\s*)?lead-capture\s*\{[^}]*min-height[^}]*\}/;
  if (!reservation.test(css)) throw new Error('demo/demo.css no longer reserves the widget\'s space; update scripts/bench/landing.mjs.');
  return css.replace(reservation, '');
}

/** A body sent as it is, with these headers: `startSite` writes an iterable's chunks as they come. */
const bytes = (body, headers) => ({ html: () => [body], headers });

/** The pages for `startSite`, `head` added to the landing pages. */
export function landingPages(head = '') {
  return {
    [landingPaths.widget]: () => landingPage({ widget: true, head }),
    [landingPaths.plain]: () => landingPage({ widget: false, head }),
    [landingPaths.warmUp]: () => '<!doctype html><title>Warm-up</title><p style="font-family: system-ui, sans-serif"><b>Acme</b> Finance',
    '/bench/landing/landing.css': { html: landingCss, headers: { 'Content-Type': 'text/css; charset=utf-8' } },
    [scriptPath]: bytes(gzipSync(readFileSync(new URL('dist/lead-capture.iife.js', root)), { level: 9 }), {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Encoding': 'gzip',
    }),
  };
}
