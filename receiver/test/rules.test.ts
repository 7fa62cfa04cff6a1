// The pure modules alone: queue rules and call windows, report definitions, CSV, canonical JSON, CLI settings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCli, UsageError } from '../src/cli-options.js';
import { canonicalJson } from '../src/crypto.js';
import { csvCell, csvRow } from '../src/csv.js';
import { followUpRefusal, type FollowUp } from '../src/rules/follow-ups.js';
import { buildQueue, nextOpening, reasonFor, type QueueLead } from '../src/rules/queue.js';
import { computeReport, isoWeek, type ReportLead } from '../src/rules/report.js';
import { RateLimiter } from '../src/rate-limit.js';
import { makeLead, type LeadSpec } from './support/leads.js';

let sequence = 0;
function entry(spec: LeadSpec, receivedAt = `2026-11-0${(sequence % 9) + 1}T08:00:00.000Z`, followUps: Partial<FollowUp>[] = [], earlierLeads = 0): QueueLead {
  sequence += 1;
  const lead = makeLead(spec);
  return {
    id: lead.id,
    receivedAt,
    lead,
    followUps: followUps.map((followUp, index) => ({ id: `f${index}`, channel: 'call', outcome: 'no-answer', at: receivedAt, ...followUp })),
    earlierLeads,
  };
}

// Monday 2 November 2026, 10:00 UTC (10:00 in London, 11:00 in Paris, 05:00 in New York).
const monday10utc = new Date('2026-11-02T10:00:00.000Z');

