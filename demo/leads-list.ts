// Lists what the reference receiver stored, so `npm start` shows the whole loop.
// Built with textContent only: lead fields are user input and never markup.
import type { StoredLead } from './receiver.js';

const columns: [string, (record: StoredLead) => string][] = [
  ['Received', (record) => new Date(record.receivedAt).toLocaleTimeString()],
  ['Temperature', (record) => `${record.lead.temperature}${record.lead.priority ? ' (priority)' : ''}`],
  ['Preference', (record) => record.lead.contact.preference],
  ['Contact', (record) => [record.lead.contact.name, record.lead.contact.email, record.lead.contact.phone, record.lead.contact.callWindow].filter(Boolean).join(' · ') || '—'],
  ['Problems', (record) => record.lead.indicators.map((indicator) => indicator.label).join('; ') || '—'],
  ['Next steps', (record) => record.lead.nextSteps.join(', ')],
  ['Offer', (record) => record.lead.offer.id ?? record.lead.offer.kind],
  ['Deliveries', (record) => String(record.deliveries)],
];

async function showLeads(): Promise<void> {
  const container = document.querySelector('#leads');
  if (!container) return;
  const response = await fetch('/api/leads');
  const { leads } = (await response.json()) as { leads: StoredLead[] };
  if (leads.length === 0) {
    container.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'No leads yet.' }));
    return;
  }
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const [title] of columns) head.append(Object.assign(document.createElement('th'), { textContent: title, scope: 'col' }));
  const body = table.createTBody();
  for (const record of leads) {
    const row = body.insertRow();
    for (const [, value] of columns) row.insertCell().textContent = value(record);
  }
  container.replaceChildren(table);
}

document.addEventListener('lead-sent', () => void showLeads());
void showLeads();
