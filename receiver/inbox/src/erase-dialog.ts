import { LitElement, css, html, type TemplateResult } from 'lit';
import { api, offerName, type StoredLead } from './api.js';
import { shared } from './styles.js';

/**
 * "Erase this person": a modal dialog that first lists what will go (GET /api/people), then
 * erases on confirmation (DELETE /api/people) and fires `erased`. Cancel is the default button,
 * and Escape closes it: erasing cannot be undone.
 */
export class EraseDialog extends LitElement {
  static override properties = { email: { state: true }, leads: { state: true }, error: { state: true } };
  static override styles = [
    shared,
    css`
      dialog {
        max-width: min(32rem, calc(100vw - 2rem));
        color: var(--text);
        background: var(--surface);
        border: 1px solid var(--line);
        border-radius: 0.5rem;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
    `,
  ];

  declare email: string;
  declare leads: StoredLead[] | undefined;
  declare error: string;

  constructor() {
    super();
    this.email = '';
    this.error = '';
  }

  async ask(email: string): Promise<void> {
    this.email = email;
    this.leads = undefined;
    this.error = '';
    await this.updateComplete;
    this.dialog.showModal();
    try {
      this.leads = (await api<{ leads: StoredLead[] }>(`/api/people?email=${encodeURIComponent(email)}`)).leads;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  private async confirm(): Promise<void> {
    try {
      const { erased } = await api<{ erased: number }>(`/api/people?email=${encodeURIComponent(this.email)}`, { method: 'DELETE' });
      this.dialog.close();
      this.dispatchEvent(new CustomEvent('erased', { detail: { email: this.email, erased } }));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render(): TemplateResult {
    const leads = this.leads;
    const followUps = leads?.reduce((sum, stored) => sum + stored.followUps.length, 0) ?? 0;
    return html`<dialog aria-labelledby="erase-title" aria-describedby="erase-what">
      <h3 id="erase-title">Erase ${this.email}?</h3>
      <div id="erase-what">
        ${leads === undefined
          ? html`<p>Looking up what is stored…</p>`
          : html`<p>
                This deletes ${leads.length} ${leads.length === 1 ? 'lead' : 'leads'} and ${followUps} ${followUps === 1 ? 'follow-up' : 'follow-ups'}
                of ${this.email}, with names, emails, phone numbers and consent receipts. It cannot be undone. A copy of the form still waiting
                in their browser will not store them again.
              </p>
              <ul>
                ${leads.map((stored) => html`<li>${new Date(stored.receivedAt).toLocaleDateString()}: ${offerName(stored.lead.offer)}${stored.lead.test ? ' (test)' : ''}</li>`)}
              </ul>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </div>
      <div class="row">
        <button @click=${() => this.dialog.close()}>Cancel</button>
        <button class="danger" ?disabled=${leads === undefined} @click=${this.confirm}>Erase ${leads?.length ?? ''} ${leads?.length === 1 ? 'lead' : 'leads'}</button>
      </div>
    </dialog>`;
  }
}

customElements.get('erase-dialog') ?? customElements.define('erase-dialog', EraseDialog);

declare global {
  interface HTMLElementTagNameMap {
    'erase-dialog': EraseDialog;
  }
}
