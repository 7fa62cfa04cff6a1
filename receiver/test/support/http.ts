// Calls to a receiver without a server: Requests in, Responses out.
import type { Receiver } from '../../src/handler.js';
import { password } from './engines.js';

export const base = 'http://receiver.test';

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  address?: string;
  cookie?: string;
}

export function call(receiver: Receiver, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (options.cookie) headers.Cookie = options.cookie;
  return receiver(new Request(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }), { clientAddress: options.address ?? '203.0.113.7' });
}

export function postLead(receiver: Receiver, lead: unknown, options: CallOptions = {}): Promise<Response> {
  return call(receiver, 'POST', '/leads', { ...options, body: lead });
}

/** Logs in; returns the cookie to send. */
export async function login(receiver: Receiver): Promise<string> {
  const response = await call(receiver, 'POST', '/api/session', { body: { password } });
  if (response.status !== 204) throw new Error(`login failed: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

export async function api<T = any>(receiver: Receiver, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; response: Response }> {
  const response = await call(receiver, method, path, { cookie, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, response };
}
