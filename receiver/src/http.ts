/** Small web-standard helpers: JSON answers, RFC 9457 problems, the headers every answer carries. */

export interface ProblemIssue {
  path: string;
  message: string;
}

/** An answer to give as RFC 9457 problem JSON. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: { issues?: ProblemIssue[]; headers?: Record<string, string>; type?: string } = {},
  ) {
    super(detail);
  }
}

/** On every answer: no MIME sniffing, no referrer leaking an inbox URL. */
export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders, ...headers },
  });
}

export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { 'Cache-Control': 'no-store', ...securityHeaders, ...headers } });
}

export function problemResponse(problem: HttpProblem, headers: Record<string, string> = {}): Response {
  const body = {
    type: problem.extra.type ?? 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(problem.extra.issues ? { issues: problem.extra.issues } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...securityHeaders,
      ...(problem.extra.headers ?? {}),
      ...headers,
    },
  });
}

/** The body as text, refused with 413 as soon as it passes `limit` bytes (not only by Content-Length). */
export async function readLimited(request: Request, limit: number, tooLarge: () => HttpProblem): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(whole);
}

/** Reads a JSON body of at most `limit` bytes sent as application/json (415, 413, 400 otherwise). */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  if (!isJsonType(request.headers.get('content-type'))) {
    throw new HttpProblem(415, 'Unsupported media type', 'Send the body as application/json.');
  }
  const text = await readLimited(request, limit, () => new HttpProblem(413, 'Body too large', `A request body is at most ${limit} bytes.`));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.');
  }
}

export function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
