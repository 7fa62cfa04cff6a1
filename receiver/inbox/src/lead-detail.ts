import { LitElement, css, html, type TemplateResult } from 'lit';
import { api, ApiError, offerName, type Lead, type StoredLead } from './api.js';
import { shared } from './styles.js';
import { nextStepFor } from './words.js';

/** The consent receipt, on demand: the exact text the prospect saw, its version, time and language. */
export function consentReceipt(lead: Lead): TemplateResult {
  const consent = lead.consent;
  return html`<dl class="receipt">
    <dt>Text shown</dt>
    <dd><q>${consent.text}</q></dd>
    <dt>Version</dt>
    <dd>${consent.version ?? 'not given'}</dd>
    <dt>Given at</dt>
    <dd>${new Date(consent.givenAt).toLocaleString()}</dd>
    <dt>Language</dt>
    <dd>${consent.language}</dd>
    <dt>Receipt</dt>
    <dd>${consent.receiptId}</dd>
  </dl>`;
}

interface Notification {
  id: string;
  status?: string;
  channel?: string;
  kind?: string;
  destination?: string;
  attempts?: number;
  error?: string;
  lastError?: string;
  createdAt?: string;
}

/**
 * One lead in full (everything the list row leaves out), its follow-ups, and the notifications
 * sent about it. The notifications section stays hidden while the receiver has no such API (404).
 */
export class LeadDetail extends LitElement {
  static override properties = { stored: { attribute: false }, notifications: { state: true } };
  static override styles = [
    shared,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 0.8rem;
        margin: 0.5rem 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  declare stored: StoredLead;
  /** Undefined while unknown or when the receiver has no notifications API. */
  declare notifications: Notification[] | undefined;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('stored')) {
      this.notifications = undefined;
      void this.loadNotifications();
    }
  }

  private async loadNotifications(): Promise<void> {
    try {
      const answer = await api<{ notifications: Notification[] } | Notification[]>(`/api/leads/${this.stored.id}/notifications`);
      this.notifications = Array.isArray(answer) ? answer : answer.notifications;
    } catch (error) {
      // 404: no notifications API on this receiver: the section stays hidden.
      if (!(error instanceof ApiError)) throw error;
    }
  }

  override render(): TemplateResult {
    const { lead, receivedAt, followUps } = this.stored;
    const contact = lead.contact;
    return html`
      <dl>
        <dt>Name</dt>
        <dd>${contact.name ?? 'not given'}</dd>
        <dt>Email</dt>
        <dd>${contact.email ?? 'not given'}</dd>
        ${contact.phone ? html`<dt>Phone</dt><dd>${contact.phone}</dd>` : ''}
        <dt>Asked for</dt>
        <dd>${contact.preference === 'none' ? 'no contact' : contact.preference === 'call' ? `a call${contact.callWindow ? ` (${contact.callWindow})` : ''}` : 'email'}</dd>
        <dt>Temperature</dt>
        <dd><span class="t-${lead.temperature}">${lead.temperature}</span>: ${nextStepFor(lead.temperature)}</dd>
        <dt>Offer</dt>
        <dd>${offerName(lead.offer)}</dd>
        <dt>Problems ticked</dt>
        <dd>${lead.indicators.length ? lead.indicators.map((indicator) => indicator.label ?? indicator.value).join('; ') : 'none'}</dd>
        <dt>Converted before</dt>
        <dd>${lead.repeat?.count ?? 0} times (in their browser)</dd>
        <dt>Received</dt>
        <dd>${new Date(receivedAt).toLocaleString()}</dd>
      </dl>
      <h3>Consent receipt</h3>
      ${consentReceipt(lead)}
      <h3>Follow-ups</h3>
      ${followUps.length === 0
        ? html`<p class="muted">None yet.</p>`
        : html`<ul>
            ${followUps.map((followUp) => html`<li>${new Date(followUp.at).toLocaleString()}: ${followUp.channel}, ${followUp.outcome}${followUp.note ? `: ${followUp.note}` : ''}</li>`)}
          </ul>`}
      ${this.notifications
        ? html`<section aria-label="Notifications">
            <h3>Notifications</h3>
            ${this.notifications.length === 0
              ? html`<p class="muted">None sent about this lead.</p>`
              : html`<ul>
                  ${this.notifications.map((notification) => html`<li>${describeNotification(notification)}</li>`)}
                </ul>`}
          </section>`
        : ''}
    `;
  }
}

/** One line per notification, from whichever fields the receiver's notifications API gives. */
export function describeNotification(notification: Notification): string {
  const parts = [notification.channel ?? notification.kind ?? 'notification', notification.destination, notification.status];
  if (notification.attempts !== undefined) parts.push(`${notification.attempts} attempts`);
  const error = notification.lastError ?? notification.error;
  if (error) parts.push(error);
  return parts.filter(Boolean).join(', ');
}

customElements.get('lead-detail') ?? customElements.define('lead-detail', LeadDetail);

declare global {
  interface HTMLElementTagNameMap {
    'lead-detail': LeadDetail;
  }
}
