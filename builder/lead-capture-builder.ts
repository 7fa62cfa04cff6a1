import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { flatFieldNames } from '../src/delivery/destinations/form-fields.js';
import { destinationNames as destinationValues } from '../src/delivery/destinations/names.js';
import { builtInLocales } from '../src/i18n/locales.js';
import { attributeName, optionNames, optionTable, type OptionName, type OptionSpec } from '../src/options.js';
import { copyText } from './builder-code.js';
import { codeTargets, elementMarkup, themeCss, wideFrom, type Reservation } from './code.js';
import {
  defaultOf,
  defaultScriptSrc,
  emptyState,
  fromDocument,
  fromFragment,
  toDocument,
  toFragment,
  type BuilderState,
  type ConfigDocument,
  type Pair,
  type ScalarOption,
} from './configuration.js';
import { destinationLabels } from './destinations.js';
import { field, fieldId, optionLabels, optionSections, problemsTemplate, sectionTitles, withCode, type SectionId } from './fields.js';
import { importSnippet } from './import-snippet.js';
import { measuredWidths, measureReservation, previewApi } from './measure.js';
import { chosenDestination, problemsOf, requiredHiddenField, type FieldKey, type Problems } from './problems.js';
import { previewStateLabels, previewStates, type PreviewScene, type PreviewState } from './preview-protocol.js';
import { sendTestLead, type TestSendReport } from './test-send.js';
import { customProperties, optionDescriptions } from './widget-docs.js';

const languages = Object.keys(builtInLocales);
const languageNames: Record<string, string> = { en: 'English', de: 'Deutsch (German)', fr: 'Français (French)', es: 'Español (Spanish)' };
const languageName = (code: string) => languageNames[code] ?? code;
const stringKeys = Object.keys(builtInLocales.en);

