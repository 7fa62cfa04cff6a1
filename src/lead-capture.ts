import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { CaptureController } from './controllers/capture.js';
import { ConfigurationController } from './controllers/configuration.js';
import { FormStateController } from './controllers/form-state.js';
import type { LeadCaptureState } from './events.js';
import { visibleFields, type FieldName } from './form/validation.js';
import type { LeadCaptureStrings } from './i18n/strings.js';
import type { Indicator } from './lead/schema.js';
import type { Classifier } from './lead/temperature.js';
import type { OfferKind } from './lead/vocabulary.js';
import { leadCaptureStyles } from './lead-capture.styles.js';
import { optionProperties, type WholeNumberInput } from './options.js';
import * as messages from './messages.js';
import { untilParsed } from './parsed.js';
import { honeypotName, widgetTemplate, type WidgetView } from './view.js';

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
 * @fires {CustomEvent<LeadErrorDetail>} lead-error - A lead was not delivered (refused, lost with no way to keep it, expired, unreadable, invalid or not configured). `detail.lead` (when there is one) and `detail.error` (`code`, `message`, `status`, `count`).
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
 * @cssprop [--lead-capture-accent=#1d4ed8] - Buttons, links, focus ring and checked controls.
 * @cssprop [--lead-capture-accent-text=#ffffff] - Text on the accent colour.
 * @cssprop [--lead-capture-text=#1f2937] - Body text.
 * @cssprop [--lead-capture-muted=#4b5563] - Secondary text (hints, privacy notice).
 * @cssprop [--lead-capture-background=#ffffff] - Background of the widget and its inputs.
 * @cssprop [--lead-capture-border=#6b7280] - Borders of the widget and its inputs.
 * @cssprop [--lead-capture-error=#b91c1c] - Error text and invalid borders.
 * @cssprop [--lead-capture-radius=0.5rem] - Corner radius.
 * @cssprop [--lead-capture-spacing=1rem] - Space between groups.
 * @cssprop [--lead-capture-font=inherit] - Font shorthand; inherits the page's font by default.
 */
export class LeadCapture extends LitElement {
  static override styles = leadCaptureStyles;

  /** Every option of the table in `options.ts`, and `lang`, reflected so `:lang()` and the widget's language agree. */
  static override properties = { ...optionProperties, lang: { reflect: true } };

  /** Where the lead is POSTed: a path (`/api/leads`) or an http(s) URL. Required. */
  endpoint?: string;

  /**
   * How the lead is handed over: `json`, `form`, `apps-script`, `hubspot`, `formspree`,
   * `mautic`, `netlify` or `salesforce`. Chosen from the endpoint's address when absent.
   */
  destination?: string;

  /** Our flat field names mapped to the destination's (`{ "name": "lastname" }`); as an attribute, JSON. */
  fieldNames?: Record<string, string>;

  /** Constant fields added to every request (`form-name`, `oid`, `_subject`, HubSpot hidden properties); as an attribute, JSON. */
  hiddenFields?: Record<string, string>;

  /** HubSpot: the subscription type a prospect who chose email is subscribed to. */
  subscriptionTypeId?: WholeNumberInput;

  /** What the prospect gets: `download` (the default), `newsletter`, `follow`, `event` or `trial`. */
  offer?: OfferKind;

  /** Your identifier for the offer, sent as `offer.id`. */
  offerId?: string;

  /** The offer's title, shown on the download link and sent as `offer.title`. */
  offerTitle?: string;

  /** The gated content, linked right after submit whatever the prospect chose. */
  assetHref?: string;

  /** Your privacy policy, linked under the form and sent as `consent.policyHref`. */
  privacyHref?: string;

  /** The version of your consent wording, sent as `consent.version`. */
  consentVersion?: string;

  /** Your organisation's name, sent as `consent.controller` (who collects the data). */
  controller?: string;

  /** The jurisdiction whose law governs the consent (for example `EU` or `US-CA`), sent as `consent.jurisdiction`. */
  jurisdiction?: string;

  /** The most calls a seller may make for a `call` lead, sent as `contactPolicy.maxCallAttempts` (0 to 10, default 2). */
  maxCallAttempts?: WholeNumberInput;

  /**
   * Start the form on a choice. Only `none` is accepted: contact is never preselected
   * (`email` or `call` are refused with a console error).
   */
  preference?: 'none';

  /**
   * Report earlier conversions in this browser as `repeat` (offer ids only). On by default;
   * `track-repeats="false"` turns it off, and it is always off under Global Privacy Control.
   */
  trackRepeats?: boolean;

  /**
   * The time trap: the least milliseconds a person takes to type 100 characters key by key
   * (0 to 60000, default 2000, that is 20 ms a key). Text typed faster is treated as a bot:
   * not sent, `lead-spam` fires. Choices, clicks, paste and autofill are never timed; 0 turns it off.
   */
  minFillMs?: WholeNumberInput;

  /** How many times a failed attempt is retried before the lead is queued (0 to 10, default 3). */
  retries?: WholeNumberInput;

  /** Milliseconds one attempt may take before it counts as failed (100 to 120000, default 10000). */
  timeout?: WholeNumberInput;

  /**
   * Problem indicators as `{ value, label }` objects; as an attribute, JSON
   * (`indicators='[{"value": "slow-close", "label": "Month-end close takes over a week"}]'`).
   * When set, they replace the `<lead-indicator>` children.
   */
  indicators?: Indicator[];

  /**
   * Overrides any of the widget's texts (keys in the README); as an attribute, JSON:
   * `strings='{"submitDownload": "Send me the report"}'`. Attribute and property are one value:
   * the last written wins.
   */
  strings?: Partial<LeadCaptureStrings>;

  /**
   * Pushes each outcome to the page's data layer for a tag manager: the name of the array on
   * `window` (`data-layer="dataLayer"`; empty means `dataLayer`). Off by default. No personal data.
   */
  dataLayer?: string;

  /** Replaces the default temperature rules. Next steps are still limited to the channels the prospect allowed. */
  classify?: Classifier;

  /** `light` or `dark` forces a theme; by default the widget follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';

  /** The widget's language (`en`, `de`, `fr`, `es`); by default the nearest ancestor's `lang`, followed when it changes. */
  override lang!: string;

  private readonly config = new ConfigurationController(this);
  private readonly form = new FormStateController(this, this.config);
  private readonly capture = new CaptureController(this, this.config, this.form);
  private readonly internals = this.attachInternals();

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
    this.config.report([{ attribute: 'state', message: messages.stateReadOnly }]);
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'state'];
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
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const parsing = untilParsed(this);
    return parsing ? parsing.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override render(): TemplateResult {
    return widgetTemplate(this.view());
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.showState();
    if (this.capture.thankYouPending) {
      this.capture.thankYouPending = false;
      this.renderRoot.querySelector<HTMLElement>('.thank-you h2')?.focus();
    }
  }

  /** The real state, on the attribute and as the CSS custom state. */
  private showState(): void {
    const { state } = this.capture;
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
    showCustomState(this.internals, state);
  }

  /**
   * Moves focus to a field, the radio group for `preference`.
   * @internal
   */
  focusField(field: FieldName): void {
    this.renderRoot.querySelector<HTMLElement>(field === 'preference' ? 'input[name="preference"]' : `#${field}`)?.focus();
  }

  private view(): WidgetView {
    const { configuration, text, indicators } = this.config;
    const { settings } = configuration;
    const { answers } = this.form;
    const errors = this.form.errors(settings.offer, text);
    const visible = Object.fromEntries(Object.keys(errors).map((field) => [field, this.form.visibleError(errors, field as FieldName)]));
    return {
      text,
      state: this.state,
      configured: Boolean(configuration.target),
      statusMessage: this.capture.statusMessage,
      offer: settings.offer,
      offerTitle: settings.offerTitle,
      assetHref: settings.assetHref,
      privacyHref: settings.privacyHref,
      answers,
      errors: visible,
      fields: visibleFields(settings.offer, answers.preference),
      indicators,
      sentLead: this.capture.sentLead,
      queuedOffline: this.capture.queuedOffline,
      on: {
        submit: (event) => {
          event.preventDefault();
          const honeypot = this.renderRoot.querySelector<HTMLInputElement>(`[name="${honeypotName}"]`)?.value ?? '';
          void this.capture.submit(honeypot);
        },
        preference: this.form.choosePreference,
        input: this.form.typeText,
        blur: this.form.leaveField,
        callWindow: this.form.chooseCallWindow,
        indicator: this.form.toggleIndicator,
      },
    };
  }
}

/** CSS custom states; browsers before custom state identifiers (Chrome < 125) keep the attribute only. */
function showCustomState(internals: ElementInternals, state: LeadCaptureState): void {
  try {
    if (internals.states.has(state)) return;
    internals.states.clear();
    internals.states.add(state);
  } catch {
    // The attribute still says it.
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lead-capture': LeadCapture;
  }
}