describe('queue rules', () => {
  test('order: hot, then warm with priority, then warm, then cool; oldest first within a tier', () => {
    const cool = entry({ preference: 'email' }, '2026-11-01T08:00:00.000Z');
    const warm = entry({ preference: 'call', timeZone: 'Europe/London' }, '2026-11-01T09:00:00.000Z');
    const warmPriorityNew = entry({ preference: 'call', timeZone: 'Europe/London', indicators: ['a'] }, '2026-11-02T09:00:00.000Z');
    const warmPriorityOld = entry({ preference: 'call', timeZone: 'Europe/London', indicators: ['a', 'b'] }, '2026-11-01T07:00:00.000Z');
    const hot = entry({ preference: 'email', offer: 'event' }, '2026-11-02T09:30:00.000Z');
    const { queue, later } = buildQueue([cool, warm, warmPriorityNew, hot, warmPriorityOld], monday10utc);
    assert.deepEqual(queue.map((item) => item.id), [hot.id, warmPriorityOld.id, warmPriorityNew.id, warm.id, cool.id]);
    assert.deepEqual(later, []);
  });

  test('never: cold leads, do-not-contact leads, test leads; no longer: ended, emailed once, calls used up', () => {
    const cold = entry({ preference: 'none' });
    // A custom classifier may call an email lead cold: cold still never enters the queue.
    const coldByEmail = entry({ preference: 'email' });
    coldByEmail.lead = { ...coldByEmail.lead, temperature: 'cold', priority: false };
    const hotSilent = entry({ preference: 'none', offer: 'trial' });
    const testLead = entry({ preference: 'email', test: true });
    const talked = entry({ preference: 'call', timeZone: 'UTC' }, undefined, [{ outcome: 'talked' }]);
    const notAFit = entry({ preference: 'email' }, undefined, [{ channel: 'email', outcome: 'not-a-fit' }]);
    const emailed = entry({ preference: 'email' }, undefined, [{ channel: 'email', outcome: 'no-answer' }]);
    const calledOut = entry({ preference: 'call', timeZone: 'UTC', maxCallAttempts: 2 }, undefined, [{}, {}]);
    const calledOnce = entry({ preference: 'call', timeZone: 'UTC', maxCallAttempts: 2 }, undefined, [{}]);
    const { queue, later } = buildQueue([cold, coldByEmail, hotSilent, testLead, talked, notAFit, emailed, calledOut, calledOnce], monday10utc);
    assert.deepEqual([...queue, ...later].map((item) => item.id), [calledOnce.id]);
    assert.equal(queue[0]!.attempt, 2);
    assert.equal(queue[0]!.maxAttempts, 2);
  });

  test('action: call when the policy allows phone, email when it allows email; the reason in plain words', () => {
    const caller = entry({ preference: 'call', timeZone: 'UTC', indicators: ['a', 'b'] });
    const mailer = entry({ preference: 'email' });
    const { queue } = buildQueue([caller, mailer], monday10utc);
    const byId = new Map(queue.map((item) => [item.id, item]));
    assert.equal(byId.get(caller.id)!.action, 'call');
    assert.equal(byId.get(caller.id)!.reason, 'warm, priority: asked for a call and named 2 problems: individual call');
    assert.equal(byId.get(mailer.id)!.action, 'email');
    assert.equal(byId.get(mailer.id)!.reason, 'cool: asked for email: one systematized or individual email');
    assert.equal(reasonFor(makeLead({ preference: 'call', offer: 'event', timeZone: 'UTC', indicators: ['a'] }), 'call'), 'hot, priority: registered for the event and named 1 problem: complete the registration communications, then an individual call');
  });

  test('a call lead waits for its window in its own time zone; later lists when the window opens', () => {
    const london = entry({ preference: 'call', callWindow: 'morning', timeZone: 'Europe/London' });
    const newYork = entry({ preference: 'call', callWindow: 'morning', timeZone: 'America/New_York' });
    const tokyoEvening = entry({ preference: 'call', callWindow: 'evening', timeZone: 'Asia/Tokyo' });
    const noWindow = entry({ preference: 'call', timeZone: 'Europe/Paris' });
    const { queue, later } = buildQueue([london, newYork, tokyoEvening, noWindow], monday10utc);
    assert.deepEqual(queue.map((item) => item.id).sort(), [london.id, noWindow.id, tokyoEvening.id].sort());
    const londonItem = queue.find((item) => item.id === london.id)!;
    assert.equal(londonItem.localTime, '2026-11-02T10:00:00+00:00');
    assert.equal(londonItem.window, 'morning');
    assert.equal(queue.find((item) => item.id === noWindow.id)!.localTime, '2026-11-02T11:00:00+01:00');
    const byId = new Map(later.map((item) => [item.id, item]));
    // 05:00 in New York: its morning opens at 09:00 EST = 14:00 UTC the same day.
    assert.equal(byId.get(newYork.id)!.opensAt, '2026-11-02T14:00:00.000Z');
    // 19:00 in Tokyo, evening is 17-20: open now.
    assert.equal(byId.has(tokyoEvening.id), false);
    assert.equal(queue.some((item) => item.id === tokyoEvening.id), true);
  });

  test('no window: 9 to 17 on weekdays; a Saturday waits for Monday', () => {
    const saturday = new Date('2026-11-07T11:00:00.000Z');
    const lead = entry({ preference: 'call', timeZone: 'Europe/Paris' });
    const { queue, later } = buildQueue([lead], saturday);
    assert.equal(queue.length, 0);
    assert.equal(later[0]!.opensAt, '2026-11-09T08:00:00.000Z');
    assert.equal(later[0]!.window, 'default');
  });

  test('call windows are configurable', () => {
    const lead = entry({ preference: 'call', callWindow: 'morning', timeZone: 'UTC' });
    const { queue, later } = buildQueue([lead], monday10utc, { morning: { start: 7, end: 9 }, afternoon: { start: 12, end: 17 }, evening: { start: 17, end: 20 }, default: { start: 9, end: 17 } });
    assert.equal(queue.length, 0);
    assert.equal(later[0]!.opensAt, '2026-11-03T07:00:00.000Z');
  });

  test('across a clock change the opening is the local hour (Europe/Paris, 29 March 2026)', () => {
    const opening = nextOpening(new Date('2026-03-28T20:00:00.000Z'), 'Europe/Paris', { start: 9, end: 12 });
    assert.equal(opening?.toISOString(), '2026-03-29T07:00:00.000Z');
  });

  test('an unknown time zone counts as UTC rather than failing', () => {
    const lead = entry({ preference: 'call', timeZone: 'Mars/Olympus_Mons', callWindow: 'morning' });
    const { queue } = buildQueue([lead], monday10utc);
    assert.equal(queue[0]!.localTime, '2026-11-02T10:00:00+00:00');
  });

  test('repeatCount: the larger of the lead repeat signal and the receiver history', () => {
    const signal = entry({ preference: 'email', repeat: { count: 3, offers: ['a'] } }, undefined, [], 1);
    const history = entry({ preference: 'email' }, undefined, [], 2);
    const { queue } = buildQueue([signal, history], monday10utc);
    assert.deepEqual(queue.map((item) => [item.id, item.repeatCount]).sort(), [[signal.id, 3], [history.id, 2]].sort());
  });
});