/** `--lead-capture-accent-text` → `Accent text`. */
const propertyLabel = (name: string) => {
  const words = name.replace('--lead-capture-', '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The builder: every option of the widget as a labelled control, checked by the widget's own
 * configuration code; the real widget previewed in each state; a test send to the endpoint;
 * the space the widget needs, measured; and the code for each place it goes. The configuration
 * lives in the URL fragment, so a link reopens it.
 */
export class LeadCaptureBuilder extends LitElement {
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
  private change(update: (state: BuilderState) => Partial<BuilderState>): void {
    this.state = { ...this.state, ...update(this.state) };
  }

  private setValue(name: ScalarOption, value: string | boolean | undefined): void {
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

  private async testSend(): Promise<void> {
    this.testing = true;
    this.testReport = undefined;
    try {
      this.testReport = await sendTestLead(this.state);
    } finally {
      this.testing = false;
    }
  }

  private import(): void {
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

  private async copyShareLink(): Promise<void> {
    this.shareAnnouncement = (await copyText(this.shareLink())) ? 'Link copied.' : 'Copying is not allowed here: select the link and copy it yourself.';
  }

  private shareLink(): string {
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
          ${sections.map((section) => this.sectionTemplate(section, problems))}
        </form>
        <div class="results">
          ${this.previewTemplate()} ${this.testSendTemplate()} ${this.reservationTemplate()} ${this.codeTemplate(problems)} ${this.shareTemplate()}
        </div>
      </div>
      <div class="measuring" aria-hidden="true" inert>
        <iframe id="measure-phone" title="Measuring the form at phone width" src=${new URL('preview.html', document.baseURI).href} style=${`width: ${measuredWidths.phone}px`}></iframe>
        <iframe id="measure-desktop" title="Measuring the form at desktop width" src=${new URL('preview.html', document.baseURI).href} style=${`width: ${measuredWidths.desktop}px`}></iframe>
      </div>`;
  }

  private sectionTemplate(section: SectionId, problems: Problems): TemplateResult {
    const options = optionNames.filter((name) => optionSections[name] === section);
    return html`<section class="settings-section" aria-labelledby=${`section-${section}`}>
      <h2 id=${`section-${section}`}>${sectionTitles[section]}</h2>
      ${section === 'indicators' ? this.indicatorsTemplate(problems) : nothing}
      ${section === 'language' ? this.languageTemplate() : nothing}
      ${options.filter((name) => name !== 'indicators').map((name) => this.optionTemplate(name, problems))}
      ${section === 'look' ? this.customPropertiesTemplate() : nothing}
    </section>`;
  }

  private problemsAt(key: FieldKey): string[] {
    return this.problems.byField.get(key) ?? [];
  }

  /** The option's documentation, from the table, with its attribute name. */
  private hint(name: OptionName, extra?: TemplateResult | string): TemplateResult {
    const spec: OptionSpec = optionTable[name];
    const description = optionDescriptions.get(name) ?? '';
    return html`${spec.kind === 'property' ? nothing : html`<code>${attributeName(name)}</code> · `}${withCode(description)}${extra ? html` ${extra}` : nothing}`;
  }

  private optionTemplate(name: OptionName, problems: Problems): TemplateResult | typeof nothing {
    switch (name) {
      case 'endpoint':
        return this.endpointTemplate();
      case 'destination':
        return this.destinationTemplate(problems);
      case 'subscriptionTypeId':
        // Asked for with the destination it belongs to (HubSpot).
        return nothing;
      case 'fieldNames':
        return this.pairsTemplate('fieldNames', 'Field name', 'Lead field', 'Name at the destination');
      case 'hiddenFields':
        return this.pairsTemplate('hiddenFields', 'Hidden field', 'Name', 'Value');
      case 'strings':
        return this.stringsTemplate();
      case 'dataLayer':
        return this.dataLayerTemplate();
      case 'classify':
        return html`<div class="field">
          <p class="label-like">${optionLabels.classify}</p>
          <p class="hint">${this.hint('classify')} A function, so it is set in JavaScript only (<code>element.classify = …</code>); the builder keeps the default rules.</p>
        </div>`;
      case 'indicators':
        return nothing;
      default:
        return this.scalarTemplate(name);
    }
  }

  /** A scalar option, by its kind in the table: a text box, a choice, a checkbox. */
  private scalarTemplate(name: ScalarOption): TemplateResult {
    const spec: OptionSpec = optionTable[name];
    const label = optionLabels[name];
    const value = this.state.values[name];
    const problems = this.problemsAt(name);
    const fallback = defaultOf(name);
    if (spec.kind === 'flag') {
      const checked = typeof value === 'boolean' ? value : fallback === true;
      return html`<div class="field checkbox ${problems.length ? 'has-problem' : ''}">
        <input type="checkbox" id=${fieldId(name)} .checked=${checked} aria-describedby=${`${fieldId(name)}-hint`} @change=${(event: Event) => this.setValue(name, (event.target as HTMLInputElement).checked)} />
        <label for=${fieldId(name)}>${label}</label>
        <p class="hint" id=${`${fieldId(name)}-hint`}>${this.hint(name)}</p>
        ${problemsTemplate(fieldId(name), problems)}
      </div>`;
    }
    if (spec.kind === 'choice') {
      const current = typeof value === 'string' ? value : '';
      const known = spec.values.includes(current) || current === '';
      const unset = fallback === undefined ? (name === 'theme' ? "Follows the visitor's colour scheme" : name === 'preference' ? 'None: the prospect chooses' : 'Not set') : `${fallback}`;
      return field(
        name,
        label,
        (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @change=${(event: Event) => this.setValue(name, (event.target as HTMLSelectElement).value || undefined)}>
          <option value="" ?selected=${current === ''}>${unset} (default)</option>
          ${spec.values.filter((choice) => choice !== fallback).map((choice) => html`<option value=${choice} ?selected=${current === choice}>${choice}</option>`)}
          ${known ? nothing : html`<option value=${current} selected>${current}</option>`}
        </select>`,
        this.hint(name),
        problems,
      );
    }
    const range = spec.kind === 'number' ? ` A whole number from ${spec.min} to ${spec.max}${fallback === undefined ? '' : `; ${fallback} by default`}.` : '';
    return field(
      name,
      label,
      (id, parts) => html`<input
        type="text"
        id=${id}
        inputmode=${spec.kind === 'number' ? 'numeric' : spec.kind === 'endpoint' || spec.kind === 'link' ? 'url' : 'text'}
        autocomplete="off"
        spellcheck="false"
        placeholder=${fallback === undefined ? '' : String(fallback)}
        .value=${typeof value === 'string' ? value : ''}
        aria-describedby=${parts.describedBy}
        aria-invalid=${parts.invalid ? 'true' : 'false'}
        @input=${(event: Event) => this.setValue(name, (event.target as HTMLInputElement).value)}
      />`,
      this.hint(name, range),
      problems,
    );
  }

  private endpointTemplate(): TemplateResult {
    const chosen = chosenDestination(this.state, location.href);
    const value = this.state.values.endpoint;
    return html`${field(
      'endpoint',
      optionLabels.endpoint,
      (id, parts) => html`<input
        type="text"
        id=${id}
        inputmode="url"
        autocomplete="off"
        spellcheck="false"
        placeholder="https://example.com/api/leads"
        .value=${typeof value === 'string' ? value : ''}
        aria-describedby=${`${parts.describedBy} ${id}-destination`}
        aria-invalid=${parts.invalid ? 'true' : 'false'}
        @input=${(event: Event) => this.setValue('endpoint', (event.target as HTMLInputElement).value)}
      />`,
      this.hint('endpoint'),
      this.problemsAt('endpoint'),
    )}
    <p class="destination-chosen" id=${`${fieldId('endpoint')}-destination`}>
      ${chosen
        ? html`Destination: <strong>${destinationLabels[chosen.name]}</strong> (<code>${chosen.name}</code>), ${chosen.automatic ? 'chosen from the address.' : 'as you chose below.'}`
        : 'The destination is chosen from the address once you enter it.'}
    </p>`;
  }

  private destinationTemplate(problems: Problems): TemplateResult {
    const chosen = chosenDestination(this.state, location.href);
    const current = typeof this.state.values.destination === 'string' ? this.state.values.destination : '';
    const automatic = chosen?.automatic ? chosen.name : undefined;
    void problems;
    return html`${field(
        'destination',
        optionLabels.destination,
        (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @change=${(event: Event) => this.setValue('destination', (event.target as HTMLSelectElement).value || undefined)}>
          <option value="" ?selected=${current === ''}>Chosen from the endpoint${automatic ? `: ${automatic}` : ''} (default)</option>
          ${destinationValues.map((name) => html`<option value=${name} ?selected=${current === name}>${name}: ${destinationLabels[name]}</option>`)}
        </select>`,
        this.hint('destination'),
        this.problemsAt('destination'),
      )}
      ${chosen ? this.destinationSettingsTemplate(chosen.name) : nothing}`;
  }

  /** What the chosen destination cannot work without, asked for by name. */
  private destinationSettingsTemplate(destination: string): TemplateResult | typeof nothing {
    const hidden = requiredHiddenField[destination as keyof typeof requiredHiddenField];
    if (hidden) {
      const index = this.state.hiddenFields.findIndex(([name]) => name === hidden);
      const value = index === -1 ? '' : this.state.hiddenFields[index][1];
      const label = hidden === 'oid' ? 'Salesforce organisation id (oid)' : 'Netlify form name (form-name)';
      const hint =
        hidden === 'oid'
          ? html`Sent as the hidden field <code>oid</code>: your organisation id (<code>00D…</code>), in Salesforce Setup → Company Information.`
          : html`Sent as the hidden field <code>form-name</code>: the name of a form Netlify registered at deploy (a hidden HTML form with the same field names in your site).`;
      return html`<div class="destination-settings">
        ${field(
          `hiddenFields.${hidden}`,
          label,
          (id, parts) => html`<input type="text" id=${id} autocomplete="off" spellcheck="false" .value=${value} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @input=${(event: Event) => this.setHiddenField(hidden, (event.target as HTMLInputElement).value)} />`,
          hint,
          this.problemsAt(`hiddenFields.${hidden}`),
        )}
      </div>`;
    }
    if (destination === 'hubspot' || this.state.values.subscriptionTypeId !== undefined) {
      return html`<div class="destination-settings">${this.scalarTemplate('subscriptionTypeId')}</div>`;
    }
    const notes: Record<string, TemplateResult> = {
      mautic: html`Mautic takes the form id from the endpoint (<code>…/form/submit?formId=3</code>), and answers a page only when your site is in its CORS valid domains.`,
      'apps-script': html`Deploy the script as a web app that anyone can run; the endpoint is its <code>/exec</code> address.`,
      form: html`A plain form post: catch hooks and form backends take it without a CORS preflight.`,
    };
    return notes[destination] ? html`<p class="hint destination-settings">${notes[destination]}</p>` : nothing;
  }

  private setHiddenField(name: string, value: string): void {
    this.change((state) => {
      const rows = state.hiddenFields.filter(([key]) => key !== name);
      return { hiddenFields: value === '' ? rows : [...rows, [name, value]] };
    });
  }

  /** Field names or hidden fields: name/value rows; a destination's own hidden field is asked for above, not here. */
  private pairsTemplate(list: 'fieldNames' | 'hiddenFields', noun: string, nameLabel: string, valueLabel: string): TemplateResult {
    const dedicated = list === 'hiddenFields' ? requiredHiddenField[(chosenDestination(this.state, location.href)?.name ?? 'json') as keyof typeof requiredHiddenField] : undefined;
    const rows = this.state[list].map((row, index) => [row, index] as const).filter(([[name]]) => !dedicated || name !== dedicated);
    const update = (index: number, row: Pair | undefined) =>
      this.change((state) => {
        const next = [...state[list]];
        if (row) next[index] = row;
        else next.splice(index, 1);
        return { [list]: next };
      });
    const groupId = fieldId(list);
    return html`<fieldset class="list" aria-describedby=${`${groupId}-hint`}>
      <legend>${optionLabels[list]}</legend>
      <p class="hint" id=${`${groupId}-hint`}>${this.hint(list)}</p>
      ${rows.map(([[name, value], index], position) => {
        const key: FieldKey = `${list}.${index}`;
        const number = position + 1;
        return html`<fieldset class="row">
          <legend>${noun} ${number}</legend>
          <div class="row-fields">
            ${field(`${key}.name`, nameLabel, (id) =>
              list === 'fieldNames'
                ? html`<select id=${id} @change=${(event: Event) => update(index, [(event.target as HTMLSelectElement).value, value])}>
                    ${flatFieldNames.map((lead) => html`<option value=${lead} ?selected=${lead === name}>${lead}</option>`)}
                    ${(flatFieldNames as readonly string[]).includes(name) ? nothing : html`<option value=${name} selected>${name}</option>`}
                  </select>`
                : html`<input type="text" id=${id} autocomplete="off" spellcheck="false" .value=${name} @input=${(event: Event) => update(index, [(event.target as HTMLInputElement).value, value])} />`,
            )}
            ${field(`${key}.value`, valueLabel, (id) => html`<input type="text" id=${id} autocomplete="off" spellcheck="false" .value=${value} @input=${(event: Event) => update(index, [name, (event.target as HTMLInputElement).value])} />`)}
          </div>
          <button type="button" class="secondary" @click=${() => update(index, undefined)}>Remove ${noun.toLowerCase()} ${number}</button>
          ${problemsTemplate(fieldId(key), this.problemsAt(key))}
        </fieldset>`;
      })}
      <button type="button" class="secondary" @click=${() => this.change((state) => ({ [list]: [...state[list], list === 'fieldNames' ? [this.unmappedField(), ''] : ['', '']] }))}>Add a ${noun.toLowerCase()}</button>
      ${problemsTemplate(groupId, this.problemsAt(list))}
    </fieldset>`;
  }

  private unmappedField(): string {
    return flatFieldNames.find((name) => !this.state.fieldNames.some(([taken]) => taken === name)) ?? 'name';
  }

  private indicatorsTemplate(problems: Problems): TemplateResult {
    void problems;
    const indicators = this.state.indicators;
    const update = (next: typeof indicators) => this.change(() => ({ indicators: next }));
    const move = (from: number, to: number, button: string) => {
      const next = [...indicators];
      const [moved] = next.splice(from, 1);
      next.splice(to, 0, moved);
      update(next);
      // Focus follows the indicator that moved, so the keyboard can keep moving it.
      void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#${fieldId(`indicators.${to}`)}-${button}`)?.focus() ?? this.querySelector<HTMLElement>(`#${fieldId(`indicators.${to}`)}-label`)?.focus());
    };
    return html`<p class="hint" id="indicators-hint">${this.hint('indicators')}</p>
      <p class="note" id="priority-note">
        <strong>Priority:</strong> the widget has no per-indicator priority flag: a lead is <em>priority</em> when the prospect ticks <em>any</em> of these and allows
        contact (email or call). So offer the problems your product solves; each ticked one counts the same. The lead lists which ones were ticked.
      </p>
      ${indicators.map((indicator, index) => {
        const key: FieldKey = `indicators.${index}`;
        const id = fieldId(key);
        const number = index + 1;
        return html`<fieldset class="row">
          <legend>Indicator ${number}</legend>
          <div class="row-fields">
            ${field(`${key}.label`, 'Label', (fieldIdentifier) => html`<input type="text" id=${fieldIdentifier} autocomplete="off" .value=${indicator.label} @input=${(event: Event) => update(indicators.map((entry, position) => (position === index ? { ...entry, label: (event.target as HTMLInputElement).value } : entry)))} />`, 'What the prospect reads.')}
            ${field(`${key}.value`, 'Code', (fieldIdentifier) => html`<input type="text" id=${fieldIdentifier} autocomplete="off" spellcheck="false" .value=${indicator.value} @input=${(event: Event) => update(indicators.map((entry, position) => (position === index ? { ...entry, value: (event.target as HTMLInputElement).value } : entry)))} />`, 'Sent in the lead; unique.')}
          </div>
          <div class="row-actions">
            <button type="button" class="secondary" id=${`${id}-up`} ?disabled=${index === 0} @click=${() => move(index, index - 1, 'up')}>Move indicator ${number} up</button>
            <button type="button" class="secondary" id=${`${id}-down`} ?disabled=${index === indicators.length - 1} @click=${() => move(index, index + 1, 'down')}>Move indicator ${number} down</button>
            <button type="button" class="secondary" @click=${() => update(indicators.filter((_, position) => position !== index))}>Remove indicator ${number}</button>
          </div>
          ${problemsTemplate(id, this.problemsAt(key))}
        </fieldset>`;
      })}
      <button type="button" class="secondary" @click=${() => this.addIndicator()}>Add an indicator</button>`;
  }

  private addIndicator(): void {
    const index = this.state.indicators.length;
    this.change((state) => ({ indicators: [...state.indicators, { value: '', label: '' }] }));
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#${fieldId(`indicators.${index}.label`)}`)?.focus());
  }

  private languageTemplate(): TemplateResult {
    return field(
      'lang',
      'Language',
      (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} @change=${(event: Event) => this.change(() => ({ lang: (event.target as HTMLSelectElement).value }))}>
        <option value="" ?selected=${this.state.lang === ''}>The page's language (default)</option>
        ${languages.map((code) => html`<option value=${code} ?selected=${this.state.lang === code}>${languageName(code)}</option>`)}
        ${this.state.lang && !languages.includes(this.state.lang) ? html`<option value=${this.state.lang} selected>${this.state.lang}</option>` : nothing}
      </select>`,
      html`<code>lang</code> · The widget speaks ${languages.map(languageName).join(', ')}: by default the language of your page (its <code>lang</code>), English when it is another.`,
    );
  }

  /** Every text the widget shows, shown in the widget's language (or the preview's, when it follows the page). */
  private stringsTemplate(): TemplateResult {
    const language = this.state.lang && languages.includes(this.state.lang) ? this.state.lang : this.previewLanguage;
    const builtIn = builtInLocales[language] as unknown as Record<string, string>;
    const count = Object.values(this.state.strings).filter(Boolean).length;
    return html`<details class="strings" ?open=${count > 0}>
      <summary>Texts (${count} of ${stringKeys.length} replaced)</summary>
      <p class="hint">
        ${this.hint('strings')} Your texts replace the built-in ones in every language: write them in your page's language. Shown below: the built-in text in
        ${languageName(language)}. <code>{offerTitle}</code>, <code>{email}</code> and the like are filled in.
      </p>
      ${stringKeys.map((key) =>
        field(
          `strings.${key}`,
          key,
          (id, parts) => html`<input
            type="text"
            id=${id}
            autocomplete="off"
            .value=${this.state.strings[key] ?? ''}
            placeholder=${builtIn[key]}
            aria-describedby=${parts.describedBy}
            aria-invalid=${parts.invalid ? 'true' : 'false'}
            @input=${(event: Event) => this.change((state) => ({ strings: { ...state.strings, [key]: (event.target as HTMLInputElement).value } }))}
          />`,
          html`Built in: “${builtIn[key]}”`,
          this.problemsAt(`strings.${key}`),
        ),
      )}
    </details>`;
  }

  private dataLayerTemplate(): TemplateResult {
    const value = this.state.values.dataLayer;
    const on = typeof value === 'string';
    return html`<div class="field checkbox">
        <input type="checkbox" id="field-dataLayer-on" .checked=${on} aria-describedby="field-dataLayer-on-hint" @change=${(event: Event) => this.setValue('dataLayer', (event.target as HTMLInputElement).checked ? '' : undefined)} />
        <label for="field-dataLayer-on">Push outcomes to the data layer</label>
        <p class="hint" id="field-dataLayer-on-hint">${this.hint('dataLayer')}</p>
      </div>
      ${on
        ? field(
            'dataLayer',
            'Data layer variable',
            (id, parts) => html`<input type="text" id=${id} autocomplete="off" spellcheck="false" placeholder="dataLayer" .value=${value} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @input=${(event: Event) => this.setValue('dataLayer', (event.target as HTMLInputElement).value)} />`,
            'Empty: dataLayer, the one Google Tag Manager reads.',
            this.problemsAt('dataLayer'),
          )
        : nothing}`;
  }

  private customPropertiesTemplate(): TemplateResult {
    return html`<fieldset class="list">
      <legend>Colours, corners and font</legend>
      <p class="hint">Custom properties the widget reads (<code>--lead-capture-…</code>); empty: the widget's own, for light and dark. A colour set here is used in both.</p>
      <div class="properties">
        ${customProperties.map((property) => {
          const value = this.state.cssProperties[property.name] ?? '';
          const set = (next: string) => this.change((state) => ({ cssProperties: { ...state.cssProperties, [property.name]: next } }));
          const unsafe = /[;{}<>]/.test(value) ? ['A value cannot hold ; { } < or >: it would end the style rule.'] : [];
          const label = `${propertyLabel(property.name)}${property.colour ? ' colour' : ''}`;
          return field(
            `css-${property.name}`,
            label,
            (id, parts) => html`<div class="with-picker">
              <input type="text" id=${id} autocomplete="off" spellcheck="false" placeholder=${property.default} .value=${value} aria-describedby=${parts.describedBy} aria-invalid=${parts.invalid ? 'true' : 'false'} @input=${(event: Event) => set((event.target as HTMLInputElement).value)} />
              ${property.colour
                ? html`<input
                    type="color"
                    aria-label=${`Pick the ${label.toLowerCase()}`}
                    title=${`Pick the ${label.toLowerCase()}`}
                    .value=${/^#[0-9a-f]{6}$/i.test(value) ? value : property.default}
                    @input=${(event: Event) => set((event.target as HTMLInputElement).value)}
                  />`
                : nothing}
            </div>`,
            html`<code>${property.name}</code> · ${withCode(property.description)}`,
            unsafe,
          );
        })}
      </div>
    </fieldset>`;
  }

  private previewTemplate(): TemplateResult {
    const forcedLanguage = this.state.lang;
    return html`<section class="panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      <p class="hint">The real widget with your settings. Nothing is sent: the preview answers its requests itself.</p>
      <div class="preview-controls">
        ${field(
          'preview-state',
          'State',
          (id) => html`<select id=${id} @change=${(event: Event) => (this.previewState = (event.target as HTMLSelectElement).value as PreviewState)}>
            ${previewStates.map((state) => html`<option value=${state} ?selected=${state === this.previewState}>${previewStateLabels[state]}</option>`)}
          </select>`,
        )}
        ${field(
          'preview-language',
          'Page language',
          (id, parts) => html`<select id=${id} aria-describedby=${parts.describedBy} @change=${(event: Event) => (this.previewLanguage = (event.target as HTMLSelectElement).value)}>
            ${languages.map((code) => html`<option value=${code} ?selected=${code === this.previewLanguage}>${languageName(code)}</option>`)}
          </select>`,
          forcedLanguage ? `The widget's language is set (${forcedLanguage}): the page's does not change it.` : undefined,
        )}
        <fieldset class="inline">
          <legend>Width</legend>
          ${(['phone', 'desktop'] as const).map(
            (width) => html`<label class="radio"
              ><input type="radio" name="preview-width" value=${width} .checked=${this.previewWidth === width} @change=${() => (this.previewWidth = width)} />
              ${width === 'phone' ? 'Phone' : 'Desktop'}, ${measuredWidths[width]} px</label
            >`,
          )}
        </fieldset>
        <fieldset class="inline">
          <legend>Visitor's colour scheme</legend>
          ${(['light', 'dark'] as const).map(
            (scheme) => html`<label class="radio"
              ><input type="radio" name="preview-scheme" value=${scheme} .checked=${this.previewScheme === scheme} @change=${() => (this.previewScheme = scheme)} />
              ${scheme === 'light' ? 'Light' : 'Dark'}</label
            >`,
          )}
        </fieldset>
      </div>
      <div class="preview-viewport" tabindex="0" role="group" aria-label="The form at the chosen width (scrolls sideways when the screen is narrower)">
        <iframe id="preview-frame" title="Preview of the form" src=${new URL('preview.html', document.baseURI).href} style=${`width: ${measuredWidths[this.previewWidth]}px`}></iframe>
      </div>
      <p class="note" role="status">${this.previewNote}</p>
    </section>`;
  }

  private testSendTemplate(): TemplateResult {
    const report = this.testReport;
    return html`<section class="panel" aria-labelledby="test-heading">
      <h2 id="test-heading">Test send</h2>
      <p class="hint">
        Sends one test lead (marked <code>"test": true</code>, named “Test lead”) to your endpoint, exactly as the widget would, and says what happened.
      </p>
      <button type="button" class="primary" ?disabled=${this.testing} @click=${() => void this.testSend()}>${this.testing ? 'Sending a test lead…' : 'Send a test lead'}</button>
      <div class="test-report ${report ? `verdict-${report.verdict} ${report.ok === true ? 'good' : report.ok === false ? 'bad' : 'unsure'}` : ''}" role="status" aria-live="polite">
        ${report
          ? html`<p class="headline">${report.headline}</p>
              ${report.fixes.length ? html`<h3>What to do</h3><ul>${report.fixes.map((fix) => html`<li>${fix}</li>`)}</ul>` : nothing}
              ${report.uncertain ? html`<p><strong>Not known from here:</strong> ${report.uncertain}</p>` : nothing}
              ${report.details.length ? html`<details><summary>What happened</summary>${report.details.map((line) => html`<p>${line}</p>`)}</details>` : nothing}`
          : nothing}
      </div>
    </section>`;
  }

  private reservationTemplate(): TemplateResult {
    const reservation = this.reservation;
    const languagesMeasured = this.state.lang ? languageName(this.state.lang) : `each of ${languages.length} languages`;
    return html`<section class="panel" aria-labelledby="space-heading">
      <h2 id="space-heading">Space to reserve</h2>
      <p class="hint">
        The widget at its tallest (every state, ${languagesMeasured}) on a phone (${measuredWidths.phone} px) and a desktop (${measuredWidths.desktop} px).
        The code reserves it, so nothing on your page moves when the form appears or changes.
      </p>
      <p class="reservation" role="status">
        ${this.measuring || !reservation
          ? 'Measuring…'
          : html`Measured: <strong>${reservation.phone}rem</strong> on phones, <strong>${reservation.desktop}rem</strong> from ${wideFrom} px wide.`}
      </p>
      <p class="hint">Measured with the browser's default font: if your page's font is larger, the form is taller. Check the page once it is live.</p>
    </section>`;
  }

  private codeTemplate(problems: Problems): TemplateResult {
    const count = problems.all.length;
    return html`<section class="panel" aria-labelledby="code-heading">
      <h2 id="code-heading">Embed code</h2>
      ${count
        ? html`<p class="problem-summary">
            ${count} setting${count === 1 ? ' has a problem' : 's have problems'} the widget would report in the console (shown at ${count === 1 ? 'its field' : 'their fields'}):
            fix ${count === 1 ? 'it' : 'them'} before you copy.
          </p>`
        : nothing}
      ${field(
        'scriptSrc',
        'Script address',
        (id, parts) => html`<input
          type="text"
          id=${id}
          inputmode="url"
          autocomplete="off"
          spellcheck="false"
          placeholder=${defaultScriptSrc}
          .value=${this.state.scriptSrc}
          aria-describedby=${parts.describedBy}
          @input=${(event: Event) => this.change(() => ({ scriptSrc: (event.target as HTMLInputElement).value }))}
        />`,
        html`Empty: the npm package on the unpkg CDN. To host the file yourself, copy <code>dist/lead-capture.iife.js</code> to your site and enter its address.`,
      )}
      <builder-code .targets=${codeTargets(this.document, this.reservation)}></builder-code>
    </section>`;
  }

  private shareTemplate(): TemplateResult {
    return html`<section class="panel" aria-labelledby="share-heading">
      <h2 id="share-heading">Share and import</h2>
      ${field(
        'share-link',
        'Share link',
        (id, parts) => html`<div class="with-button">
          <input type="text" id=${id} readonly .value=${this.shareLink()} aria-describedby=${parts.describedBy} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
          <button type="button" class="secondary" @click=${() => void this.copyShareLink()}>Copy link</button>
        </div>`,
        'This page\'s address holds your settings: open the link to come back to them, or send it to a colleague.',
      )}
      <p class="visually-hidden" role="status">${this.shareAnnouncement}</p>
      ${field(
        'import',
        'Code to import',
        (id, parts) => html`<textarea id=${id} rows="5" spellcheck="false" .value=${this.importText} aria-describedby=${parts.describedBy} @input=${(event: Event) => (this.importText = (event.target as HTMLTextAreaElement).value)}></textarea>`,
        'Paste the HTML of a form you already have (the <lead-capture> element, its style and script): the builder takes its settings. The code is only read, never run.',
      )}
      <button type="button" class="secondary" @click=${() => this.import()}>Import</button>
      <p class="note" role="status">${this.importMessage}</p>
    </section>`;
  }
}

customElements.define('lead-capture-builder', LeadCaptureBuilder);

declare global {
  interface HTMLElementTagNameMap {
    'lead-capture-builder': LeadCaptureBuilder;
  }
}
