import { randomToken, secretsEqual, sha256Hex } from './crypto.js';
import type { LeadStore } from './store/store.js';

/** The inbox session: a random token in an HttpOnly, SameSite=Strict cookie; the database keeps only its hash. */
export const sessionCookie = 'lead_inbox_session';

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.split('=');
    if (key?.trim() === name) return rest.join('=').trim() || undefined;
  }
  return undefined;
}

export function cookieHeader(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${sessionCookie}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export class Sessions {
  constructor(
    private readonly store: LeadStore,
    private readonly password: string,
    private readonly lifetimeMs: number,
  ) {}

  get lifetimeSeconds(): number {
    return Math.round(this.lifetimeMs / 1000);
  }

  checkPassword(given: string): Promise<boolean> {
    return secretsEqual(given, this.password);
  }

  /** A new session; returns the token for the cookie. */
  async start(now: Date): Promise<string> {
    const token = randomToken(32);
    await this.store.createSession(await sha256Hex(token), now, new Date(now.getTime() + this.lifetimeMs));
    return token;
  }

  /** Whether the request carries a live session (and slides its expiry). */
  async isValid(request: Request, now: Date): Promise<boolean> {
    const token = readCookie(request, sessionCookie);
    if (!token || token.length > 100) return false;
    return this.store.touchSession(await sha256Hex(token), now, new Date(now.getTime() + this.lifetimeMs));
  }

  async end(request: Request): Promise<void> {
    const token = readCookie(request, sessionCookie);
    if (token && token.length <= 100) await this.store.deleteSession(await sha256Hex(token));
  }
}
