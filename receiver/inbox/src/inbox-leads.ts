import { LitElement, css, html, type TemplateResult } from 'lit';
import { api, offerKey, offerName, temperatures, type OfferReport, type StoredLead } from './api.js';
import { announce } from './announce.js';
import './erase-dialog.js';
import './failed-notifications.js';
import './lead-detail.js';
import { shared } from './styles.js';

const filterNames = ['q', 'temperature', 'offer', 'preference', 'from', 'to', 'test'] as const;
type Filters = Partial<Record<(typeof filterNames)[number], string>>;

/**
 * "Leads": the list (GET /api/leads) with its filters, keyset pages (the API's cursor; a stack of
 * earlier cursors for "Previous"), one lead's detail on demand, the CSV export of exactly the
 * current filter, and "erase this person".
 */
export class InboxLeads extends LitElement {
  static override properties = {
    revision: { type: Number },
    leads: { state: true },
    next: { state: true },
    filters: { state: true },
    offers: { state: true },
    open: { state: true },
    error: { state: true },
  };
  static override styles = [
    shared,
    css`
      form.filters {
        margin: 0.5rem 0 1rem;
      }
      ol.leads {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.leads > li {
        border-top: 1px solid var(--line);
        padding: 0.6rem 0;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem 0.8rem;
        align-items: center;
      }
      .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .pages {
        margin-top: 1rem;
      }
    `,
  ];

  declare revision: number;
  declare leads: StoredLead[] | undefined;
  declare next: string | null;
  declare filters: Filters;
  declare offers: OfferReport[];
  declare open: string;
  declare error: string;
  /** Cursors of the pages before this one ('' is the first page). */
  private pages: string[] = [];
  private cursor = '';
  /** The lead a notification links to (`/inbox/leads?lead=<id>`): opened once, on the first load. */
  private linked = new URLSearchParams(location.search).get('lead') ?? '';

  constructor() {
    super();
    this.revision = 0;
    this.next = null;
    this.filters = {};
    this.offers = [];
    this.open = '';
    this.error = '';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new lead refreshes the first page only: a reader on page 3 keeps their place. The offer
    // names come from the report, which is slow at scale: asked after the list (PGlite answers
    // one query at a time), so the list is never queued behind it.
    if (changed.has('revision') && this.cursor === '') void this.load().then(() => {
        if (this.offers.length === 0) void this.loadOffers();
      });
    else if (changed.has('revision') && this.offers.length === 0) void this.loadOffers();
  }

  private query(withCursor: boolean): string {
    const parameters = new URLSearchParams();
    for (const name of filterNames) {
      const value = this.filters[name];
      if (value) parameters.set(name, value);
    }
    if (withCursor && this.cursor) parameters.set('cursor', this.cursor);
    return parameters.toString();
  }

