// Local stand-ins for the services notifications go to, each enforcing its documented contract:
// a malformed message is refused with 400 (as the real service does), so a test passes only when
// the receiver sends what Slack, Teams, Discord, a CRM and an SMTP server accept.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
}

/** What the next answers on a path are: a status (with Retry-After), or `hang` (never answer). */
export type Behaviour = { status: number; retryAfter?: string } | 'hang';

const isText = (value: unknown, max: number) => typeof value === 'string' && value.length > 0 && value.length <= max;

/** Slack incoming webhooks: `text` required when blocks are given (the notification's text); Block Kit blocks. */
export function slackProblem(body: any): string | undefined {
  if (!body || typeof body !== 'object') return 'invalid_payload';
  if (body.text === undefined && body.blocks === undefined) return 'no_text';
  if (body.text !== undefined && !isText(body.text, 40000)) return 'invalid_text';
  if (body.blocks !== undefined) {
    if (!Array.isArray(body.blocks) || body.blocks.length > 50) return 'invalid_blocks';
    for (const block of body.blocks) {
      if (!['header', 'section', 'actions', 'context', 'divider'].includes(block?.type)) return 'invalid_blocks';
      if (block.type === 'header' && !(block.text?.type === 'plain_text' && isText(block.text.text, 150))) return 'invalid_blocks';
      if (block.type === 'section' && !(['plain_text', 'mrkdwn'].includes(block.text?.type) && isText(block.text.text, 3000))) return 'invalid_blocks';
      if (block.type === 'actions' && !(Array.isArray(block.elements) && block.elements.every((element: any) => element.type === 'button' && element.text?.type === 'plain_text' && isText(element.text.text, 75)))) return 'invalid_blocks';
    }
  }
  return undefined;
}

/** Teams incoming webhook, legacy actionable message card: @type MessageCard, @context, summary or text. */
export function teamsProblem(body: any): string | undefined {
  if (body?.['@type'] !== 'MessageCard') return 'Summary or Text is required.';
  if (body['@context'] !== 'https://schema.org/extensions') return 'Invalid @context';
  if (!isText(body.summary, 10000) && !isText(body.text, 10000)) return 'Summary or Text is required.';
  if (body.sections !== undefined) {
    if (!Array.isArray(body.sections)) return 'Invalid sections';
    for (const section of body.sections) {
      if (section.facts !== undefined && !(Array.isArray(section.facts) && section.facts.every((fact: any) => typeof fact.name === 'string' && typeof fact.value === 'string'))) return 'Invalid facts';
    }
  }
  if (body.potentialAction !== undefined && !(Array.isArray(body.potentialAction) && body.potentialAction.every((action: any) => action['@type'] === 'OpenUri' && Array.isArray(action.targets)))) return 'Invalid potentialAction';
  return undefined;
}

