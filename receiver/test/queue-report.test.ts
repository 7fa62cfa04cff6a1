// GET /api/queue and GET /api/report through the SQL of both engines, against the pure rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeReport, type ReportLead } from '../src/rules/report.js';
import { freshReceiver } from './support/engines.js';
import { api, login, postLead } from './support/http.js';
import { makeLead, type LeadSpec } from './support/leads.js';
import { forEachEngine } from './support/suite.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

await forEachEngine('queue and report', (database) => {
  test('GET /api/queue: who to contact now and how, in order; later with the window opening; the rules applied through SQL', async () => {
    const { receiver, clock } = await freshReceiver(database(), { rateLimit: 1000 });
    const post = async (spec: LeadSpec, at: string) => {
      clock.set(at);
      const lead = makeLead(spec);
      assert.equal((await postLead(receiver, lead)).status, 201);
      return lead;
    };
    const cool = await post({ preference: 'email', email: 'repeat@example.com' }, '2026-11-01T08:00:00.000Z');
    const coolAgain = await post({ preference: 'email', email: 'Repeat@example.com', offerId: 'other' }, '2026-11-01T08:30:00.000Z');
    const warm = await post({ preference: 'call', timeZone: 'Europe/London' }, '2026-11-01T09:00:00.000Z');
    const warmPriority = await post({ preference: 'call', timeZone: 'Europe/London', indicators: ['slow-close', 'audit'] }, '2026-11-01T10:00:00.000Z');
    const hot = await post({ preference: 'email', offer: 'event', offerId: 'webinar' }, '2026-11-01T11:00:00.000Z');
    const newYork = await post({ preference: 'call', callWindow: 'morning', timeZone: 'America/New_York' }, '2026-11-01T12:00:00.000Z');
    await post({ preference: 'none' }, '2026-11-01T12:00:00.000Z');
    await post({ preference: 'none', offer: 'trial' }, '2026-11-01T12:00:00.000Z');
    await post({ preference: 'email', test: true }, '2026-11-01T12:00:00.000Z');
    const emailed = await post({ preference: 'email' }, '2026-11-01T12:00:00.000Z');
    const calledOut = await post({ preference: 'call', timeZone: 'UTC', maxCallAttempts: 1 }, '2026-11-01T12:00:00.000Z');
    const met = await post({ preference: 'call', timeZone: 'UTC', maxCallAttempts: 3 }, '2026-11-01T12:00:00.000Z');
    clock.set('2026-11-02T10:00:00.000Z');
    const cookie = await login(receiver);
    const follow = (id: string, channel: string, outcome: string) => api(receiver, cookie, 'POST', `/api/leads/${id}/follow-ups`, { channel, outcome });
    assert.equal((await follow(emailed.id, 'email', 'no-answer')).status, 201);
    assert.equal((await follow(calledOut.id, 'call', 'no-answer')).status, 201);
    assert.equal((await follow(met.id, 'call', 'meeting')).status, 201);
    assert.equal((await follow(warm.id, 'call', 'no-answer')).status, 201);

    const { status, body } = await api(receiver, cookie, 'GET', '/api/queue');
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['later', 'queue']);
    assert.deepEqual(body.queue.map((item: { id: string }) => item.id), [hot.id, warmPriority.id, warm.id, cool.id, coolAgain.id]);
    const [hotItem, priorityItem, warmItem, coolItem, coolAgainItem] = body.queue;
    assert.equal(hotItem.action, 'email');
    assert.equal(hotItem.temperature, 'hot');
    assert.equal(priorityItem.action, 'call');
    assert.equal(priorityItem.reason, 'warm, priority: asked for a call and named 2 problems: individual call');
    assert.equal(priorityItem.priority, true);
    assert.equal(priorityItem.attempt, 1);
    assert.equal(priorityItem.maxAttempts, 2);
    assert.equal(priorityItem.localTime, '2026-11-02T10:00:00+00:00');
    assert.equal(priorityItem.window, 'default');
    assert.equal(warmItem.attempt, 2);
    assert.deepEqual(warmItem.lead, warm);
    assert.equal(warmItem.receivedAt, '2026-11-01T09:00:00.000Z');
    assert.equal(coolItem.repeatCount, 0);
    assert.equal(coolAgainItem.repeatCount, 1, 'an earlier lead with the same email');
    assert.equal(body.later.length, 1);
    assert.equal(body.later[0].id, newYork.id);
    assert.equal(body.later[0].opensAt, '2026-11-02T14:00:00.000Z');
    assert.equal(body.later[0].localTime, '2026-11-02T05:00:00-05:00');
  });

  test('GET /api/report: the SQL agrees with the definitions (the pure reference) on a varied set, with and without a range', async () => {
    const { receiver, clock, store } = await freshReceiver(database(), { rateLimit: 100_000 });
    const next = random(2026);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const emails = Array.from({ length: 25 }, (_, index) => `p${index}@example.com`);
    const offers: [LeadSpec['offer'], string | null, string][] = [
      ['download', 'guide', 'The guide'],
      ['download', 'checklist', 'The checklist'],
      ['event', 'webinar', 'The webinar'],
      ['newsletter', null, 'Newsletter'],
      ['trial', 'trial', 'Free trial'],
    ];
    const reference: ReportLead[] = [];
    let time = Date.parse('2026-10-01T00:00:00.000Z');
    for (let index = 0; index < 160; index += 1) {
      time += Math.floor(next() * 12 * 3600_000);
      clock.set(new Date(time).toISOString());
      const [offer, offerId, title] = pick(offers);
      const preference = pick(['none', 'none', 'email', 'call'] as const);
      const needsEmail = preference !== 'none' || offer !== 'download';
      const email = needsEmail ? (next() < 0.8 ? pick(emails).replace('p', next() < 0.3 ? 'P' : 'p') : `solo${index}@example.com`) : undefined;
      const repeat = next() < 0.3 ? { count: 1 + Math.floor(next() * 3), offers: ['x'] } : undefined;
      const spec: LeadSpec = { offer, offerId, preference, ...(next() < 0.7 ? { offerTitle: `${title} v${index % 3}` } : {}), ...(email ? { email } : {}), ...(preference === 'call' ? { timeZone: 'UTC' } : {}), ...(repeat ? { repeat } : {}), ...(next() < 0.05 ? { test: true } : {}), ...(next() < 0.4 ? { indicators: ['a'] } : {}) };
      const lead = makeLead(spec);
      assert.equal((await postLead(receiver, lead)).status, 201);
      let meetingOrCustomer = false;
      if (preference !== 'none' && next() < 0.3) {
        const outcome = pick(['meeting', 'customer', 'no-answer', 'talked'] as const);
        const response = await api(receiver, await login(receiver), 'POST', `/api/leads/${lead.id}/follow-ups`, { channel: preference === 'call' ? 'call' : 'email', outcome });
        assert.equal(response.status, 201);
        meetingOrCustomer = outcome === 'meeting' || outcome === 'customer';
      }
      reference.push({
        id: lead.id,
        receivedAt: clock.now().toISOString(),
        ...(lead.test ? { test: true } : {}),
        offer: { kind: lead.offer.kind, ...(lead.offer.id ? { id: lead.offer.id } : {}), ...(lead.offer.title ? { title: lead.offer.title } : {}) },
        temperature: lead.temperature,
        preference,
        ...(email ? { person: email.toLowerCase() } : {}),
        repeatCount: repeat?.count ?? 0,
        meetingOrCustomer,
      });
    }
    // Same received time for two leads of one person: the id decides which came first, on both sides.
    clock.set(new Date(time).toISOString());
    for (const offer of ['guide', 'checklist']) {
      const lead = makeLead({ offer: 'download', offerId: offer, preference: 'email', email: 'twins@example.com' });
      await store.storeLead({ idempotencyKey: lead.id, lead, bodySha256: 'x', receivedAt: clock.now() });
      reference.push({ id: lead.id, receivedAt: clock.now().toISOString(), offer: { kind: 'download', id: offer }, temperature: 'cool', preference: 'email', person: 'twins@example.com', repeatCount: 0, meetingOrCustomer: false });
    }
    const cookieNow = await login(receiver);
    const whole = await api(receiver, cookieNow, 'GET', '/api/report');
    assert.equal(whole.status, 200);
    assert.deepEqual(whole.body, computeReport(reference));
    assert.equal(whole.body.offers.length, 5);
    const from = '2026-10-20';
    const to = '2026-11-10T12:00:00Z';
    const ranged = await api(receiver, cookieNow, 'GET', `/api/report?from=${from}&to=${to}`);
    assert.deepEqual(ranged.body, computeReport(reference, { from: new Date(`${from}T00:00:00Z`), to: new Date(to) }));
    assert.equal(ranged.body.from, '2026-10-20T00:00:00.000Z');
    const bad = await api(receiver, cookieNow, 'GET', '/api/report?from=soon');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.issues[0].path, 'from');
  });

  test('test leads are never counted in the report nor queued', async () => {
    const { receiver } = await freshReceiver(database());
    await postLead(receiver, makeLead({ preference: 'call', timeZone: 'UTC', test: true }));
    await postLead(receiver, makeLead({ preference: 'email', test: true }));
    const cookie = await login(receiver);
    assert.deepEqual((await api(receiver, cookie, 'GET', '/api/report')).body.offers, []);
    assert.deepEqual((await api(receiver, cookie, 'GET', '/api/queue')).body, { queue: [], later: [] });
  });
});