describe('follow-up refusals', () => {
  test('name the reason', () => {
    const caller = makeLead({ preference: 'call', timeZone: 'UTC', maxCallAttempts: 2 });
    const calls = [{ id: '1', channel: 'call', outcome: 'no-answer', at: '' }, { id: '2', channel: 'call', outcome: 'no-answer', at: '' }] as FollowUp[];
    assert.equal(followUpRefusal(caller, calls, 'call'), '2 of 2 calls already made: the prospect allowed at most 2.');
    assert.equal(followUpRefusal(caller, calls.slice(1), 'call'), undefined);
    assert.match(followUpRefusal(makeLead({ preference: 'none' }), [], 'email')!, /not to be contacted/);
  });
});

describe('report definitions', () => {
  const lead = (id: string, receivedAt: string, offer: string, extra: Partial<ReportLead> = {}): ReportLead => ({
    id,
    receivedAt,
    offer: { kind: 'download', id: offer },
    temperature: 'cold',
    preference: 'none',
    repeatCount: 0,
    meetingOrCustomer: false,
    ...extra,
  });

  test('people, first-time share and repeat share, by hand', () => {
    const leads = [
      lead('a1', '2026-11-02T09:00:00Z', 'guide', { person: 'ada' }),
      lead('a2', '2026-11-03T09:00:00Z', 'webinar', { person: 'ada', temperature: 'hot', preference: 'email' }),
      lead('a3', '2026-11-10T09:00:00Z', 'guide', { person: 'ada' }),
      lead('b1', '2026-11-03T10:00:00Z', 'webinar', { person: 'bob', temperature: 'hot', preference: 'call', meetingOrCustomer: true }),
      lead('n1', '2026-11-04T10:00:00Z', 'guide'),
      lead('n2', '2026-11-04T11:00:00Z', 'guide', { repeatCount: 2 }),
      lead('t1', '2026-11-01T10:00:00Z', 'webinar', { person: 'tess', test: true }),
    ];
    const report = computeReport(leads);
    const guide = report.offers.find((offer) => offer.id === 'guide')!;
    const webinar = report.offers.find((offer) => offer.id === 'webinar')!;
    assert.equal(guide.leads, 4);
    assert.equal(guide.people, 3, 'ada, and the two leads without email');
    assert.equal(guide.firstTimeShare, 2 / 3, 'ada (first lead: guide) and n1 (repeat 0)');
    assert.equal(guide.repeatShare, 2 / 4, 'a3 (an earlier lead) and n2 (repeat.count 2)');
    assert.equal(webinar.leads, 2, 'the test lead is not counted');
    assert.equal(webinar.people, 2);
    assert.equal(webinar.firstTimeShare, 1 / 2, 'bob only: ada came first for the guide');
    assert.equal(webinar.repeatShare, 1 / 2);
    assert.equal(webinar.callShare, 1 / 2);
    assert.deepEqual(webinar.outcomesByTemperature.hot, { leads: 2, meetingOrCustomer: 1, share: 0.5 });
    assert.deepEqual(webinar.preferences, { none: 0, email: 1, call: 1 });
    assert.deepEqual(
      guide.weekly.map((week) => [week.week, week.leads, week.firstTime, week.repeat]),
      [
        ['2026-11-02', 3, 2, 1],
        ['2026-11-09', 1, 0, 1],
      ],
    );
    const november3on = computeReport(leads, { from: new Date('2026-11-03T00:00:00Z') });
    const guideLater = november3on.offers.find((offer) => offer.id === 'guide')!;
    assert.equal(guideLater.leads, 3);
    assert.equal(guideLater.firstTimeShare, 2 / 3, "ada's first lead ever is still the guide, outside the range");
  });

  test('ISO weeks start on Monday, UTC', () => {
    assert.equal(isoWeek('2026-11-08T23:59:59Z'), '2026-11-02');
    assert.equal(isoWeek('2026-11-09T00:00:00Z'), '2026-11-09');
  });
});

