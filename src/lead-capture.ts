import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { WarmUpController } from './capture/warm-up.js';
import { CaptureController } from './controllers/capture.js';
import { ConfigurationController } from './controllers/configuration.js';
import { FormStateController } from './controllers/form-state.js';
import { report } from './diagnostics.js';
import type { LeadCaptureState } from './events.js';
import { spamReason } from './form/bot-check.js';
import { visibleFields, type FieldName } from './form/validation.js';
import { labelKey } from './i18n/strings.js';
import { leadCaptureStyles } from './lead-capture.styles.js';
import * as messages from './messages.js';
import { optionNames, optionProperties, type OptionValues } from './options.js';
import { untilPainted, untilParsed } from './parser-wait.js';
import { widgetTemplate, type WidgetView } from './view.js';
import type { LeadInputs } from './capture/lead-for.js';

export type * from './events.js';

/**
 * A consent-first lead form. The prospect chooses whether and how to be followed up, ticks
 * the problems they have, and gets what they came for at once; the widget classifies the
 * lead's temperature from those answers, validates it and POSTs it as JSON to `endpoint`.
 *
 * @tagname lead-capture
 * @cssstate idle - Nothing sent yet (`lead-capture:state(idle)`); each state is also the `state` attribute.
 * @cssstate submitting - The lead is being sent.
 * @cssstate sent - The endpoint has the lead (or a bot was shown the thank-you).
 * @cssstate queued - The lead is kept in this browser and sent later.
 * @cssstate error - The lead was not delivered; the form and the download stay.
 * @summary Captures a lead with the follow-up the prospect asked for, and POSTs it to any endpoint.
 *
 * @slot - `<lead-indicator value="…">Label</lead-indicator>` children declare problem indicators.
 * @slot config - A `<script type="application/json" slot="config">` child: options by property name, `strings` and `indicators`, with no JavaScript on the page. Attributes and properties win over it.
 *
 * @fires {CustomEvent<LeadSubmitDetail>} lead-submit - Before sending; cancelable. `detail.lead` is the validated lead, frozen: what is sent and stored is exactly what was validated. Call `preventDefault()` to stop the request.
 * @fires {CustomEvent<LeadSentDetail>} lead-sent - The endpoint accepted the lead. `detail.lead`, `detail.status`, `detail.confirmed`. (A lead queued on an earlier visit and delivered now is reported on `window`, not on a widget.)
 * @fires {CustomEvent<LeadQueuedDetail>} lead-queued - The endpoint could not be reached; the lead is kept in this browser and sent on the next visit, when back online, or when the page is hidden or closed. `detail.lead`.
 * @fires {CustomEvent<LeadSpamDetail>} lead-spam - A submission looked automated (honeypot filled, or text typed faster than a person types): nothing is sent and the bot sees the normal thank-you. `detail.reason`.
 * @fires {CustomEvent<LeadErrorDetail>} lead-error - A lead was not delivered, never for one that was. `detail.lead` (when there is one) and `detail.error`: `code` is `rejected` (a 4xx or the destination's own refusal: the form keeps what was typed and shows the problem), `network`, `timeout` or `server` (it could not be delivered and this browser could not keep it: storage off or full), `expired` (queued leads older than 7 days whose last attempt failed; `count`), `unreadable` (queued copies that no longer parse, removed; `count`), `invalid-lead` or `not-configured`; with `message` (plain text) and `status` when the endpoint answered.
 *
 * @csspart surface - The widget's box (border, background, padding), around everything else.
 * @csspart form - The form element.
 * @csspart preference-group - The fieldset of contact preferences.
 * @csspart option - Each contact preference choice (label wrapping its radio); each also has its own part, `none-option`, `email-option`, `call-option`.
 * @csspart indicators - The fieldset of problem indicators.
 * @csspart indicator - Each problem indicator choice (label wrapping its checkbox).
 * @csspart field - Each text field's wrapper; each also has its own part: `name-field`, `email-field`, `phone-field`, `call-window-field`.
 * @csspart label - Each text field's label; and `name-label`, `email-label`, `phone-label`, `call-window-label`.
 * @csspart input - Each text input and select; and `name-input`, `email-input`, `phone-input`, `call-window-input`, to style one alone.
 * @csspart error - Each field's error message; and `preference-error`, `name-error`, `email-error`, `phone-error`.
 * @csspart submit - The submit button.
 * @csspart privacy - The privacy notice under the form.
 * @csspart status - The live region announcing progress and outcome.
 * @csspart thank-you - The panel shown once the lead is sent.
 * @csspart asset-link - The link to the gated content (shown after submit, whatever the outcome).
 * @csspart notice - The message shown instead of the form when the widget is misconfigured.
 *
 * @cssprop [--lead-capture-accent=#1d4ed8] - Buttons, links, focus ring and checked controls. Dark theme default: `#93c5fd`.
 * @cssprop [--lead-capture-accent-text=#ffffff] - Text on the accent colour. Dark theme default: `#0b1220`.
 * @cssprop [--lead-capture-text=#1f2937] - Body text. Dark theme default: `#f3f4f6`.
 * @cssprop [--lead-capture-muted=#4b5563] - Secondary text (hints, privacy notice). Dark theme default: `#d1d5db`.
 * @cssprop [--lead-capture-background=#ffffff] - Background of the widget and its inputs. Dark theme default: `#111827`.
 * @cssprop [--lead-capture-border=#6b7280] - Borders of the widget and its inputs. Dark theme default: `#9ca3af`.
 * @cssprop [--lead-capture-error=#b91c1c] - Error text and invalid borders. Dark theme default: `#fca5a5`.
 * @cssprop [--lead-capture-radius=0.5rem] - Corner radius.
 * @cssprop [--lead-capture-spacing=1rem] - Space between groups.
 * @cssprop [--lead-capture-font=inherit] - Font shorthand; inherits the page's font by default.
 */
