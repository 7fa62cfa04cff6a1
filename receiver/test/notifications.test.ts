// Notifications end to end on both engines: a lead posted to the receiver reaches each configured
// channel once, in that channel's own format, through fakes that refuse what the real service refuses.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { checkConfig } from '../src/config.js';
import type { Receiver } from '../src/handler.js';
import type { NotificationTuning } from '../src/notifications/worker.js';
import { freshReceiver } from './support/engines.js';
import { forEachEngine } from './support/suite.js';
import { api, login, postLead } from './support/http.js';
import { makeLead } from './support/leads.js';
import { FakeServices, FakeSmtp, until } from './support/notification-fakes.js';

const secret = 'whsec-0123456789abcdef0123456789';
const services = new FakeServices();
const smtp = new FakeSmtp();
before(async () => {
  await services.start();
  await smtp.start();
});
after(async () => {
  await services.stop();
  await smtp.stop();
});

const tuning: NotificationTuning = { pollMs: 50, firstRetryMs: 200, maxRetryMs: 2000, leaseMs: 5000, timeoutMs: 2000, maxAttempts: 4 };
const config = () =>
  checkConfig({
    publicUrl: 'https://leads.example.com',
    notifications: [
      { name: 'hot leads to the CRM', when: { temperature: ['hot'] }, channel: { type: 'webhook', url: `${services.url}/webhook/leads`, secret } },
      { name: 'team chat', when: { temperature: ['hot', 'warm'] }, channel: { type: 'slack', url: `${services.url}/slack/services/T0/B0/x` } },
      { name: 'teams', when: { temperature: ['hot'] }, channel: { type: 'teams', url: `${services.url}/teams/webhookb2/x` } },
      { name: 'discord', when: { temperature: ['hot'] }, channel: { type: 'discord', url: `${services.url}/discord/api/webhooks/1/x` } },
      { name: 'owner mail', when: { temperature: ['hot'] }, channel: { type: 'email', to: 'owner@example.com', from: 'Leads <leads@example.com>' } },
    ],
  });

