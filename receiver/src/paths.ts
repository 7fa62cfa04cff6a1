/**
 * The inbox's default folder: `dist/inbox` of this package, next to the compiled code (running
 * from the TypeScript sources, the same folder of the last build).
 */
export function defaultInboxDir(): URL {
  const here = new URL('.', import.meta.url);
  return here.pathname.endsWith('/src/') ? new URL('../dist/inbox/', here) : new URL('./inbox/', here);
}

/** A folder as a `file:` URL ending in `/`: a URL, an absolute path, or a path from the working directory. */
export function folderUrl(folder: string | URL): URL {
  const href = folder instanceof URL ? folder.href : /^file:/i.test(folder) ? folder : undefined;
  if (href) return new URL(href.endsWith('/') ? href : `${href}/`);
  const base = `file://${(globalThis.process?.cwd?.() ?? '/').replace(/\/?$/, '/')}`;
  const path = String(folder).replace(/\/?$/, '/');
  return new URL(path.split('/').map(encodeURIComponent).join('/'), base);
}
