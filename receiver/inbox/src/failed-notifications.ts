import { LitElement, html, type TemplateResult } from 'lit';
import { api, ApiError } from './api.js';
import { announce } from './announce.js';
import { describeNotification } from './lead-detail.js';
import { shared } from './styles.js';

interface FailedNotification {
  id: string;
  leadId?: string;
  channel?: string;
  destination?: string;
  status?: string;
  attempts?: number;
  lastError?: string;
  error?: string;
}

/**
 * Notifications that failed (GET /api/notifications?status=failed), each with a retry button
 * (POST /api/notifications/:id/retry). Renders nothing when the list is empty or the receiver has
 * no notifications API (404), so the inbox works with or without it.
 */
export class FailedNotifications extends LitElement {
  static override properties = { revision: { type: Number }, failed: { state: true } };
  static override styles = [shared];

  declare revision: number;
  declare failed: FailedNotification[];

  constructor() {
    super();
    this.revision = 0;
    this.failed = [];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const answer = await api<{ notifications: FailedNotification[] } | FailedNotification[]>('/api/notifications?status=failed');
      this.failed = Array.isArray(answer) ? answer : answer.notifications;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.failed = [];
    }
  }

  private async retry(notification: FailedNotification): Promise<void> {
    try {
      await api(`/api/notifications/${encodeURIComponent(notification.id)}/retry`, { method: 'POST' });
      announce(this, 'Notification queued to be sent again.');
    } catch (error) {
      announce(this, `Not retried: ${(error as Error).message}`);
    }
    await this.load();
  }

  override render(): TemplateResult | string {
    if (this.failed.length === 0) return '';
    return html`<section aria-labelledby="failed-heading">
      <h3 id="failed-heading">Notifications that failed</h3>
      <ul>
        ${this.failed.map(
          (notification) =>
            html`<li>${describeNotification(notification)} <button @click=${() => this.retry(notification)}>Retry</button></li>`,
        )}
      </ul>
    </section>`;
  }
}

customElements.get('failed-notifications') ?? customElements.define('failed-notifications', FailedNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'failed-notifications': FailedNotifications;
  }
}
