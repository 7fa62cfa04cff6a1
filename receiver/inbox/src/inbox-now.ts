import { LitElement, css, html, type TemplateResult } from 'lit';
import { api, offerName, outcomes, type LaterItem, type QueueItem } from './api.js';
import { announce } from './announce.js';
import { consentReceipt } from './lead-detail.js';
import { shared } from './styles.js';
import { actionSentence, personName } from './words.js';

const outcomeLabels: Record<(typeof outcomes)[number], string> = {
  'no-answer': 'No answer',
  talked: 'Talked',
  meeting: 'Meeting booked',
  customer: 'Became a customer',
  'not-a-fit': 'Not a fit',
  unsubscribed: 'Unsubscribed',
};

/**
 * "Contact now": the queue from GET /api/queue, one card per lead in the API's order, saying what
 * to do and why, with buttons that log the outcome (POST /api/leads/:id/follow-ups). A logged
 * outcome reloads the queue in place and is announced; focus moves to the next card.
 */
export class InboxNow extends LitElement {
  static override properties = {
    revision: { type: Number },
    queue: { state: true },
    later: { state: true },
    error: { state: true },
    busy: { state: true },
    limit: { state: true },
  };
  static override styles = [
    shared,
    css`
      ol.cards {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      ol.cards > li {
        border: 1px solid var(--line);
        border-radius: 0.5rem;
        padding: 0.75rem 1rem;
        background: var(--raised);
      }
      .outcomes {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-top: 0.5rem;
      }
      ul.why {
        margin: 0.3rem 0;
        padding-inline-start: 1.2rem;
      }
      h3:focus {
        outline: 3px solid var(--focus);
      }
    `,
  ];

  declare revision: number;
  declare queue: QueueItem[] | undefined;
  declare later: LaterItem[];
  declare error: string;
  declare busy: string;
  /** Cards asked for: a page of 25 renders fast and is more than an hour of follow-ups. */
  declare limit: number;

  constructor() {
    super();
    this.revision = 0;
    this.later = [];
    this.error = '';
    this.busy = '';
    this.limit = 25;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision') || changed.has('limit')) void this.load();
  }

  async load(): Promise<void> {
    try {
      const answer = await api<{ queue: QueueItem[]; later: LaterItem[] }>(`/api/queue?limit=${this.limit}`);
      this.queue = answer.queue;
      this.later = answer.later;
      this.error = '';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async log(item: QueueItem, outcome: string, index: number): Promise<void> {
    this.busy = item.id;
    try {
      await api(`/api/leads/${item.id}/follow-ups`, { method: 'POST', body: { channel: item.action, outcome } });
      await this.load();
      const still = this.queue?.some((entry) => entry.id === item.id);
      announce(this, `Logged "${outcomeLabels[outcome as keyof typeof outcomeLabels]}" for ${personName(item)}. ${still ? 'They stay in the queue.' : 'They left the queue.'} ${this.queue?.length ?? 0} to contact now.`);
      await this.updateComplete;
      // Focus the card now at this place (the next lead), or the heading when the queue is empty.
      const headings = this.renderRoot.querySelectorAll<HTMLElement>('ol.cards h3');
      (headings[Math.min(index, headings.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    } catch (error) {
      announce(this, `Not logged: ${(error as Error).message}`);
      this.error = (error as Error).message;
    } finally {
      this.busy = '';
    }
  }

  override render(): TemplateResult {
    if (!this.queue) return html`<h2 tabindex="-1">Contact now</h2><p class="muted">Loading the queue…</p>${this.renderError()}`;
    return html`
      <h2 tabindex="-1">Contact now</h2>
      <p class="muted">${this.queue.length === 0 ? 'Nobody to contact right now.' : `${this.queue.length}${this.queue.length >= this.limit ? ' or more' : ''} to contact now, most urgent first.`} Leads that asked for no contact never appear here.</p>
      ${this.renderError()}
      <ol class="cards" aria-label="Contact now">
        ${this.queue.map((item, index) => this.renderCard(item, index))}
      </ol>
      ${this.queue.length >= this.limit && this.limit < 500 ? html`<button @click=${() => (this.limit += 25)}>Show 25 more</button>` : ''}
      ${this.later.length > 0
        ? html`<details>
            <summary>Later: ${this.later.length} outside their call window</summary>
            <ul>
              ${this.later.map((item) => html`<li>${actionSentence(item)}: window opens ${new Date(item.opensAt).toLocaleString()}</li>`)}
            </ul>
          </details>`
        : ''}
    `;
  }

  private renderError(): TemplateResult | string {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : '';
  }

  private renderCard(item: QueueItem, index: number): TemplateResult {
    const lead = item.lead;
    const headingId = `card-${item.id}`;
    return html`<li data-lead=${item.id} aria-labelledby=${headingId}>
      <h3 id=${headingId} tabindex="-1">${actionSentence(item)}</h3>
      <ul class="why">
        <li>${whyLine(item)}</li>
        <li>Offer: ${offerName(lead.offer)}</li>
        ${lead.indicators.length > 0 ? html`<li>Ticked: ${lead.indicators.map((indicator) => indicator.label ?? indicator.value).join('; ')}</li>` : ''}
        ${item.repeatCount > 0 ? html`<li>Converted ${item.repeatCount} ${item.repeatCount === 1 ? 'time' : 'times'} before</li>` : ''}
        ${lead.contact.email ? html`<li>Email: ${lead.contact.email}</li>` : ''}
        ${lead.contact.phone ? html`<li>Phone: ${lead.contact.phone}</li>` : ''}
        ${lead.test ? html`<li><span class="badge">test</span></li>` : ''}
      </ul>
      <details>
        <summary>Consent receipt</summary>
        ${consentReceipt(lead)}
      </details>
      <div class="outcomes" role="group" aria-label="Log the ${item.action} outcome for ${personName(item)}">
        ${outcomes.map(
          (outcome) =>
            html`<button ?disabled=${this.busy === item.id} data-outcome=${outcome} @click=${() => this.log(item, outcome, index)}>${outcomeLabels[outcome]}</button>`,
        )}
      </div>
    </li>`;
  }
}

/** The receiver's reason ("warm, priority: asked for a call …: individual call"), its temperature coloured. */
function whyLine(item: QueueItem): TemplateResult {
  const split = item.reason.indexOf(':');
  const label = split > 0 ? item.reason.slice(0, split) : item.temperature;
  return html`<span class="t-${item.temperature}">${label}</span>${split > 0 ? item.reason.slice(split) : `: ${item.reason}`}`;
}

customElements.get('inbox-now') ?? customElements.define('inbox-now', InboxNow);

declare global {
  interface HTMLElementTagNameMap {
    'inbox-now': InboxNow;
  }
}