const hotLead = () => makeLead({ offer: 'event', offerTitle: 'Webinar 2026', preference: 'call', name: 'Ada Lovelace', email: 'ada@analytical.example', phone: '+442079460000' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await forEachEngine('notifications', (database) => {
  let receiver: Receiver;
  let logs: string[];
  let cookie: string;

  const start = async () => {
    services.reset();
    smtp.mails.length = 0;
    ({ receiver, logs } = await freshReceiver(database(), { now: () => new Date(), notifications: { config: config(), smtpUrl: smtp.url, tuning } }));
    cookie = await login(receiver);
  };
  afterEach(async () => {
    await receiver.close();
    // Nothing malformed reached a fake, and no log line carries a secret, a URL or a prospect's details.
    assert.deepEqual(services.refused, []);
    for (const line of logs) assert.doesNotMatch(line, /whsec|127\.0\.0\.1|hooks|ada@|Ada|Lovelace|\+44|secret-pass/, line);
  });

  const everyChannel = () => services.on('webhook').length + services.on('slack').length + services.on('teams').length + services.on('discord').length + smtp.mails.length;

  test('a hot lead reaches each configured channel once, in its own format', async () => {
    await start();
    const lead = hotLead();
    assert.equal((await postLead(receiver, lead)).status, 201);
    assert.equal((await postLead(receiver, lead)).status, 200, 'the retry is a duplicate');
    await until(() => everyChannel() === 5, 10_000, 'five deliveries');
    await sleep(400);
    assert.equal(everyChannel(), 5, 'each once, the duplicate adding nothing');

    const [hook] = services.on('webhook');
    assert.equal(hook!.json.event, 'lead.received');
    assert.equal(hook!.headers['x-lead-notification-id'], hook!.json.id);
    assert.equal(hook!.json.lead.id, lead.id);
    assert.equal(hook!.json.lead.contact.email, 'ada@analytical.example');
    const [slack] = services.on('slack');
    assert.match(slack!.json.text, /Ada Lovelace: hot lead for Webinar 2026/);
    assert.ok(JSON.stringify(slack!.json.blocks).includes(`https://leads.example.com/inbox/leads?lead=${lead.id}`), 'a link to the lead in the inbox');
    assert.match(JSON.stringify(slack!.json.blocks), /Next: send the registration mails, then call them/);
    assert.equal(services.on('teams')[0]!.json['@type'], 'MessageCard');
    assert.ok(services.on('teams')[0]!.json.sections[0].facts.some((fact: { name: string; value: string }) => fact.name === 'Temperature' && fact.value === 'hot'));
    assert.equal(services.on('discord')[0]!.json.embeds[0].fields[0].value, 'hot');
    const [mail] = smtp.mails;
    assert.deepEqual(mail!.to, ['owner@example.com']);
    assert.match(mail!.data, /Subject: Ada Lovelace: hot lead for Webinar 2026/);

    const { status, body } = await api(receiver, cookie, 'GET', `/api/leads/${lead.id}/notifications`);
    assert.equal(status, 200);
    assert.deepEqual(body.notifications.map((entry: { channel: string; status: string }) => `${entry.channel} ${entry.status}`).sort(), ['discord sent', 'email sent', 'slack sent', 'teams sent', 'webhook sent']);
    assert.ok(body.notifications.every((entry: { sentAt: string | null; attempts: number }) => entry.sentAt && entry.attempts === 1));
  });

  test('a lead whose preference is none is forwarded without contact details', async () => {
    await start();
    const lead = makeLead({ offer: 'trial', preference: 'none', name: 'Grace Hopper', email: 'grace@navy.example' });
    await postLead(receiver, lead);
    await until(() => everyChannel() === 5, 10_000, 'five deliveries');
    const everything = [...services.received.map((entry) => entry.body), ...smtp.mails.map((mail) => mail.data)].join('\n');
    assert.doesNotMatch(everything, /Grace|Hopper|grace@|navy\.example|example\.com\/landing/);
    assert.deepEqual(services.on('webhook')[0]!.json.lead.contact, { preference: 'none' });
    assert.match(services.on('slack')[0]!.json.text, /asked not to be contacted: hot lead for trial-2026/);
  });

  test('a 429 with Retry-After (Slack, Discord) is waited out, then the message goes once', async () => {
    await start();
    services.plan('slack', { status: 429, retryAfter: '1' });
    services.plan('discord', { status: 429, retryAfter: '1' });
    await postLead(receiver, hotLead());
    await until(() => services.on('slack').length === 2 && services.on('discord').length === 2, 10_000, 'the retries');
    for (const service of ['slack', 'discord']) {
      const [first, second] = services.on(service);
      assert.ok(second!.at - first!.at >= 950, `${service} waited ${second!.at - first!.at} ms, not the 1 s it asked`);
    }
    await sleep(400);
    assert.equal(services.on('slack').length, 2);
    assert.equal(services.on('webhook').length, 1);
  });

  test('a channel down for a while gets the notification once it is back, once, under one id', async () => {
    await start();
    services.plan('webhook', { status: 503 }, { status: 502 }, 'hang');
    await postLead(receiver, hotLead());
    await until(() => services.on('webhook').length === 4, 15_000, 'four attempts');
    await sleep(600);
    const attempts = services.on('webhook');
    assert.equal(attempts.length, 4);
    assert.equal(new Set(attempts.map((entry) => entry.headers['x-lead-notification-id'])).size, 1);
    const { body } = await api(receiver, cookie, 'GET', '/api/notifications?status=sent');
    assert.equal(body.notifications.find((entry: { channel: string }) => entry.channel === 'webhook').attempts, 4);
  });

  test('a notification that keeps failing is listed with its last error and can be retried', async () => {
    await start();
    services.plan('webhook', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const lead = hotLead();
    await postLead(receiver, lead);
    let failed: { id: string; lastError: string; leadId: string }[] = [];
    await until(async () => {
      failed = (await api(receiver, cookie, 'GET', '/api/notifications?status=failed')).body.notifications;
      return failed.length === 1;
    }, 15_000, 'a failed notification');
    assert.equal(failed[0]!.lastError, 'webhook: HTTP 500');
    assert.equal(failed[0]!.leadId, lead.id);
    assert.equal((await api(receiver, '', 'GET', '/api/notifications?status=failed')).status, 401);
    assert.equal((await api(receiver, cookie, 'GET', '/api/notifications?status=lost')).status, 400);
    assert.equal((await api(receiver, cookie, 'POST', `/api/notifications/${crypto.randomUUID()}/retry`)).status, 404);
    assert.equal((await api(receiver, cookie, 'POST', `/api/notifications/${failed[0]!.id}/retry`)).status, 202);
    await until(() => services.on('webhook').length === 5, 5000, 'the retry');
    await until(async () => (await api(receiver, cookie, 'GET', `/api/leads/${lead.id}/notifications`)).body.notifications.every((entry: { status: string }) => entry.status === 'sent'), 5000, 'sent');
    assert.equal((await api(receiver, cookie, 'POST', `/api/notifications/${failed[0]!.id}/retry`)).status, 409, 'a sent one is never sent twice');
  });

  test('erasing a person erases their notifications; a test lead notifies nobody', async () => {
    await start();
    const lead = hotLead();
    await postLead(receiver, lead);
    await postLead(receiver, makeLead({ offer: 'event', preference: 'call', test: true }));
    await until(() => everyChannel() === 5, 10_000, 'five deliveries');
    assert.equal((await api(receiver, cookie, 'DELETE', '/api/people?email=ada@analytical.example')).body.erased, 1);
    assert.deepEqual((await api(receiver, cookie, 'GET', '/api/notifications')).body.notifications, []);
    assert.equal((await api(receiver, cookie, 'GET', `/api/leads/${lead.id}/notifications`)).status, 404);
    await sleep(300);
    assert.equal(everyChannel(), 5);
  });
});
