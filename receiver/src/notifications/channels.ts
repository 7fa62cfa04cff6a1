import type { Channel } from '../config.js';
import { hmacSha256Hex } from '../crypto.js';
import { digestText, type DigestFigures, type LeadSummary } from './content.js';

/**
 * Each channel's own documented message format, from the shared words in content.ts:
 * - Slack incoming webhook: `text` (the notification and fallback) and `blocks` (Block Kit).
 * - Microsoft Teams incoming webhook: a legacy actionable message card (`@type: MessageCard`).
 * - Discord webhook: `content` and `embeds`.
 * - The generic webhook: our own JSON, signed (see {@link signature}).
 * - Email: a plain-text and an HTML part.
 */

export type Message = { kind: 'lead'; notificationId: string; summary: LeadSummary; lead: Record<string, unknown> } | { kind: 'digest'; notificationId: string; figures: DigestFigures };

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface MailMessage {
  to: string | string[];
  from?: string;
  subject: string;
  text: string;
  html: string;
}

/** Slack and Discord read `*bold*`/`**bold**`; their texts must not let a prospect's name inject markup or mentions. */
const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Markdown characters only: mentions are disarmed by allowed_mentions, not by mangling the text.
const escapeDiscord = (text: string) => text.replace(/([\\*_~`|>#[\]()])/g, '\\$1');
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function words(message: Message): { title: string; lines: string[]; link: string | undefined } {
  if (message.kind === 'digest') {
    const digest = digestText(message.figures);
    return { title: `Daily digest (${message.figures.rule}): ${digest.title}`, lines: digest.lines, link: undefined };
  }
  const { summary } = message;
  return { title: summary.title, lines: [...summary.facts.map(([label, value]) => `${label}: ${value}`), `Next: ${summary.nextStep}`], link: summary.link };
}

export function slackBody(message: Message): unknown {
  const { title, lines, link } = words(message);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.map(escapeSlack).join('\n').slice(0, 3000) } },
  ];
  if (link) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in the inbox' }, url: link }] });
  return { text: escapeSlack(title), blocks };
}

export function teamsBody(message: Message): unknown {
  const { title, lines, link } = words(message);
  const facts = message.kind === 'lead' ? message.summary.facts.map(([name, value]) => ({ name, value })) : lines.map((line, index) => ({ name: index === 0 ? 'Offers' : '', value: line }));
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title.slice(0, 200),
    themeColor: message.kind === 'lead' && message.summary.facts[0]?.[1].startsWith('hot') ? 'D7263D' : '0078D7',
    title,
    sections: [{ facts, ...(message.kind === 'lead' ? { text: `Next: ${message.summary.nextStep}` } : {}) }],
    ...(link ? { potentialAction: [{ '@type': 'OpenUri', name: 'Open in the inbox', targets: [{ os: 'default', uri: link }] }] } : {}),
  };
}

export function discordBody(message: Message): unknown {
  const { title, lines, link } = words(message);
  const embed =
    message.kind === 'lead'
      ? {
          title: title.slice(0, 256),
          ...(link ? { url: link } : {}),
          description: `Next: ${escapeDiscord(message.summary.nextStep)}`,
          fields: message.summary.facts.map(([name, value]) => ({ name, value: escapeDiscord(value).slice(0, 1024), inline: true })),
          color: message.summary.facts[0]?.[1].startsWith('hot') ? 0xd7263d : 0x0078d7,
        }
      : { title: title.slice(0, 256), description: lines.map(escapeDiscord).join('\n').slice(0, 4096), color: 0x0078d7 };
  // allowed_mentions: a name like "@everyone" must never ping a server.
  return { content: escapeDiscord(title).slice(0, 2000), embeds: [embed], allowed_mentions: { parse: [] } };
}

export function mailMessage(channel: Extract<Channel, { type: 'email' }>, message: Message): MailMessage {
  const { title, lines, link } = words(message);
  const text = [...lines, ...(link ? ['', `Open in the inbox: ${link}`] : [])].join('\n');
  const html = `<h2>${escapeHtml(title)}</h2><ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>${link ? `<p><a href="${escapeHtml(link)}">Open in the inbox</a></p>` : ''}`;
  return { to: channel.to, ...(channel.from ? { from: channel.from } : {}), subject: title, text: `${text}\n`, html };
}

/** The generic webhook's body: `{"event": "lead.received", "id", "lead"}` (or `digest.daily` with the figures). */
export function webhookBody(message: Message): unknown {
  if (message.kind === 'digest') return { event: 'digest.daily', id: message.notificationId, digest: message.figures };
  return { event: 'lead.received', id: message.notificationId, lead: message.lead };
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the rule's secret. */
export async function signature(secret: string, body: string, unixSeconds: number): Promise<string> {
  return `t=${unixSeconds},v1=${await hmacSha256Hex(secret, `${unixSeconds}.${body}`)}`;
}

/** The HTTP request for a webhook-style channel (every type but email). */
export async function httpRequest(channel: Exclude<Channel, { type: 'email' }>, message: Message, now: Date): Promise<HttpRequest> {
  const json = { 'Content-Type': 'application/json' };
  switch (channel.type) {
    case 'slack':
      return { url: channel.url, headers: json, body: JSON.stringify(slackBody(message)) };
    case 'teams':
      return { url: channel.url, headers: json, body: JSON.stringify(teamsBody(message)) };
    case 'discord':
      return { url: channel.url, headers: json, body: JSON.stringify(discordBody(message)) };
    case 'webhook': {
      const body = JSON.stringify(webhookBody(message));
      // Signed at each attempt: the timestamp is the attempt's, so a receiver can refuse old replays.
      const signed = await signature(channel.secret, body, Math.floor(now.getTime() / 1000));
      return { url: channel.url, headers: { ...json, 'X-Lead-Notification-Id': message.notificationId, 'X-Lead-Signature': signed }, body };
    }
  }
}
