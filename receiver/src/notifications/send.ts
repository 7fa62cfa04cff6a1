import type { Channel } from '../config.js';
import { httpRequest, mailMessage, type Message } from './channels.js';

/**
 * One attempt to deliver one message. The outcome's `error` is what the inbox shows and the log
 * prints, so it names the channel and the failure only: never the URL (Slack, Teams and Discord
 * URLs are secrets), never an answer's body (it may echo the lead), never the address.
 */

export type Attempt = { ok: true } | { ok: false; error: string; retryAfterMs?: number };

/** Sends mail; built once per receiver from `SMTP_URL` (nodemailer, imported only when a rule mails). */
export type MailSender = (message: ReturnType<typeof mailMessage>) => Promise<void>;

export async function createMailSender(smtpUrl: string, defaultFrom: string, timeoutMs: number): Promise<MailSender & { close(): void }> {
  const { createTransport } = await import('nodemailer');
  // Timeouts inside the worker's lease: nodemailer's defaults (minutes) would let a claim run out mid-send.
  // nodemailer reads options from the URL's query (an options object would drop the URL's own); the user's own win.
  const url = new URL(smtpUrl);
  for (const option of ['connectionTimeout', 'greetingTimeout', 'socketTimeout']) if (!url.searchParams.has(option)) url.searchParams.set(option, String(timeoutMs));
  const transport = createTransport(url.href);
  const send = async (message: ReturnType<typeof mailMessage>) => {
    await transport.sendMail({ from: defaultFrom, ...message });
  };
  return Object.assign(send, { close: () => transport.close() });
}

/** `Retry-After` in seconds or as an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export interface SendOptions {
  now: Date;
  timeoutMs: number;
  mail?: MailSender;
}

export async function attempt(channel: Channel, message: Message, options: SendOptions): Promise<Attempt> {
  if (channel.type === 'email') {
    if (!options.mail) return { ok: false, error: 'email: SMTP_URL is not set' };
    try {
      await options.mail(mailMessage(channel, message));
      return { ok: true };
    } catch (error) {
      const code = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code;
      return { ok: false, error: `email: not accepted by the SMTP server${code ? ` (${code})` : ''}` };
    }
  }
  const request = await httpRequest(channel, message, options.now);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // A redirect could carry the signed body elsewhere; every documented endpoint answers directly.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name === 'TimeoutError' ? 'no answer in time' : `cannot connect${(error as { cause?: { code?: string } }).cause?.code ? ` (${(error as { cause: { code: string } }).cause.code})` : ''}`;
    return { ok: false, error: `${channel.type}: ${name}` };
  }
  // The body is not read into the error (see above); it is drained so the connection can be reused.
  await response.body?.cancel().catch(() => {});
  if (response.status >= 200 && response.status < 300) return { ok: true };
  const wait = retryAfterMs(response.headers.get('retry-after'), options.now);
  return { ok: false, error: `${channel.type}: HTTP ${response.status}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
}
