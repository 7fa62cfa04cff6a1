import { LitElement, css, html, type TemplateResult } from 'lit';
import { api, type StoredLead } from './api.js';
import { shared } from './styles.js';
import './inbox-now.js';
import './inbox-leads.js';
import './inbox-offers.js';

type View = 'now' | 'leads' | 'offers';
const views: { view: View; label: string }[] = [
  { view: 'now', label: 'Contact now' },
  { view: 'leads', label: 'Leads' },
  { view: 'offers', label: 'Offers' },
];
/** How often the inbox asks for new leads: polling is enough for a team that checks once an hour. */
const pollMs = 3000;

/**
 * The inbox: the login form until there is a session, then the three views by URL
 * (/inbox/now, /inbox/leads, /inbox/offers) under one nav landmark, one live region for what
 * changed, and a poll that refreshes the open view when a new lead arrives.
 */
export class LeadInbox extends LitElement {
  static override properties = {
    state: { state: true },
    view: { state: true },
    message: { state: true },
    loginError: { state: true },
    revision: { state: true },
  };
  static override styles = [
    shared,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: center;
        padding: 0.75rem 1rem;
        border-bottom: 1px solid var(--line);
      }
      h1 {
        font-size: 1.2rem;
        margin: 0;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        padding: 0.4rem 0.7rem;
        color: var(--accent);
        border-radius: 0.3rem;
      }
      nav a[aria-current='page'] {
        background: var(--accent);
        color: var(--accent-text);
      }
      main {
        padding: 0.5rem 1rem 2rem;
        max-width: 70rem;
      }
      form.login {
        display: grid;
        gap: 0.75rem;
        max-width: 22rem;
      }
      .logout {
        margin-inline-start: auto;
      }
    `,
  ];

  declare state: 'checking' | 'login' | 'in';
  declare view: View;
  declare message: string;
  declare loginError: string;
  /** Bumped when a new lead arrives: the open view reloads. */
  declare revision: number;
  private newest: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.state = 'checking';
    this.view = viewOf(location.pathname);
    this.message = '';
    this.loginError = '';
    this.revision = 0;
    this.addEventListener('inbox-announce', (event) => this.say((event as CustomEvent<string>).detail));
    addEventListener('popstate', () => (this.view = viewOf(location.pathname)));
    addEventListener('inbox-session-ended', () => this.loggedOut());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private say(message: string): void {
    // Cleared first so the same words twice are announced twice.
    this.message = '';
    requestAnimationFrame(() => (this.message = message));
  }

  /**
   * The view starts loading while the session is checked (one round trip less before the first
   * view is usable); without a session its request fails, and the login form replaces it.
   */
  private async checkSession(): Promise<void> {
    try {
      await api('/api/session');
      this.signedIn();
    } catch {
      this.loggedOut();
    }
  }

  private loggedOut(): void {
    clearInterval(this.timer);
    this.state = 'login';
  }

  private signedIn(): void {
    this.state = 'in';
    if (!/^\/inbox\/(now|leads|offers)$/.test(location.pathname)) history.replaceState(null, '', `/inbox/${this.view}`);
    clearInterval(this.timer);
    // The first poll only notes the newest lead; later ones compare with it.
    void this.poll();
    this.timer = setInterval(() => void this.poll(), pollMs);
  }

  /** Looks at the newest lead; a different one than last time means new leads arrived. */
  private async poll(): Promise<void> {
    try {
      const { leads } = await api<{ leads: StoredLead[] }>('/api/leads?limit=1');
      const latest = leads[0];
      if (this.newest !== undefined && latest && latest.id !== this.newest) {
        this.say(`New lead: ${latest.lead.contact.name ?? latest.lead.contact.email ?? 'no name given'} (${latest.lead.offer.title ?? latest.lead.offer.id ?? latest.lead.offer.kind}).`);
        this.revision += 1;
      }
      this.newest = latest?.id ?? '';
    } catch {
      // A 401 has already sent the inbox to its login (inbox-session-ended); others: next poll.
    }
  }

  private async login(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    try {
      await api('/api/session', { method: 'POST', body: { password } });
      this.loginError = '';
      this.signedIn();
    } catch (error) {
      this.loginError = (error as Error).message;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.focus();
    }
  }

  private async logout(): Promise<void> {
    await api('/api/session', { method: 'DELETE' }).catch(() => {});
    this.loggedOut();
  }

  private go(event: MouseEvent, view: View): void {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.pushState(null, '', `/inbox/${view}`);
    this.view = view;
  }

  override updated(): void {
    const label = views.find((entry) => entry.view === this.view)?.label;
    document.title = this.state === 'in' && label ? `${label} · Lead inbox` : 'Lead inbox';
  }

  override render(): TemplateResult {
    return html`
      <header>
        <h1>Lead inbox</h1>
        ${this.state !== 'login'
          ? html`<nav aria-label="Inbox views">
                <ul>
                  ${views.map(
                    ({ view, label }) =>
                      html`<li><a href="/inbox/${view}" aria-current=${this.view === view ? 'page' : 'false'} @click=${(event: MouseEvent) => this.go(event, view)}>${label}</a></li>`,
                  )}
                </ul>
              </nav>
              <button class="logout" @click=${this.logout}>Log out</button>`
          : ''}
      </header>
      <main>${this.renderMain()}</main>
      <div class="visually-hidden" role="status" aria-live="polite" id="live">${this.message}</div>
    `;
  }

  private renderMain(): TemplateResult {
    if (this.state === 'login') {
      return html`<form class="login" @submit=${this.login}>
        <h2>Log in</h2>
        <label for="password">Inbox password<input id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="login-error" /></label>
        <p id="login-error" class="error">${this.loginError}</p>
        <div><button class="primary" type="submit">Log in</button></div>
      </form>`;
    }
    if (this.view === 'leads') return html`<inbox-leads .revision=${this.revision}></inbox-leads>`;
    if (this.view === 'offers') return html`<inbox-offers .revision=${this.revision}></inbox-offers>`;
    return html`<inbox-now .revision=${this.revision}></inbox-now>`;
  }
}

function viewOf(path: string): View {
  const match = /^\/inbox\/(now|leads|offers)\/?$/.exec(path);
  return (match?.[1] as View | undefined) ?? 'now';
}

customElements.get('lead-inbox') ?? customElements.define('lead-inbox', LeadInbox);

declare global {
  interface HTMLElementTagNameMap {
    'lead-inbox': LeadInbox;
  }
}