describe('small parts', () => {
  test('CSV cells: RFC 4180 quoting; formula starts neutralised', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`), true, JSON.stringify(start));
    assert.equal(csvCell(undefined), '');
    assert.equal(csvRow(['a', 'b']), 'a,b\r\n');
  });

  test('canonical JSON ignores key order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { e: 1, f: 2 }] }, b: 1 }));
  });

  test('rate limiter: N a window per key, then the seconds left', () => {
    const limiter = new RateLimiter(2);
    assert.equal(limiter.hit('a', 0), undefined);
    assert.equal(limiter.hit('a', 1000), undefined);
    assert.equal(limiter.hit('a', 2000), 58);
    assert.equal(limiter.hit('b', 2000), undefined);
    assert.equal(limiter.hit('a', 60_000), undefined);
  });
});

describe('command settings', () => {
  const usage = (argv: string[], env: Record<string, string> = {}) =>
    assert.throws(
      () => parseCli(argv, env),
      (error: unknown) => error instanceof UsageError && !error.message.includes('\n'),
    );

  test('defaults, flags over environment', () => {
    const defaults = parseCli([], {});
    assert.deepEqual(defaults, { help: false, port: 8787, host: '0.0.0.0', database: './lead-data', allowedOrigins: [], rateLimit: 30, trustProxy: false, retentionDays: 365 });
    const set = parseCli(['--port=9000', '--data', '/srv/leads', '--allow-origin', 'https://a.example,https://b.example/', '--allow-origin', 'http://localhost:5173', '--max-leads-per-minute', '10', '--trust-proxy', '--retention-days', '30'], {
      PORT: '1',
      LEAD_INBOX_PASSWORD: 'pw',
    });
    assert.deepEqual(set, {
      help: false,
      port: 9000,
      host: '0.0.0.0',
      database: '/srv/leads',
      allowedOrigins: ['https://a.example', 'https://b.example', 'http://localhost:5173'],
      inboxPassword: 'pw',
      rateLimit: 10,
      trustProxy: true,
      retentionDays: 30,
    });
    const env = parseCli([], { PORT: '8080', LEAD_DATA_DIR: 'x', LEAD_ALLOWED_ORIGINS: 'https://a.example', LEAD_RATE_LIMIT: '5', LEAD_RETENTION_DAYS: '7', LEAD_TRUST_PROXY: '1', DATABASE_URL: 'postgresql://u:p@db:5432/leads' });
    assert.equal(env.database, 'postgresql://u:p@db:5432/leads');
    assert.equal(env.port, 8080);
    assert.equal(env.trustProxy, true);
  });

  test('bad input: one line naming the setting', () => {
    usage(['--port', 'eighty']);
    usage([], { PORT: '99999' });
    usage(['--bogus']);
    usage(['stray']);
    usage(['--data']);
    usage([], { DATABASE_URL: 'mysql://db/leads' });
    usage([], { DATABASE_URL: 'postgres://' });
    usage(['--allow-origin', 'www.example.com']);
    usage(['--allow-origin', 'https://example.com/path']);
    usage([], { LEAD_ALLOWED_ORIGINS: 'https://ok.example,nope' });
    usage(['--max-leads-per-minute', '0']);
    usage(['--retention-days', '-1']);
    usage(['--trust-proxy=yes']);
    assert.throws(() => parseCli(['--port', 'x'], {}), /--port "x"/);
    assert.throws(() => parseCli([], { DATABASE_URL: 'nope' }), /DATABASE_URL/);
    assert.throws(() => parseCli(['--allow-origin', 'example.com'], {}), /--allow-origin: "example.com" is not an origin/);
  });
});
