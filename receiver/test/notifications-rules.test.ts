// The pure parts: which rule takes which lead, what is forwarded, how answers are read, how text is escaped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConfig } from '../src/config.js';
import { discordBody, slackBody, teamsBody } from '../src/notifications/channels.js';
import { forwardedLead, ruleMatches, summarise } from '../src/notifications/content.js';
import { dueDay } from '../src/notifications/digest.js';
import { retryAfterMs } from '../src/notifications/send.js';
import { makeLead } from './support/leads.js';

const rule = (when?: object, digest?: object) =>
  checkConfig({ notifications: [{ name: 'r', ...(when ? { when } : {}), ...(digest ? { digest } : {}), channel: { type: 'slack', url: 'https://hooks.slack.com/services/x' } }] }).notifications[0]!;

test('when: temperature, offer and preference must all hold; absent means every lead; digests and test leads take none', () => {
  const hot = makeLead({ offer: 'event', offerId: 'webinar-2026', preference: 'call' });
  const cool = makeLead({ offer: 'download', offerId: 'q3-report', preference: 'email' });
  assert.equal(ruleMatches(rule(), cool), true);
  assert.equal(ruleMatches(rule({ temperature: ['hot'] }), hot), true);
  assert.equal(ruleMatches(rule({ temperature: ['hot'] }), cool), false);
  assert.equal(ruleMatches(rule({ offer: ['q3-report'] }), cool), true);
  assert.equal(ruleMatches(rule({ offer: ['q3-report'] }), hot), false);
  assert.equal(ruleMatches(rule({ offer: ['download'] }), makeLead({ offer: 'download', offerId: null })), false, 'a lead without an offer id matches no offer filter');
  assert.equal(ruleMatches(rule({ preference: ['email'] }), cool), true);
  assert.equal(ruleMatches(rule({ preference: ['email'] }), hot), false);
  assert.equal(ruleMatches(rule({ temperature: ['hot'], offer: ['q3-report'] }), hot), false, 'AND across keys');
  assert.equal(ruleMatches(rule({ temperature: ['hot', 'cool'] }), cool), true, 'OR inside a list');
  assert.equal(ruleMatches(rule(undefined, { at: '08:00' }), hot), false);
  assert.equal(ruleMatches(rule(), makeLead({ test: true })), false);
});

test('forwarded: contact details only when the prospect allowed contact', () => {
  const none = makeLead({ offer: 'trial', preference: 'none', name: 'Grace', email: 'grace@example.org' });
  const forwarded = forwardedLead(none);
  assert.deepEqual(forwarded.contact, { preference: 'none' });
  assert.equal(forwarded.page, undefined);
  assert.doesNotMatch(JSON.stringify(forwarded), /Grace|grace@/);
  assert.doesNotMatch(JSON.stringify(summarise(none, none.id, 'https://leads.example.com')), /Grace|grace@/);
  const call = makeLead({ preference: 'call', name: 'Ada', email: 'ada@example.org' });
  assert.equal((forwardedLead(call).contact as { email: string }).email, 'ada@example.org');
  assert.equal(summarise(call, call.id, undefined).link, undefined, 'no public URL, no link');
});

test('Retry-After in seconds or as an HTTP date', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  assert.equal(retryAfterMs('2', now), 2000);
  assert.equal(retryAfterMs('0.5', now), 500);
  assert.equal(retryAfterMs('Wed, 02 Dec 2026 10:00:30 GMT', now), 30_000);
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});

test("a prospect's name cannot inject markup or mentions", () => {
  const lead = makeLead({ preference: 'email', name: '<!channel> *@everyone* [x](https://evil.example)' });
  const message = { kind: 'lead' as const, notificationId: 'n', summary: summarise(lead, lead.id, undefined), lead: {} };
  // Slack reads <!channel> as a mention in mrkdwn and in `text`; the header is plain_text, which it never parses.
  const slack = slackBody(message) as { text: string; blocks: { type: string; text: { type: string } }[] };
  assert.doesNotMatch(slack.text, /<!channel>/);
  assert.equal(slack.blocks[0]!.text.type, 'plain_text');
  const discord = discordBody(message) as { content: string; allowed_mentions: unknown };
  assert.deepEqual(discord.allowed_mentions, { parse: [] });
  assert.match(discord.content, /\\\*@everyone\\\* \\\[x\\\]\\\(/);
  assert.equal((teamsBody(message) as { potentialAction?: unknown }).potentialAction, undefined, 'no link without a public URL');
});

test('the digest is due from its local time, keyed by the local day', () => {
  const digest = { at: '08:00', timeZone: 'Europe/Berlin' };
  assert.equal(dueDay(digest, new Date('2026-11-02T06:59:00Z')), undefined, '07:59 in Berlin');
  assert.equal(dueDay(digest, new Date('2026-11-02T07:00:00Z')), '2026-11-02');
  assert.equal(dueDay(digest, new Date('2026-11-02T23:30:00Z')), undefined, '00:30 on the 3rd in Berlin: not yet');
  assert.equal(dueDay(digest, new Date('2026-11-03T07:30:00Z')), '2026-11-03');
  assert.equal(dueDay({ at: '08:00', timeZone: 'America/New_York' }, new Date('2026-11-03T02:00:00Z')), '2026-11-02', "21:00 on the 2nd in New York");
});