export class LeadCapture extends LitElement {
  static override styles = leadCaptureStyles;

  /**
   * Every option of the table in `options.ts` (each property reads back the value in use), and
   * `lang`, reflected so `:lang()` and the widget's language agree.
   */
  static override properties = { ...optionProperties, lang: { reflect: true } };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'state'];
  }

  /** The widget's language (`en`, `de`, `fr`, `es`); by default the nearest ancestor's `lang`, followed when it changes. */
  override lang!: string;

  private readonly settings = new ConfigurationController(this);
  private readonly form = new FormStateController(this);
  private readonly warmUp = new WarmUpController(this);
  private readonly capture = new CaptureController(this, { onFieldProblems: (fields) => this.showFieldProblems(fields) });
  private readonly internals = this.attachInternals();
  /** The state last rendered: the thank-you takes focus when it first appears. */
  private shownState?: LeadCaptureState;

  /**
   * Where the widget is: `idle`, `submitting`, `sent`, `queued` (kept in this browser, sent
   * later) or `error`. Reflected to the `state` attribute and to CSS custom states
   * (`lead-capture:state(sent)`) for styling. Read-only: writing it changes nothing (one
   * console error), so a thank-you is only ever shown for a lead that was handled.
   * @readonly
   */
  get state(): LeadCaptureState {
    return this.capture.state;
  }

  // Writing `state` changes nothing but says so once in the console. It does not throw, so a
  // framework that spreads props onto the element keeps rendering; `never` makes TypeScript
  // refuse the assignment.
  set state(_ignored: never) {
    report(this, 'state', messages.stateReadOnly);
  }

  /** The `state` attribute is the widget's to write: a page's value is put back at once (`[state="sent"]` never lies). */
  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name !== 'state') return super.attributeChangedCallback(name, old, value);
    if (value === this.state) return;
    this.state = value as never;
    this.showState();
  }

  /**
   * While the parser is inside the element, a render waits for it to pass the end tag (see
   * `untilParsed`): one render with all the `<lead-indicator>` children, not one per child.
   * The first render of a parsed page waits for its first paint (see `untilPainted`).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waiting = untilParsed(this) ?? untilPainted();
    return waiting ? waiting.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** The configuration is resolved again when an option or the language changed; the form may start on "none". */
  protected override willUpdate(changed: PropertyValues<this>): void {
    this.settings.update(changed);
    this.form.startOn(this.settings.configuration.values.preference);
  }

  protected override render(): TemplateResult {
    return widgetTemplate(this.view());
  }

  protected override updated(): void {
    this.showState();
    const { state } = this;
    const finished = (shown?: LeadCaptureState) => shown === 'sent' || shown === 'queued';
    if (finished(state) && !finished(this.shownState)) this.renderRoot.querySelector<HTMLElement>('.thank-you h2')?.focus();
    this.shownState = state;
    const { preference } = this.form.answers;
    this.warmUp.prepare(preference, preference && this.settings.text[labelKey('preference', preference)]);
  }

  /** The real state, on the attribute and as the CSS custom state. */
  private showState(): void {
    const { state } = this;
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
    try {
      if (this.internals.states.has(state)) return;
      this.internals.states.clear();
      this.internals.states.add(state);
    } catch {
      // Browsers before custom state identifiers (Chrome < 125): the attribute still says it.
    }
  }

  /** The prospect submitted: a bot is thanked, mistakes are shown, else the lead goes. One capture at a time. */
  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.capture.busy) return;
    const inputs = this.leadInputs();
    const { values } = inputs.configuration;
    // Judged first: a bot that filled every field with junk learns nothing from error messages.
    const spam = spamReason({ ...this.form.signals(event.target as HTMLFormElement), minimumFillTime: values.minFillMs });
    if (spam) return this.capture.thankBot(spam, inputs);
    const invalid = this.form.submit(values.offer, inputs.text);
    if (invalid) {
      this.capture.showInvalid(inputs.text);
      await this.updateComplete;
      return this.focusField(invalid);
    }
    const { answers } = this.form;
    await this.capture.send({ ...answers, preference: answers.preference! }, inputs, this.warmUp.takeLead());
  }

  private leadInputs(): LeadInputs {
    const { configuration, locale, text } = this.settings;
    return { configuration, locale, text, indicators: configuration.values.indicators ?? [] };
  }

  private async showFieldProblems(fields: Parameters<FormStateController['showServerErrors']>[0]): Promise<void> {
    this.form.showServerErrors(fields);
    const field = this.form.firstServerError();
    if (!field) return;
    await this.updateComplete;
    this.focusField(field);
  }

  /** Moves focus to a field, the radio group for `preference`. */
  private focusField(field: FieldName): void {
    this.renderRoot.querySelector<HTMLElement>(field === 'preference' ? 'input[name="preference"]' : `#${field}`)?.focus();
  }

  private view(): WidgetView {
    const { configuration, text } = this.settings;
    const { values } = configuration;
    const { answers } = this.form;
    const errors = this.form.errors(values.offer, text);
    const visible = Object.fromEntries(Object.keys(errors).map((field) => [field, this.form.visibleError(errors, field as FieldName)]));
    return {
      text,
      state: this.state,
      configured: Boolean(configuration.target),
      statusMessage: this.capture.statusMessage,
      offer: values.offer,
      offerTitle: values.offerTitle,
      assetHref: values.assetHref,
      privacyHref: values.privacyHref,
      answers,
      errors: visible,
      fields: visibleFields(values.offer, answers.preference),
      indicators: values.indicators ?? [],
      sentLead: this.capture.sentLead,
      queuedOffline: this.capture.queuedOffline,
      on: {
        submit: (event) => void this.submit(event),
        preference: this.form.choosePreference,
        input: this.form.typeText,
        blur: this.form.leaveField,
        callWindow: this.form.chooseCallWindow,
        indicator: this.form.toggleIndicator,
      },
    };
  }
}

/** Each option's property: it stores what it is given, and reads back the value in use (a number as a number, a default for a mistake). */
for (const name of optionNames) {
  Object.defineProperty(LeadCapture.prototype, name, {
    get(this: HTMLElement) {
      return (this as unknown as { settings: ConfigurationController }).settings.configuration.values[name];
    },
    set(this: HTMLElement, value: unknown) {
      (this as unknown as { settings: ConfigurationController }).settings.write(name, value);
    },
    configurable: true,
    enumerable: true,
  });
}

// The options' types, from the table (no field is declared twice).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LeadCapture extends OptionValues {}

declare global {
  interface HTMLElementTagNameMap {
    'lead-capture': LeadCapture;
  }
}
