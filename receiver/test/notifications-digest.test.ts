// The daily digest: due at the rule's local time, sent once a day across restarts, with the figures
// the API's queue and report give for the same moment.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkConfig } from '../src/config.js';
import { createReceiver } from '../src/handler.js';
import { Clock, freshReceiver, password } from './support/engines.js';
import { api, login, postLead } from './support/http.js';
import { makeLead } from './support/leads.js';
import { FakeServices, until } from './support/notification-fakes.js';
import { forEachEngine } from './support/suite.js';

const services = new FakeServices();
before(() => services.start());
after(() => services.stop());

const secret = 'whsec-digest-0123456789abcdef';
const notifications = () => ({
  config: checkConfig({
    notifications: [
      { name: 'morning digest', digest: { at: '08:00', timeZone: 'Europe/Berlin' }, channel: { type: 'webhook', url: `${services.url}/webhook/digest`, secret } },
      { name: 'webinar digest', when: { offer: ['webinar-2026'] }, digest: { at: '08:00', timeZone: 'Europe/Berlin' }, channel: { type: 'slack', url: `${services.url}/slack/digest` } },
    ],
  }),
  tuning: { pollMs: 40 },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await forEachEngine('notifications digest', (database) => {
  test('sent once a day at the local time, across restarts, with the report\'s figures', async () => {
    services.reset();
    // 06:00 UTC is 07:00 in Berlin (CET): before the digest's time.
    const clock = new Clock(new Date('2026-11-02T06:00:00.000Z'));
    const { receiver } = await freshReceiver(database(), { now: clock.now, notifications: notifications() });
    // Digests outlive the truncation between tests (no lead to cascade from): start from none.
    await database().query('DELETE FROM notifications');
    const cookie = await login(receiver);
    const repeatEmail = 'repeat@example.org';
    await postLead(receiver, makeLead({ offer: 'event', offerId: 'webinar-2026', offerTitle: 'Webinar 2026', preference: 'call', email: repeatEmail }));
    clock.advance(60_000);
    await postLead(receiver, makeLead({ offer: 'event', offerId: 'webinar-2026', offerTitle: 'Webinar 2026', preference: 'email', email: repeatEmail }));
    await postLead(receiver, makeLead({ offer: 'download', offerId: 'q3-report', offerTitle: 'Q3 report', preference: 'email', repeat: { count: 2, offers: ['a'] } }));
    await postLead(receiver, makeLead({ offer: 'download', offerId: 'q3-report', offerTitle: 'Q3 report', preference: 'call' }));
    await postLead(receiver, makeLead({ offer: 'download', offerId: 'q3-report', preference: 'none' }));
    await sleep(300);
    assert.equal(services.received.length, 0, 'not before 08:00 local time');

    clock.set('2026-11-02T07:00:30.000Z');
    await until(() => services.received.length === 2, 5000, 'the two digests');
    const hook = services.on('webhook')[0]!.json;
    assert.equal(hook.event, 'digest.daily');
    const figures = hook.digest;
    assert.equal(figures.day, '2026-11-02');

    // The same figures as the API: the queue's leads by action, the report over the digest's range.
    const queue = (await api(receiver, cookie, 'GET', '/api/queue')).body;
    const items = [...queue.queue, ...queue.later];
    assert.equal(figures.toCall, items.filter((item: { action: string }) => item.action === 'call').length);
    assert.equal(figures.toEmail, items.filter((item: { action: string }) => item.action === 'email').length);
    assert.ok(figures.toCall + figures.toEmail > 0);
    const report = (await api(receiver, cookie, 'GET', `/api/report?from=${figures.from}&to=${figures.to}`)).body;
    assert.deepEqual(
      figures.offers.map((offer: { id: string; leads: number; repeatShare: number; firstTimeShare: number }) => [offer.id, offer.leads, offer.repeatShare, offer.firstTimeShare]).sort(),
      report.offers.map((offer: { id: string; leads: number; repeatShare: number; firstTimeShare: number }) => [offer.id, offer.leads, offer.repeatShare, offer.firstTimeShare]).sort(),
    );
    assert.ok(figures.offers.some((offer: { repeatShare: number }) => offer.repeatShare > 0), 'a repeat share to show');
    const slack = services.on('slack')[0]!.json;
    assert.match(slack.text, new RegExp(`${figures.toCall} to call, ${figures.toEmail} to email`));
    assert.match(JSON.stringify(slack.blocks), /the 'Webinar 2026' offer: 50% repeat converters this week/);
    assert.doesNotMatch(JSON.stringify(slack.blocks), /Q3 report/, 'the rule names only the webinar');

    // A restart later the same day: nothing more.
    await receiver.close();
    clock.set('2026-11-02T15:00:00.000Z');
    const again = createReceiver({ database: database(), inboxPassword: password, now: clock.now, log: () => {}, inboxDir: false, notifications: notifications() });
    await again.ready;
    await sleep(400);
    assert.equal(services.received.length, 2, 'once a day, across a restart');

    // The next day, after 08:00 Berlin: the next digest.
    clock.set('2026-11-03T07:30:00.000Z');
    await until(() => services.received.length === 4, 5000, "the next day's digests");
    assert.equal(services.on('webhook')[1]!.json.digest.day, '2026-11-03');
    await sleep(300);
    assert.equal(services.received.length, 4);
    await again.close();
  });
});