  async load(): Promise<void> {
    try {
      const answer = await api<{ leads: StoredLead[]; cursor: string | null }>(`/api/leads?${this.query(true)}`);
      this.leads = answer.leads;
      this.next = answer.cursor;
      this.error = '';
      if (this.linked) await this.openLinked(this.linked);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Opens the linked lead, fetched first when it is not on this page; an erased or unknown one is simply not opened. */
  private async openLinked(id: string): Promise<void> {
    this.linked = '';
    if (!this.leads?.some((stored) => stored.id === id)) {
      try {
        this.leads = [await api<StoredLead>(`/api/leads/${encodeURIComponent(id)}`), ...(this.leads ?? [])];
      } catch {
        return;
      }
    }
    this.open = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[aria-controls="detail-${CSS.escape(id)}"]`)?.focus();
  }

  private async loadOffers(): Promise<void> {
    try {
      this.offers = (await api<{ offers: OfferReport[] }>('/api/report')).offers;
    } catch {
      this.offers = [];
    }
  }

  private async applyFilters(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const filters: Filters = {};
    for (const name of filterNames) {
      const value = data.get(name);
      if (typeof value === 'string' && value.trim()) filters[name] = value.trim();
    }
    this.filters = filters;
    this.pages = [];
    this.cursor = '';
    await this.load();
    announce(this, this.leads ? `${this.leads.length}${this.next ? ' or more' : ''} leads match.` : 'The filter could not be applied.');
  }

  private async page(direction: 1 | -1): Promise<void> {
    if (direction === 1 && this.next) {
      this.pages.push(this.cursor);
      this.cursor = this.next;
    } else if (direction === -1) {
      this.cursor = this.pages.pop() ?? '';
    }
    await this.load();
    announce(this, `Page ${this.pages.length + 1}: ${this.leads?.length ?? 0} leads.`);
  }

  private erased(event: CustomEvent<{ email: string; erased: number }>): void {
    announce(this, `Erased ${event.detail.erased} leads of ${event.detail.email}.`);
    this.open = '';
    void this.load();
    void this.loadOffers();
  }

  override render(): TemplateResult {
    const filters = this.filters;
    return html`
      <h2>Leads</h2>
      <failed-notifications .revision=${this.revision}></failed-notifications>
      <form class="filters row" role="search" aria-label="Filter leads" @submit=${this.applyFilters}>
        <label>Name or email<input name="q" type="search" .value=${filters.q ?? ''} /></label>
        <label
          >Temperature<select name="temperature">
            <option value="">Any</option>
            ${temperatures.map((value) => html`<option value=${value} ?selected=${filters.temperature === value}>${value}</option>`)}
          </select></label
        >
        <label
          >Offer<select name="offer">
            <option value="">Any</option>
            ${this.offers.map((offer) => html`<option value=${offerKey(offer)} ?selected=${filters.offer === offerKey(offer)}>${offerName(offer)}</option>`)}
          </select></label
        >
        <label
          >Asked for<select name="preference">
            <option value="">Anything</option>
            <option value="none" ?selected=${filters.preference === 'none'}>No contact</option>
            <option value="email" ?selected=${filters.preference === 'email'}>Email</option>
            <option value="call" ?selected=${filters.preference === 'call'}>A call</option>
          </select></label
        >
        <label>From<input name="from" type="date" .value=${filters.from ?? ''} /></label>
        <label>Before<input name="to" type="date" .value=${filters.to ?? ''} /></label>
        <label
          >Which leads<select name="test">
            <option value="">Real leads</option>
            <option value="true" ?selected=${filters.test === 'true'}>Test leads</option>
          </select></label
        >
        <button class="primary" type="submit">Filter</button>
        <a class="button" href="/api/export.csv?${this.query(false)}" download>Export these as CSV</a>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.leads === undefined
        ? html`<p class="muted">Loading…</p>`
        : this.leads.length === 0
          ? html`<p>No leads match.</p>`
          : html`<ol class="leads" aria-label="Leads">
              ${this.leads.map((stored) => this.renderLead(stored))}
            </ol>`}
      <div class="pages row">
        <button ?disabled=${this.pages.length === 0} @click=${() => this.page(-1)}>Previous page</button>
        <button ?disabled=${!this.next} @click=${() => this.page(1)}>Next page</button>
      </div>
      <erase-dialog @erased=${this.erased}></erase-dialog>
    `;
  }

  private renderLead(stored: StoredLead): TemplateResult {
    const { lead } = stored;
    const isOpen = this.open === stored.id;
    const detailId = `detail-${stored.id}`;
    const email = lead.contact.email;
    return html`<li data-lead=${stored.id}>
      <div class="summary">
        <span class="name">${lead.contact.name ?? email ?? 'No name given'}</span>
        ${lead.contact.name && email ? html`<span class="muted">${email}</span>` : ''}
        <span class="t-${lead.temperature}">${lead.temperature}</span>
        <span>${offerName(lead.offer)}</span>
        <span>${lead.contact.preference === 'none' ? 'no contact' : lead.contact.preference}</span>
        <span class="muted">${new Date(stored.receivedAt).toLocaleString()}</span>
        ${lead.test ? html`<span class="badge">test</span>` : ''}
        <button aria-expanded=${isOpen ? 'true' : 'false'} aria-controls=${detailId} @click=${() => (this.open = isOpen ? '' : stored.id)}>
          Details<span class="visually-hidden"> of ${lead.contact.name ?? email ?? 'this lead'}</span>
        </button>
      </div>
      <div id=${detailId} ?hidden=${!isOpen}>
        ${isOpen
          ? html`<lead-detail .stored=${stored}></lead-detail>
              ${email
                ? html`<button class="danger" @click=${() => this.renderRoot.querySelector('erase-dialog')?.ask(email)}>Erase this person</button>`
                : ''}`
          : ''}
      </div>
    </li>`;
  }
}

customElements.get('inbox-leads') ?? customElements.define('inbox-leads', InboxLeads);

declare global {
  interface HTMLElementTagNameMap {
    'inbox-leads': InboxLeads;
  }
}
