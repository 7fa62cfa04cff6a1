import { html, LitElement, type TemplateResult } from 'lit';
import type { BuilderHost } from './builder-host.js';
import { copyText } from './builder-code.js';
import { elementMarkup, themeCss, type Reservation } from './code.js';
import { emptyState, fromDocument, fromFragment, toDocument, toFragment, type BuilderState, type ConfigDocument, type ScalarOption } from './configuration.js';
import type { SectionId } from './fields.js';
import { importSnippet } from './import-snippet.js';
import { languages } from './languages.js';
import { measuredWidths, measureReservation, previewApi } from './measure.js';
import { sectionTemplate } from './option-controls.js';
import { problemsOf, type FieldKey, type Problems } from './problems.js';
import type { PreviewScene, PreviewState } from './preview-protocol.js';
import { codeTemplate, previewTemplate, reservationTemplate, shareTemplate, testSendTemplate } from './result-panels.js';
import { sendTestLead, type TestSendReport } from './test-send.js';

/**
 * The builder: every option of the widget as a labelled control, checked by the widget's own
 * configuration code; the real widget previewed in each state; a test send to the endpoint;
 * the space the widget needs, measured; and the code for each place it goes. The configuration
 * lives in the URL fragment, so a link reopens it.
 */
export class LeadCaptureBuilder extends LitElement implements BuilderHost {
  static override properties = {
    state: { state: true },
    reservation: { state: true },
    measuring: { state: true },
    previewState: { state: true },
    previewWidth: { state: true },
    previewScheme: { state: true },
    previewLanguage: { state: true },
    previewNote: { state: true },
    testReport: { state: true },
    testing: { state: true },
    importText: { state: true },
    importMessage: { state: true },
    shareAnnouncement: { state: true },
  };

  declare state: BuilderState;
  declare reservation?: Reservation;
  declare measuring: boolean;
  declare previewState: PreviewState;
  declare previewWidth: keyof typeof measuredWidths;
  declare previewScheme: 'light' | 'dark';
  declare previewLanguage: string;
  declare previewNote: string;
  declare testReport?: TestSendReport;
  declare testing: boolean;
  declare importText: string;
  declare importMessage: string;
  declare shareAnnouncement: string;

  /** The problems of the state last checked (one check per state, however often it renders). */
  private checked?: { state: BuilderState; problems: Problems };
  /** The configuration the reservation was measured for, and the one being measured. */
  private measuredKey = '';
  private measureTimer?: ReturnType<typeof setTimeout>;
  private measurementRunning = false;
  private previewTimer?: ReturnType<typeof setTimeout>;
  private previewRun = 0;
  /** The fragment this page last wrote, so its own change is not read back as a new link. */
  private writtenFragment = '';

  constructor() {
    super();
    this.state = emptyState();
    this.measuring = false;
    this.previewState = 'idle';
    this.previewWidth = 'phone';
    this.previewScheme = 'light';
    this.previewLanguage = 'en';
    this.previewNote = '';
    this.testing = false;
    this.importText = '';
    this.importMessage = '';
    this.shareAnnouncement = '';
  }

  /** Styled by the page (builder.css): one stylesheet for the whole builder. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readFragment();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private readonly onHashChange = () => {
    if (location.hash !== this.writtenFragment) this.readFragment();
  };

  /** A share link: the configuration in `#config=`. */
  private readFragment(): void {
    const document = fromFragment(location.hash);
    if (document) this.state = fromDocument(document).state;
  }

  get problems(): Problems {
    if (this.checked?.state !== this.state) this.checked = { state: this.state, problems: problemsOf(this.state, location.href) };
    return this.checked.problems;
  }

  get document(): ConfigDocument {
    return toDocument(this.state);
  }

  /** Every change of the configuration goes through here: the link, the preview and the measurement follow it. */
  change(update: (state: BuilderState) => Partial<BuilderState>): void {
    this.state = { ...this.state, ...update(this.state) };
  }

  setValue(name: ScalarOption, value: string | boolean | undefined): void {
    this.change((state) => {
      const values = { ...state.values };
      if (value === undefined) delete values[name];
      else values[name] = value;
      return { values };
    });
  }

