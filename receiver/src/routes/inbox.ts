import { HttpProblem, problemResponse, securityHeaders } from '../http.js';

/**
 * The inbox's files, served from one folder with a strict Content Security Policy: generic, so
 * the inbox's pages are only files and a build step. /inbox/now, /inbox/leads and /inbox/offers
 * are the one page (index.html), which routes on the client. Node's file system is imported here, on
 * demand: the lead and API routes never load it.
 */

export const inboxCsp = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export async function inboxRoute(folder: URL | undefined, request: Request, url: URL): Promise<Response> {
  const headers = { ...securityHeaders, 'Content-Security-Policy': inboxCsp, 'X-Frame-Options': 'DENY' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return problemResponse(new HttpProblem(405, 'Method not allowed', 'Use GET.'), { Allow: 'GET, HEAD' });
  }
  if (url.pathname === '/inbox') return new Response(null, { status: 308, headers: { ...headers, Location: '/inbox/' } });
  const notFound = () => problemResponse(new HttpProblem(404, 'Not found', 'No such inbox file.'), headers);
  if (!folder) return notFound();
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice('/inbox/'.length)) || 'index.html';
    // The inbox's views are addresses of one page: the page reads the path and shows the view.
    if (/^(now|leads|offers)\/?$/.test(relative)) relative = 'index.html';
  } catch {
    return notFound();
  }
  // Only plain names: no dot segments, no backslashes, no NUL, nothing hidden.
  if (relative.length > 200 || relative.split('/').some((segment) => segment === '' || segment.startsWith('.')) || /[\\\0]/.test(relative)) return notFound();
  const { readFile } = await import('node:fs/promises');
  const extension = /\.[a-z0-9]+$/i.exec(relative)?.[0]?.toLowerCase() ?? '';
  try {
    const file = new URL(relative, folder);
    if (!file.href.startsWith(folder.href)) return notFound();
    const content = await readFile(file);
    const isHtml = extension === '.html';
    return new Response(request.method === 'HEAD' ? null : content, {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': types[extension] ?? 'application/octet-stream',
        // Pages are small and change with the receiver; other files may be cached briefly.
        'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=300',
      },
    });
  } catch {
    return notFound();
  }
}
