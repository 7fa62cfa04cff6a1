// The demo's generated history, as pure data: the same seed and clock give the same leads, so the
// inbox's e2e test can compute the offers view's figures from exactly what was stored.
// Five offers over twelve weeks; the "Q3 report" is diluted on purpose (mostly people who had
// converted before, arriving cold); older leads that asked for contact have follow-ups.
import { createHash } from 'node:crypto';

const day = 24 * 60 * 60 * 1000;

export const demoOffers = [
  { kind: 'download', id: 'q3-report', title: 'Q3 report', weight: 30, repeatBias: 0.7 },
  { kind: 'download', id: 'close-checklist', title: 'Month-end close checklist', weight: 25, repeatBias: 0.15 },
  { kind: 'newsletter', id: 'finance-weekly', title: 'Finance Weekly', weight: 20, repeatBias: 0.3 },
  { kind: 'event', id: 'webinar-close', title: 'Close faster: the webinar', weight: 15, repeatBias: 0.25 },
  { kind: 'trial', id: 'trial', title: 'Free trial', weight: 10, repeatBias: 0.2 },
];

const firstNames = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Hedy', 'Edsger', 'Radia', 'Niklaus', 'Sophie', 'Yukihiro', 'Joan', 'Guido', 'Mary'];
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Ritchie', 'Allen', 'Thompson', 'Lamarr', 'Dijkstra', 'Perlman', 'Wirth', 'Wilson', 'Matsumoto', 'Clarke', 'van Rossum', 'Keller'];
const zones = ['Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'Asia/Tokyo', 'Australia/Sydney'];
const problems = [
  ['slow-close', 'Our month-end close takes more than 5 days'],
  ['spreadsheet-errors', 'Errors in spreadsheets reach the board'],
  ['audit-prep', 'Audit preparation takes weeks'],
];
const consentTexts = { none: "Just the content, please don't contact me", email: 'You may email me about this', call: 'You may call me about this' };

/** A small seeded generator (mulberry32): the same seed gives the same history. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A UUID v4 from the seeded generator (stable ids make reruns of the same seed duplicates, not new leads). */
function uuid(next) {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(next() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The temperature table (the widget's defaults): hot for events and trials, then by the answer. */
function classify(kind, preference, problemCount) {
  const temperature = kind === 'event' || kind === 'trial' ? 'hot' : preference === 'call' ? 'warm' : preference === 'email' ? 'cool' : 'cold';
  const individual = preference === 'call' ? ['individual-call'] : preference === 'email' ? ['individual-email'] : [];
  const steps = {
    cold: kind === 'newsletter' ? ['marketing-communications'] : [],
    cool: preference === 'email' ? ['follow-up-email'] : [],
    warm: individual,
    hot: ['registration-communications', ...individual],
  };
  return { temperature, priority: problemCount > 0 && preference !== 'none', nextSteps: ['deliver-request', ...steps[temperature]] };
}

function makeLead(next, { offer, person, preference, at, repeatCount, test }) {
  const needsEmail = preference !== 'none' || ['newsletter', 'event', 'trial'].includes(offer.kind);
  const indicators = preference !== 'none' && next() < 0.5 ? problems.filter(() => next() < 0.5).map(([value, label]) => ({ value, label })) : [];
  const callWindow = ['morning', 'afternoon', 'evening', undefined][Math.floor(next() * 4)];
  const channels = { email: preference === 'email', phone: preference === 'call' };
  const text = consentTexts[preference];
  const contactPolicy =
    preference === 'call'
      ? { channels, doNotContact: false, ...(callWindow ? { callWindow } : {}), timeZone: person.zone, maxCallAttempts: 2 }
      : { channels, doNotContact: preference === 'none' };
  return {
    schemaVersion: 1,
    id: uuid(next),
    capturedAt: at.toISOString(),
    ...classify(offer.kind, preference, indicators.length),
    offer: { kind: offer.kind, id: offer.id, title: offer.title },
    contact: {
      preference,
      name: person.name,
      ...(needsEmail ? { email: person.email } : {}),
      ...(preference === 'call' ? { phone: person.phone, ...(callWindow ? { callWindow } : {}) } : {}),
    },
    indicators,
    consent: {
      receiptId: uuid(next),
      givenAt: at.toISOString(),
      collectionMethod: 'web-form:lead-capture@0.1.0',
      language: 'en',
      version: '2026-09',
      text,
      textSha256: sha256(text),
      channels,
      gpc: false,
    },
    contactPolicy,
    ...(repeatCount > 0 ? { repeat: { count: repeatCount, offers: [] } } : {}),
    page: { url: `https://www.example.com/${offer.id}`, referrer: 'https://www.google.com/' },
    ...(test ? { test: true } : {}),
  };
}

/** Follow-ups a small team would have logged, within what the prospect allowed. */
function followUpsFor(next, lead, receivedAt, now) {
  const preference = lead.contact.preference;
  if (preference === 'none' || lead.temperature === 'cold' || lead.test) return [];
  const age = now.getTime() - receivedAt.getTime();
  if (age < 2 * day || next() < 0.25) return []; // recent ones (and a few old ones) are still open
  const at = (hours) => new Date(receivedAt.getTime() + hours * 60 * 60 * 1000);
  const good = lead.temperature === 'hot' ? 0.45 : lead.temperature === 'warm' ? 0.3 : 0.12;
  const ending = () => (next() < good ? (next() < 0.5 ? 'meeting' : 'customer') : (['talked', 'not-a-fit', 'unsubscribed'][Math.floor(next() * 3)]));
  if (preference === 'email') return [{ channel: 'email', outcome: next() < 0.6 ? ending() : 'no-answer', at: at(20) }];
  const calls = [];
  if (next() < 0.4) calls.push({ channel: 'call', outcome: 'no-answer', at: at(20) });
  calls.push({ channel: 'call', outcome: next() < 0.2 ? 'no-answer' : ending(), at: at(44) });
  return calls;
}

/**
 * The history: `[{ lead, receivedAt, followUps }]`, oldest first, about `count` leads over the
 * twelve weeks before `now`, plus a few test leads (the builder's test sends).
 */
export function generateDemoLeads({ seed = 21, now = new Date(), count = 600 } = {}) {
  const next = random(seed);
  const weight = demoOffers.reduce((sum, offer) => sum + offer.weight, 0);
  const people = [];
  const history = [];
  const start = now.getTime() - 84 * day;
  for (let index = 0; index < count; index += 1) {
    const receivedAt = new Date(start + ((index + next()) / count) * 84 * day);
    let roll = next() * weight;
    const offer = demoOffers.find((candidate) => (roll -= candidate.weight) < 0) ?? demoOffers[0];
    // A repeat: someone who converted before comes back (more likely for a diluted offer).
    const returning = people.length > 10 && next() < offer.repeatBias;
    let person;
    if (returning) person = people[Math.floor(next() * people.length)];
    else {
      const name = `${firstNames[Math.floor(next() * firstNames.length)]} ${lastNames[Math.floor(next() * lastNames.length)]}`;
      person = { name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${people.length + 1}@example.com`, phone: `+44207946${String(1000 + people.length).slice(-4)}`, zone: zones[Math.floor(next() * zones.length)], leads: 0 };
      people.push(person);
    }
    const preferenceRoll = next();
    const preference = offer.id === 'q3-report' ? (preferenceRoll < 0.8 ? 'none' : preferenceRoll < 0.95 ? 'email' : 'call') : preferenceRoll < 0.5 ? 'none' : preferenceRoll < 0.8 ? 'email' : 'call';
    // The widget's own repeat signal is per browser: some returning people come on another device.
    const repeatCount = returning && next() < 0.7 ? person.leads : 0;
    const lead = makeLead(next, { offer, person, preference, at: receivedAt, repeatCount, test: false });
    person.leads += 1;
    history.push({ lead, receivedAt, followUps: followUpsFor(next, lead, receivedAt, now) });
  }
  for (let index = 0; index < 3; index += 1) {
    const person = { name: `Test Person ${index + 1}`, email: `test${index + 1}@example.com`, phone: '+442079460000', zone: 'Europe/London', leads: 0 };
    const receivedAt = new Date(now.getTime() - (index + 1) * day);
    history.push({ lead: makeLead(next, { offer: demoOffers[1], person, preference: 'email', at: receivedAt, repeatCount: 0, test: true }), receivedAt, followUps: [] });
  }
  return history.sort((a, b) => a.receivedAt - b.receivedAt);
}
