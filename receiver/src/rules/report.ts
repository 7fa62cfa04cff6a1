import { contactPreferences, temperatures, type ContactPreference, type OfferKind, type Temperature } from 'lead-capture/schema';

/**
 * The report: per offer, who it brought and how new they were, the essays' "call-to-action
 * dilution" made visible. Definitions (docs/receiver.md repeats them word for word):
 *
 * - A lead's **person** is its lower-cased email; a lead without email is a person of its own.
 * - **leads**: the offer's non-test leads received in [from, to).
 * - **people**: distinct persons among them.
 * - **firstTimeShare**: of those people, the share whose first lead ever stored (by received time,
 *   then id; across all offers and all time, test leads aside) was for this offer. A person
 *   without email is first-time when the lead's `repeat.count` is 0 or absent.
 * - **repeatShare**: the share of the offer's leads from people who had converted before:
 *   `repeat.count > 0`, or an earlier stored lead with the same email.
 * - **temperatures**, **preferences**: counts of the leads by each; **callShare**: the share
 *   whose preference is `call`.
 * - **outcomesByTemperature**: per temperature, leads, how many have a follow-up whose outcome
 *   is `meeting` or `customer`, and that share.
 * - **weekly**: per ISO week (Monday, UTC) of received time: leads, firstTime (leads that were
 *   their person's first lead ever stored; without email: `repeat.count` 0 or absent), repeat
 *   (leads counted as repeat above), temperatures.
 * Shares are 0 when there is nothing to divide. An offer is its kind plus its id; its title is
 * the one on its latest lead that has one.
 */

export type Counts<K extends string> = Record<K, number>;

export interface WeekReport {
  /** Monday of the ISO week, UTC, `YYYY-MM-DD`. */
  week: string;
  leads: number;
  firstTime: number;
  repeat: number;
  temperatures: Counts<Temperature>;
}

export interface OfferReport {
  kind: OfferKind;
  id: string | null;
  title: string | null;
  leads: number;
  people: number;
  firstTimeShare: number;
  repeatShare: number;
  temperatures: Counts<Temperature>;
  preferences: Counts<ContactPreference>;
  callShare: number;
  outcomesByTemperature: Record<Temperature, { leads: number; meetingOrCustomer: number; share: number }>;
  weekly: WeekReport[];
}

export interface Report {
  from: string | null;
  to: string | null;
  offers: OfferReport[];
}

/** One offer's people figures (what SQL counts with DISTINCT). */
export interface OfferRow {
  kind: OfferKind;
  id: string | null;
  title: string | null;
  people: number;
  firstTimePeople: number;
}

/** Leads counted by everything the report splits them by. */
export interface DetailRow {
  kind: OfferKind;
  id: string | null;
  week: string;
  temperature: Temperature;
  preference: ContactPreference;
  firstLead: boolean;
  repeat: boolean;
  converted: boolean;
  leads: number;
}