/** Discord webhooks: `content` (≤ 2000) and/or `embeds` (≤ 10; title ≤ 256, description ≤ 4096, ≤ 25 fields). */
export function discordProblem(body: any): string | undefined {
  if (!body || (body.content === undefined && body.embeds === undefined)) return 'Cannot send an empty message (50006)';
  if (body.content !== undefined && !(typeof body.content === 'string' && body.content.length <= 2000)) return 'content: Must be 2000 or fewer in length.';
  if (body.embeds !== undefined) {
    if (!Array.isArray(body.embeds) || body.embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
    for (const embed of body.embeds) {
      if (embed.title !== undefined && !isText(embed.title, 256)) return 'embeds.title';
      if (embed.description !== undefined && !isText(embed.description, 4096)) return 'embeds.description';
      if (embed.color !== undefined && !Number.isInteger(embed.color)) return 'embeds.color';
      if (embed.fields !== undefined && !(Array.isArray(embed.fields) && embed.fields.length <= 25 && embed.fields.every((field: any) => isText(field.name, 256) && isText(field.value, 1024)))) return 'embeds.fields';
    }
  }
  return undefined;
}

/** Our own webhook contract: the event, the id, the headers. */
export function webhookProblem(body: any, headers: IncomingHttpHeaders): string | undefined {
  if (body?.event !== 'lead.received' && body?.event !== 'digest.daily') return 'event';
  if (typeof body.id !== 'string' || headers['x-lead-notification-id'] !== body.id) return 'X-Lead-Notification-Id';
  if (!/^t=\d+,v1=[0-9a-f]{64}$/.test(String(headers['x-lead-signature']))) return 'X-Lead-Signature';
  return undefined;
}

const checks: Record<string, (body: any, headers: IncomingHttpHeaders) => string | undefined> = {
  slack: slackProblem,
  teams: teamsProblem,
  discord: discordProblem,
  webhook: webhookProblem,
};

/** One HTTP server with a path per service: /slack, /teams, /discord, /webhook (and any /<name>/… below them). */
export class FakeServices {
  readonly received: Received[] = [];
  /** Refused as malformed: must stay empty in every test. */
  readonly refused: { path: string; problem: string }[] = [];
  private readonly plans = new Map<string, Behaviour[]>();
  private readonly hanging = new Set<() => void>();
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const service = path.split('/')[1] ?? '';
        const body = Buffer.concat(chunks).toString('utf8');
        let parsed: any;
        try {
          parsed = JSON.parse(body);
        } catch {
          parsed = undefined;
        }
        const problem = request.headers['content-type']?.startsWith('application/json') ? checks[service]?.(parsed, request.headers) : 'content-type';
        if (problem) {
          this.refused.push({ path, problem });
          response.writeHead(400, { 'Content-Type': 'text/plain' }).end(problem);
          return;
        }
        this.received.push({ path, headers: request.headers, body, json: parsed, at: Date.now() });
        const behaviour = this.plans.get(service)?.shift();
        if (behaviour === 'hang') {
          this.hanging.add(() => response.destroy());
          return;
        }
        if (behaviour) {
          response.writeHead(behaviour.status, behaviour.retryAfter ? { 'Retry-After': behaviour.retryAfter } : {}).end(service === 'discord' ? JSON.stringify({ message: 'You are being rate limited.', retry_after: Number(behaviour.retryAfter ?? 1) }) : 'busy');
          return;
        }
        // Each service's own success answer: Slack "ok", Teams "1", Discord 204, a CRM 200.
        if (service === 'discord') response.writeHead(204).end();
        else response.writeHead(200, { 'Content-Type': 'text/plain' }).end(service === 'slack' ? 'ok' : service === 'teams' ? '1' : 'received');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next answers on a service, in order; afterwards it answers success. */
  plan(service: string, ...behaviours: Behaviour[]): void {
    this.plans.set(service, [...(this.plans.get(service) ?? []), ...behaviours]);
  }

  on(service: string): Received[] {
    return this.received.filter((entry) => entry.path.split('/')[1] === service);
  }

  reset(): void {
    this.received.length = 0;
    this.refused.length = 0;
    this.plans.clear();
  }

  async stop(): Promise<void> {
    for (const drop of this.hanging) drop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface Mail {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server (smtp-server) on a free port, with login; what it accepted is in `mails`. */
export class FakeSmtp {
  readonly mails: Mail[] = [];
  private server!: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      secure: false,
      allowInsecureAuth: true,
      authOptional: false,
      disabledCommands: ['STARTTLS'],
      onAuth: (auth, _session, callback) => (auth.username === 'mailer' && auth.password === 'secret-pass' ? callback(null, { user: 'mailer' }) : callback(new Error('Invalid username or password'))),
      onData: (stream, session, callback) => {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          this.mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((entry) => entry.address), data });
          callback();
        });
      },
    });
    this.server.on('error', () => {});
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const port = (this.server.server.address() as AddressInfo).port;
    this.url = `smtp://mailer:secret-pass@127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `check` is true (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