  /** Before the render: the link follows the configuration, and a measurement is due (shown as "Measuring…" in the same render). */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('state')) return;
    const fragment = toFragment(this.document);
    if (fragment !== location.hash) {
      this.writtenFragment = fragment;
      history.replaceState(null, '', fragment);
    }
    this.scheduleMeasure();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (['state', 'previewState', 'previewWidth', 'previewScheme', 'previewLanguage'].some((name) => changed.has(name))) this.schedulePreview();
  }

  // ——— preview and measurement ———

  private scene(language: string, scheme: 'light' | 'dark'): PreviewScene {
    const document = this.document;
    return { markup: elementMarkup(document), css: themeCss(document), language, scheme };
  }

  private schedulePreview(): void {
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.showPreview(), 120);
  }

  private async showPreview(): Promise<void> {
    const frame = this.querySelector<HTMLIFrameElement>('#preview-frame');
    if (!frame) return;
    const run = ++this.previewRun;
    const api = await previewApi(frame);
    const result = await api.show(this.scene(this.previewLanguage, this.previewScheme), this.previewState);
    if (run !== this.previewRun) return;
    frame.style.height = `${result.pageHeight}px`;
    const expected: Record<PreviewState, string> = { idle: 'idle', invalid: 'idle', call: 'idle', sending: 'submitting', sent: 'sent', queued: 'queued', error: 'error' };
    this.previewNote =
      result.widgetState === expected[this.previewState]
        ? ''
        : `With these settings the widget ends up "${result.widgetState}" here: ${result.widgetState === 'sent' && this.previewState === 'error' ? 'this destination never reports a refusal to the page' : 'see the problems above'}.`;
    frame.dataset.shownState = this.previewState;
  }

  /** The key of what the measurement depends on: the widget's markup, its theme, and the languages it may show. */
  private measureKey(): string {
    const document = this.document;
    return JSON.stringify([elementMarkup(document), themeCss(document)]);
  }

  private scheduleMeasure(): void {
    if (this.measureKey() === this.measuredKey) return;
    this.measuring = true;
    clearTimeout(this.measureTimer);
    this.measureTimer = setTimeout(() => void this.measure(), 500);
  }

  /** One measurement at a time; one that the configuration overtook stops, and the newest is measured. */
  private async measure(): Promise<void> {
    if (this.measurementRunning) return;
    const phone = this.querySelector<HTMLIFrameElement>('#measure-phone');
    const desktop = this.querySelector<HTMLIFrameElement>('#measure-desktop');
    if (!phone || !desktop) return;
    this.measurementRunning = true;
    try {
      let key: string;
      do {
        key = this.measureKey();
        // The widget's own language, or every built-in one: the page's language decides.
        const measuredLanguages = this.state.lang ? [this.state.lang] : languages;
        const scenes = measuredLanguages.map((language) => this.scene(language, 'light'));
        const reservation = await measureReservation({ phone, desktop }, scenes, () => key === this.measureKey());
        if (reservation && key === this.measureKey()) {
          this.measuredKey = key;
          this.reservation = reservation;
        }
      } while (key !== this.measureKey());
      this.measuring = false;
    } finally {
      this.measurementRunning = false;
    }
  }

  // ——— actions ———

  async testSend(): Promise<void> {
    this.testing = true;
    this.testReport = undefined;
    try {
      this.testReport = await sendTestLead(this.state);
    } finally {
      this.testing = false;
    }
  }

  import(): void {
    const result = importSnippet(this.importText);
    if ('error' in result) {
      this.importMessage = result.error;
      return;
    }
    const { state, ignored } = fromDocument(result.document);
    this.state = state;
    const count = Object.keys(toDocument(state)).length;
    this.importMessage = `Imported ${count} setting${count === 1 ? '' : 's'} from the code.${result.ignored.length || ignored.length ? ` Not taken: ${[...result.ignored, ...ignored].join('; ')}.` : ''}`;
  }

  async copyShareLink(): Promise<void> {
    this.shareAnnouncement = (await copyText(this.shareLink())) ? 'Link copied.' : 'Copying is not allowed here: select the link and copy it yourself.';
  }

  shareLink(): string {
    return `${location.href.split('#')[0]}${toFragment(this.document)}`;
  }

  // ——— render ———

  protected override render(): TemplateResult {
    const problems = this.problems;
    const sections: SectionId[] = ['delivery', 'offer', 'consent', 'indicators', 'language', 'look', 'behaviour'];
    return html`<header class="page-header">
        <h1>Lead form builder</h1>
        <p>
          Set up <code>&lt;lead-capture&gt;</code> for your page: fill in where leads go and what you offer, watch the real form in each state, send a
          test lead to check your endpoint, and copy the code for your site. Everything stays in this browser; the link of this page keeps your settings.
        </p>
      </header>
      <div class="layout">
        <form class="settings" aria-label="Settings" @submit=${(event: Event) => event.preventDefault()}>
          ${sections.map((section) => sectionTemplate(this, section, problems))}
        </form>
        <div class="results">
          ${previewTemplate(this)} ${testSendTemplate(this)} ${reservationTemplate(this)} ${codeTemplate(this, problems)} ${shareTemplate(this)}
        </div>
      </div>
      <div class="measuring" aria-hidden="true" inert>
        <iframe id="measure-phone" title="Measuring the form at phone width" src=${new URL('preview.html', document.baseURI).href} style=${`width: ${measuredWidths.phone}px`}></iframe>
        <iframe id="measure-desktop" title="Measuring the form at desktop width" src=${new URL('preview.html', document.baseURI).href} style=${`width: ${measuredWidths.desktop}px`}></iframe>
      </div>`;
  }

  problemsAt(key: FieldKey): string[] {
    return this.problems.byField.get(key) ?? [];
  }
}

customElements.define('lead-capture-builder', LeadCaptureBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'lead-capture-builder': LeadCaptureBuilder;
  }
}
