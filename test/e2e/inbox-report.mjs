// The offers view's figures computed independently, from docs/receiver.md's report definitions
// and the generated history alone (no receiver code): what the e2e test compares the page with.

/** Per offer id: leads, people, first-time and repeat shares, temperatures, call share, outcomes. */
export function expectedOffers(history) {
  const real = history.filter(({ lead }) => !lead.test).sort((a, b) => a.receivedAt - b.receivedAt || (a.lead.id < b.lead.id ? -1 : 1));
  const personOf = ({ lead }) => lead.contact.email?.toLowerCase() ?? `lead:${lead.id}`;
  const firstLeadOf = new Map();
  const seen = new Set();
  const isRepeat = new Map();
  for (const entry of real) {
    const email = entry.lead.contact.email?.toLowerCase();
    isRepeat.set(entry.lead.id, (entry.lead.repeat?.count ?? 0) > 0 || (email !== undefined && seen.has(email)));
    if (email) seen.add(email);
    if (!firstLeadOf.has(personOf(entry))) firstLeadOf.set(personOf(entry), entry);
  }
  const offers = new Map();
  for (const entry of real) {
    const id = entry.lead.offer.id;
    if (!offers.has(id)) offers.set(id, []);
    offers.get(id).push(entry);
  }
  const share = (part, whole) => (whole === 0 ? 0 : part / whole);
  const result = {};
  for (const [id, entries] of offers) {
    const people = new Set(entries.map(personOf));
    const firstTime = [...people].filter((person) => {
      const first = firstLeadOf.get(person);
      // Without email a lead is a person of its own: first-time when it carries no repeat signal.
      return person.startsWith('lead:') ? (first.lead.repeat?.count ?? 0) === 0 : first.lead.offer.id === id;
    }).length;
    const count = (predicate) => entries.filter(predicate).length;
    const good = ({ followUps }) => followUps.some((followUp) => followUp.outcome === 'meeting' || followUp.outcome === 'customer');
    result[id] = {
      leads: entries.length,
      people: people.size,
      firstTimeShare: share(firstTime, people.size),
      repeatShare: share(count(({ lead }) => isRepeat.get(lead.id)), entries.length),
      temperatures: Object.fromEntries(['cold', 'cool', 'warm', 'hot'].map((t) => [t, count(({ lead }) => lead.temperature === t)])),
      callShare: share(count(({ lead }) => lead.contact.preference === 'call'), entries.length),
      outcomeShare: share(count(good), entries.length),
      firstTimeLeads: count((entry) => firstLeadOf.get(personOf(entry)) === entry && (entry.lead.contact.email || (entry.lead.repeat?.count ?? 0) === 0)),
      repeatLeads: count(({ lead }) => isRepeat.get(lead.id)),
    };
  }
  return result;
}
