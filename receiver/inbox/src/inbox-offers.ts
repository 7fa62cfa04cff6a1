import { LitElement, css, html, type TemplateResult } from 'lit';
import { api, offerName, temperatures, type OfferReport } from './api.js';
import { announce } from './announce.js';
import { weeklyChart } from './offer-chart.js';
import { shared } from './styles.js';
import { percent, reportSummary } from './words.js';

type Column = { key: string; label: string; value: (offer: OfferReport) => number | string };

const outcomeShare = (offer: OfferReport) => {
  const all = temperatures.reduce((sum, t) => sum + offer.outcomesByTemperature[t].leads, 0);
  return all ? temperatures.reduce((sum, t) => sum + offer.outcomesByTemperature[t].meetingOrCustomer, 0) / all : 0;
};

const columns: Column[] = [
  { key: 'offer', label: 'Offer', value: (offer) => offerName(offer).toLowerCase() },
  { key: 'leads', label: 'Leads', value: (offer) => offer.leads },
  { key: 'people', label: 'People', value: (offer) => offer.people },
  { key: 'first', label: 'First-time', value: (offer) => offer.firstTimeShare },
  { key: 'repeat', label: 'Repeat', value: (offer) => offer.repeatShare },
  ...temperatures.map((t): Column => ({ key: t, label: t[0]!.toUpperCase() + t.slice(1), value: (offer) => offer.temperatures[t] })),
  { key: 'calls', label: 'Asked for a call', value: (offer) => offer.callShare },
  { key: 'outcomes', label: 'Meeting or customer', value: outcomeShare },
];

/**
 * "Offers": the dilution report (GET /api/report). What stands out in words first, then a table
 * sortable by any column (a button in each header, aria-sort on the sorted one), then a weekly
 * chart per offer.
 */
export class InboxOffers extends LitElement {
  static override properties = { revision: { type: Number }, offers: { state: true }, sort: { state: true }, error: { state: true } };
  static override styles = [
    shared,
    css`
      .scroll {
        overflow-x: auto;
        max-width: 100%;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        border-bottom: 1px solid var(--line);
        padding: 0.3rem 0.5rem;
        text-align: end;
        vertical-align: top;
      }
      th:first-child,
      td:first-child {
        text-align: start;
      }
      th button {
        min-height: 2rem;
        padding: 0.2rem 0.4rem;
        font-weight: 600;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 1rem;
      }
      figure {
        margin: 0;
      }
      .chart {
        max-width: 100%;
        height: auto;
      }
      .bar-first {
        fill: var(--first);
      }
      .bar-repeat {
        fill: var(--repeat);
      }
      .bar-cold {
        fill: var(--cold);
      }
      .bar-cool {
        fill: var(--cool);
      }
      .bar-warm {
        fill: var(--warm);
      }
      .bar-hot {
        fill: var(--hot);
      }
      .axis {
        stroke: var(--line);
      }
      .key {
        font-size: 0.85rem;
      }
      .swatch {
        display: inline-block;
        width: 0.8em;
        height: 0.8em;
        margin-inline: 0.4em 0.2em;
        background: currentColor;
      }
      .first {
        color: var(--first);
      }
      .repeat {
        color: var(--repeat);
      }
    `,
  ];

  declare revision: number;
  declare offers: OfferReport[] | undefined;
  declare sort: { key: string; descending: boolean };
  declare error: string;

  constructor() {
    super();
    this.revision = 0;
    this.sort = { key: 'leads', descending: true };
    this.error = '';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.offers = (await api<{ offers: OfferReport[] }>('/api/report')).offers;
      this.error = '';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private sortBy(column: Column): void {
    const descending = this.sort.key === column.key ? !this.sort.descending : column.key !== 'offer';
    this.sort = { key: column.key, descending };
    announce(this, `Sorted by ${column.label}, ${descending ? 'highest' : 'lowest'} first.`);
  }

  private sorted(offers: OfferReport[]): OfferReport[] {
    const column = columns.find((entry) => entry.key === this.sort.key) ?? columns[1]!;
    const direction = this.sort.descending ? -1 : 1;
    return [...offers].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  }

  override render(): TemplateResult {
    if (this.error) return html`<h2>Offers</h2><p class="error" role="alert">${this.error}</p>`;
    if (!this.offers) return html`<h2>Offers</h2><p class="muted">Loading the report…</p>`;
    const offers = this.sorted(this.offers);
    const summary = reportSummary(this.offers);
    return html`
      <h2>Offers</h2>
      ${summary.length ? html`<section aria-label="What stands out">${summary.map((sentence) => html`<p>${sentence}</p>`)}</section>` : html`<p>No leads yet.</p>`}
      <div class="scroll" role="region" aria-label="Offers table" tabindex="0">
        <table>
          <caption class="visually-hidden">Offers: leads, people, first-time and repeat shares, temperatures, calls and outcomes</caption>
          <thead>
            <tr>
              ${columns.map(
                (column) =>
                  html`<th scope="col" aria-sort=${this.sort.key === column.key ? (this.sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button data-sort=${column.key} @click=${() => this.sortBy(column)}>${column.label}</button>
                  </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${offers.map((offer) => this.renderRow(offer))}
          </tbody>
        </table>
      </div>
      <h3>Week by week</h3>
      <p class="key">
        Left bar: <span class="swatch first"></span>first-time <span class="swatch repeat"></span>repeat. Right bar, bottom to top:
        <span class="swatch t-cold"></span>cold <span class="swatch t-cool"></span>cool <span class="swatch t-warm"></span>warm
        <span class="swatch t-hot"></span>hot.
      </p>
      <div class="charts">
        ${offers.map((offer) => html`<figure><figcaption>${offerName(offer)}</figcaption>${weeklyChart(offer, offerName(offer))}</figure>`)}
      </div>
    `;
  }

  private renderRow(offer: OfferReport): TemplateResult {
    const outcomes = temperatures
      .filter((t) => offer.outcomesByTemperature[t].leads > 0)
      .map((t) => `${t} ${offer.outcomesByTemperature[t].meetingOrCustomer}/${offer.outcomesByTemperature[t].leads}`)
      .join(', ');
    return html`<tr data-offer=${offer.id ?? offer.kind}>
      <th scope="row">${offerName(offer)}</th>
      <td data-field="leads">${offer.leads}</td>
      <td data-field="people">${offer.people}</td>
      <td data-field="first">${percent(offer.firstTimeShare)}</td>
      <td data-field="repeat">${percent(offer.repeatShare)}</td>
      ${temperatures.map((t) => html`<td data-field=${t}>${offer.temperatures[t]}</td>`)}
      <td data-field="calls">${percent(offer.callShare)}</td>
      <td data-field="outcomes">${percent(outcomeShare(offer))}<br /><span class="muted">${outcomes}</span></td>
    </tr>`;
  }
}

customElements.get('inbox-offers') ?? customElements.define('inbox-offers', InboxOffers);

declare global {
  interface HTMLElementTagNameMap {
    'inbox-offers': InboxOffers;
  }
}