/** A lead as the reference computation sees it. */
export interface ReportLead {
  id: string;
  receivedAt: string;
  test?: boolean;
  offer: { kind: OfferKind; id?: string; title?: string };
  temperature: Temperature;
  preference: ContactPreference;
  /** The person key (lower-cased email, or any stable key of it); absent without email. */
  person?: string;
  repeatCount: number;
  /** Has a follow-up whose outcome is meeting or customer. */
  meetingOrCustomer: boolean;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Counts<K>;
const offerKey = (kind: string, id: string | null | undefined) => `${kind}\u0000${id ?? ''}`;

/** Monday (UTC) of the ISO week of an instant, `YYYY-MM-DD`. */
export function isoWeek(instant: string | Date): string {
  const date = new Date(instant);
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** Builds the report from the counted rows (the SQL's, or `reportRows`'). */
export function assembleReport(offerRows: readonly OfferRow[], detailRows: readonly DetailRow[], range: { from?: Date; to?: Date } = {}): Report {
  const offers = new Map<string, OfferReport>();
  for (const row of offerRows) {
    offers.set(offerKey(row.kind, row.id), {
      kind: row.kind,
      id: row.id,
      title: row.title,
      leads: 0,
      people: row.people,
      firstTimeShare: 0,
      repeatShare: 0,
      temperatures: zero(temperatures),
      preferences: zero(contactPreferences),
      callShare: 0,
      outcomesByTemperature: Object.fromEntries(temperatures.map((key) => [key, { leads: 0, meetingOrCustomer: 0, share: 0 }])) as OfferReport['outcomesByTemperature'],
      weekly: [],
    });
  }
  const repeats = new Map<string, number>();
  const weeks = new Map<string, Map<string, WeekReport>>();
  for (const row of detailRows) {
    const key = offerKey(row.kind, row.id);
    const offer = offers.get(key);
    if (!offer) continue;
    offer.leads += row.leads;
    offer.temperatures[row.temperature] += row.leads;
    offer.preferences[row.preference] += row.leads;
    const outcome = offer.outcomesByTemperature[row.temperature];
    outcome.leads += row.leads;
    if (row.converted) outcome.meetingOrCustomer += row.leads;
    if (row.repeat) repeats.set(key, (repeats.get(key) ?? 0) + row.leads);
    let byWeek = weeks.get(key);
    if (!byWeek) weeks.set(key, (byWeek = new Map()));
    let week = byWeek.get(row.week);
    if (!week) byWeek.set(row.week, (week = { week: row.week, leads: 0, firstTime: 0, repeat: 0, temperatures: zero(temperatures) }));
    week.leads += row.leads;
    if (row.firstLead) week.firstTime += row.leads;
    if (row.repeat) week.repeat += row.leads;
    week.temperatures[row.temperature] += row.leads;
  }
  for (const row of offerRows) {
    const key = offerKey(row.kind, row.id);
    const offer = offers.get(key)!;
    offer.firstTimeShare = share(row.firstTimePeople, row.people);
    offer.repeatShare = share(repeats.get(key) ?? 0, offer.leads);
    offer.callShare = share(offer.preferences.call, offer.leads);
    for (const outcome of Object.values(offer.outcomesByTemperature)) outcome.share = share(outcome.meetingOrCustomer, outcome.leads);
    offer.weekly = [...(weeks.get(key)?.values() ?? [])].sort((a, b) => a.week.localeCompare(b.week));
  }
  const list = [...offers.values()].filter((offer) => offer.leads > 0);
  list.sort((a, b) => b.leads - a.leads || a.kind.localeCompare(b.kind) || (a.id ?? '').localeCompare(b.id ?? ''));
  return { from: range.from?.toISOString() ?? null, to: range.to?.toISOString() ?? null, offers: list };
}

/**
 * The reference computation, straight from the definitions above: every stored lead in (test
 * leads are left out here), the counted rows out. The SQL in the store must agree with it.
 */
export function reportRows(all: readonly ReportLead[], range: { from?: Date; to?: Date } = {}): { offerRows: OfferRow[]; detailRows: DetailRow[] } {
  const leads = all.filter((lead) => !lead.test);
  const byTime = [...leads].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const firstOfPerson = new Map<string, ReportLead>();
  const nth = new Map<string, number>();
  for (const lead of byTime) {
    if (lead.person === undefined) continue;
    if (!firstOfPerson.has(lead.person)) firstOfPerson.set(lead.person, lead);
    nth.set(lead.id, (nth.get(`person:${lead.person}`) ?? 0) + 1);
    nth.set(`person:${lead.person}`, nth.get(lead.id)!);
  }
  const inRange = leads.filter((lead) => {
    const time = Date.parse(lead.receivedAt);
    return (!range.from || time >= range.from.getTime()) && (!range.to || time < range.to.getTime());
  });
  const offers = new Map<string, { row: OfferRow; people: Set<string>; firstTime: Set<string>; latest?: ReportLead }>();
  const details = new Map<string, DetailRow>();
  for (const lead of inRange) {
    const key = offerKey(lead.offer.kind, lead.offer.id);
    let offer = offers.get(key);
    if (!offer) {
      offer = { row: { kind: lead.offer.kind, id: lead.offer.id ?? null, title: null, people: 0, firstTimePeople: 0 }, people: new Set(), firstTime: new Set() };
      offers.set(key, offer);
    }
    const who = lead.person !== undefined ? `person:${lead.person}` : `lead:${lead.id}`;
    offer.people.add(who);
    const first = lead.person !== undefined ? firstOfPerson.get(lead.person) : undefined;
    const firstTimeHere = first ? offerKey(first.offer.kind, first.offer.id) === key : lead.repeatCount === 0;
    if (firstTimeHere) offer.firstTime.add(who);
    if (lead.offer.title !== undefined && (!offer.latest || Date.parse(lead.receivedAt) > Date.parse(offer.latest.receivedAt) || (lead.receivedAt === offer.latest.receivedAt && lead.id > offer.latest.id))) {
      offer.latest = lead;
    }
    const firstLead = lead.person !== undefined ? nth.get(lead.id) === 1 : lead.repeatCount === 0;
    const repeat = lead.repeatCount > 0 || (lead.person !== undefined && nth.get(lead.id)! > 1);
    const detail: DetailRow = { kind: lead.offer.kind, id: lead.offer.id ?? null, week: isoWeek(lead.receivedAt), temperature: lead.temperature, preference: lead.preference, firstLead, repeat, converted: lead.meetingOrCustomer, leads: 0 };
    const detailKey = JSON.stringify({ ...detail });
    const existing = details.get(detailKey);
    if (existing) existing.leads += 1;
    else details.set(detailKey, { ...detail, leads: 1 });
  }
  const offerRows = [...offers.values()].map(({ row, people, firstTime, latest }) => ({ ...row, title: latest?.offer.title ?? null, people: people.size, firstTimePeople: firstTime.size }));
  return { offerRows, detailRows: [...details.values()] };
}

/** The report straight from leads (reference; the receiver counts in SQL). */
export function computeReport(all: readonly ReportLead[], range: { from?: Date; to?: Date } = {}): Report {
  const { offerRows, detailRows } = reportRows(all, range);
  return assembleReport(offerRows, detailRows, range);
}
