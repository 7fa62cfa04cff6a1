import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  checkIndicators,
  parseChildConfiguration,
  parseStringOverrides,
  resolveConfiguration,
  stringOverridesFrom,
  type Configuration,
  type ConfigurationProblem,
  type RawConfiguration,
  type WholeNumberInput,
} from './config.js';
import { browserTimeZone } from './consent/contact-policy.js';
import { ConversionHistory, globalPrivacyControl } from './consent/repeat.js';
import { sha256Hex } from './consent/sha256.js';
import { sharedCourier, type Settlement } from './delivery/courier.js';
import type { DeliveryTarget, FieldProblems } from './delivery/destinations/index.js';
import { defaultRetryPolicy } from './delivery/retry-policy.js';
import { spamReason, type SpamReason } from './form/bot-check.js';
import {
  firstInvalidField,
  validateAnswers,
  visibleFields,
  type DraftAnswers,
  type FieldErrors,
  type FieldName,
} from './form/validation.js';
import { builtInLocales, localeFor } from './i18n/locales.js';
import { formatString, labelKey, type LeadCaptureStrings } from './i18n/strings.js';
import { buildLead, type FormAnswers } from './lead/build.js';
import { createLeadId, deepFreeze, sameLeadContent } from './lead/identity.js';
import { pageContextFrom } from './lead/page-context.js';
import { fieldLimits, parseLead, type Indicator, type Lead } from './lead/schema.js';
import { classifyLead, type Classifier } from './lead/temperature.js';
import {
  callWindows,
  contactPreferences,
  isCallWindow,
  isContactPreference,
  type OfferKind,
} from './lead/vocabulary.js';
import { leadCaptureStyles } from './lead-capture.styles.js';
import { indicatorFromElement } from './lead-indicator.js';

/** Where the widget is in its life: reflected to the host's `state` attribute for styling. */
export type LeadCaptureState = 'idle' | 'submitting' | 'sent' | 'queued' | 'error';

/** Why a lead did not reach the endpoint (`lead-error`'s `detail.error`). */
export interface LeadCaptureError {
  /**
   * `rejected`: the endpoint refused the lead (4xx, or the destination's own refusal);
   * `network`, `timeout`, `server`, `blocked` (the browser refused the request: CORS or a
   * redirect): it could not be delivered and this browser could not keep it for later
   * (storage disabled or full); `expired`: queued leads outlived their time to live and a last attempt failed;
   * `unreadable`: queued copies no longer parsed (changed by another script) and were
   * removed; `invalid-lead`: the lead failed validation; `not-configured`: no usable endpoint.
   */
  code: 'rejected' | 'network' | 'timeout' | 'server' | 'blocked' | 'expired' | 'unreadable' | 'invalid-lead' | 'not-configured';
  /** A plain-text explanation, safe to show or log. */
  message: string;
  /** The HTTP status, when the endpoint answered. */
  status?: number;
  /** For `expired` and `unreadable`: how many queued leads were dropped. */
  count?: number;
}

export interface LeadSubmitDetail {
  lead: Lead;
}

export interface LeadSentDetail {
  lead: Lead;
  /** The endpoint's HTTP status; 0 when its answer could not be read. */
  status: number;
  /**
   * `false` when the request went out and the server answered, but the browser could not
   * read the answer (a service without CORS headers, or Salesforce's `no-cors`): sent, unconfirmed.
   */
  confirmed: boolean;
}

export interface LeadQueuedDetail {
  /** The lead kept in this browser, to be sent when the endpoint can be reached. */
  lead: Lead;
}

export interface LeadSpamDetail {
  /** `honeypot`: the hidden field was filled; `too-fast`: text was typed key by key faster than a person types (`min-fill-ms`). */
  reason: SpamReason;
}

export interface LeadErrorDetail {
  /** The lead that was not delivered, when one could be built. */
  lead?: Lead;
  error: LeadCaptureError;
}

const eventOptions = { bubbles: true, composed: true } as const;

/** Internal state the prospect's typing and the submission change; none of it is configuration. */
const formStateProperties = new Set(['answers', 'touched', 'submitted', 'statusMessage', 'state', 'sentLead', 'queuedOffline', 'serverErrors']);

/** The honeypot's name: one that no autofill or password manager fills (`website` was). */
const honeypotName = 'lc-leave-empty';

/**
 * A consent-first lead form. The prospect chooses whether and how to be followed up, ticks
 * the problems they have, and gets what they came for at once; the widget classifies the
 * lead's temperature from those answers, validates it and POSTs it as JSON to `endpoint`.
 *
 * @tagname lead-capture
 * @summary Captures a lead with the follow-up the prospect asked for, and POSTs it to any endpoint.
 *
 * @slot - `<lead-indicator value="…">Label</lead-indicator>` children declare problem indicators.
 * @slot config - A `<script type="application/json" slot="config">` child: options by property name, `strings` and `indicators`, with no JavaScript on the page. Attributes win over it.
 *
 * @fires {CustomEvent<LeadSubmitDetail>} lead-submit - Before sending; cancelable. `detail.lead` is the validated lead, frozen: what is sent and stored is exactly what was validated. Call `preventDefault()` to stop the request.
 * @fires {CustomEvent<LeadSentDetail>} lead-sent - The endpoint accepted the lead. `detail.lead`, `detail.status`.
 * @fires {CustomEvent<LeadQueuedDetail>} lead-queued - The endpoint could not be reached; the lead is kept in this browser and sent on the next visit, when back online, or when the page is hidden or closed. `detail.lead`.
 * @fires {CustomEvent<LeadSpamDetail>} lead-spam - A submission looked automated (honeypot filled, or text typed faster than a person types): nothing is sent and the bot sees the normal thank-you. `detail.reason`.
 * @fires {CustomEvent<LeadErrorDetail>} lead-error - A lead was not delivered (refused, lost with no way to keep it, expired, unreadable, invalid or not configured). `detail.lead` (when there is one) and `detail.error` (`code`, `message`, `status`, `count`).
 *
 * @csspart surface - The widget's box (border, background, padding), around everything else.
 * @csspart form - The form element.
 * @csspart preference-group - The fieldset of contact preferences.
 * @csspart option - Each contact preference choice (label wrapping its radio).
 * @csspart indicators - The fieldset of problem indicators.
 * @csspart indicator - Each problem indicator choice (label wrapping its checkbox).
 * @csspart field - Each text field's wrapper (name, email, phone, best time to call).
 * @csspart label - Each text field's label.
 * @csspart input - Each text input and select.
 * @csspart error - Each field's error message.
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

  /** Lit's reactive properties (attributes, reflection) and internal state; each is documented at its field. */
  static override properties = {
    endpoint: {},
    destination: {},
    fieldNames: { attribute: false },
    hiddenFields: { attribute: false },
    subscriptionTypeId: { attribute: 'subscription-type-id' },
    offer: {},
    offerId: { attribute: 'offer-id' },
    offerTitle: { attribute: 'offer-title' },
    assetHref: { attribute: 'asset-href' },
    privacyHref: { attribute: 'privacy-href' },
    consentVersion: { attribute: 'consent-version' },
    indicators: { attribute: false },
    classify: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
    controller: {},
    jurisdiction: {},
    maxCallAttempts: { attribute: 'max-call-attempts' },
    preference: {},
    trackRepeats: { attribute: 'track-repeats', converter: { fromAttribute: (value: string | null) => value !== 'false' } },
    minFillMs: { attribute: 'min-fill-ms' },
    retries: {},
    timeout: {},
    state: { reflect: true },
    answers: { state: true, attribute: false },
    touched: { state: true, attribute: false },
    submitted: { state: true, attribute: false },
    statusMessage: { state: true, attribute: false },
    childIndicators: { state: true, attribute: false },
    sentLead: { state: true, attribute: false },
    queuedOffline: { state: true, attribute: false },
    serverErrors: { state: true, attribute: false },
  };

  /** Where the lead is POSTed: a path (`/api/leads`) or an http(s) URL. Required. */
  endpoint = '';

  /**
   * How the lead is handed over: `json`, `form`, `apps-script`, `hubspot`, `formspree`,
   * `mautic`, `netlify` or `salesforce`. Chosen from the endpoint's address when absent.
   */
  destination?: string;

  /** Our flat field names mapped to the destination's (`{ "name": "lastname" }`). */
  fieldNames?: Record<string, string>;

  /** Constant fields added to every request (`form-name`, `oid`, `_subject`, HubSpot hidden properties). */
  hiddenFields?: Record<string, string>;

  /** HubSpot: the subscription type a prospect who chose email is subscribed to. */
  subscriptionTypeId?: WholeNumberInput;

  /** What the prospect gets: `download`, `newsletter`, `follow`, `event` or `trial`. */
  offer: string = 'download';

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

  /**
   * Problem indicators as `{ value, label }` objects. When set, they replace the
   * `<lead-indicator>` children.
   */
  indicators?: Indicator[];

  /** Replaces the default temperature rules. Next steps are still limited to the channels the prospect allowed. */
  classify?: Classifier;

  /**
   * Overrides any of the widget's texts (keys in the README). As an attribute, a JSON object:
   * `strings='{"submitDownload": "Send me the report"}'`. The property wins over the attribute.
   */
  strings: Partial<LeadCaptureStrings> = {};

  /** `light` or `dark` forces a theme; by default the widget follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';

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
  preference?: string;

  /**
   * Report earlier conversions in this browser as `repeat` (offer ids only). On by default;
   * `track-repeats="false"` turns it off, and it is always off under Global Privacy Control.
   */
  trackRepeats = true;

  /**
   * The time trap: the least milliseconds a person takes to type 100 characters key by key
   * (0 to 60000, default 2000, that is 20 ms a key). Text typed faster is treated as a bot:
   * not sent, `lead-spam` fires. Choices, clicks, paste and autofill are never timed; 0 turns it off.
   */
  minFillMs?: WholeNumberInput;

  /** How many times a failed attempt is retried before the lead is queued (0 to 10). */
  retries?: WholeNumberInput;

  /** Milliseconds one attempt may take before it counts as failed (100 to 120000). */
  timeout?: WholeNumberInput;

  /** Where the widget is: `idle`, `submitting`, `sent`, `queued` or `error`. Reflected as an attribute; read-only in spirit. */
  state: LeadCaptureState = 'idle';

  private answers: DraftAnswers = { indicators: [] };
  private touched = new Set<FieldName>();
  private submitted = false;
  private statusMessage = '';
  private childIndicators: Indicator[] = [];
  private sentLead?: Lead;
  /** Queued because the browser is offline (else the endpoint could not be reached). */
  private queuedOffline = false;
  /** Problems the endpoint reported about fields, shown at the field until it is edited. */
  private serverErrors: FieldProblems = {};

  private get form(): HTMLFormElement | null {
    return this.renderRoot.querySelector('form');
  }

  private get thankYouHeading(): HTMLElement | null {
    return this.renderRoot.querySelector('.thank-you h2');
  }

  private configuration: Configuration = resolveConfiguration({}, 'http://localhost/');
  /** The built-in language in use, from the element's or the nearest ancestor's `lang`. */
  private locale = 'en';
  /** The texts in use: the language's, then the config child's, the attribute's and the property's overrides. */
  private text: LeadCaptureStrings = builtInLocales.en;
  private offeredIndicators: Indicator[] = [];
  /**
   * A lead that failed without being kept (no storage) and may be sent again: a resubmission
   * with exactly the same content sends this very lead (same id, same body), anything else
   * is a new lead with a new id.
   */
  private retryableLead?: Lead;
  /** The id of this widget's lead waiting in the outbox, so its later delivery updates the widget. */
  private queuedLeadId?: string;
  private readonly reportedProblems = new Set<string>();
  private readonly edited = new Set<FieldName>();
  private submissionInProgress = false;
  /** Single-character keystroke times per text field, for the time trap. */
  private readonly keystrokes = new Map<string, number[]>();
  private waitingForParser = false;
  private readonly childObserver = new MutationObserver(() => this.readChildIndicators());
  private readonly courier = sharedCourier();
  private readonly conversions = new ConversionHistory();
  private readonly handleSettled = (event: Event) => this.settleFromOutbox((event as CustomEvent<Settlement>).detail);
  private readonly handleExpired = (event: Event) => this.reportDropped('expired', (event as CustomEvent<Lead[]>).detail.length);
  private readonly handleUnreadable = (event: Event) => this.reportDropped('unreadable', (event as CustomEvent<number>).detail);

  override connectedCallback(): void {
    super.connectedCallback();
    this.readChildIndicators();
    this.childObserver.observe(this, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value'] });
    // A script tag in <head> upgrades the element before the parser has reached its
    // children; judge them only once the document is parsed.
    if (document.readyState === 'loading' && !this.waitingForParser) {
      // Once per element, however often it is moved while the page is still loading.
      this.waitingForParser = true;
      document.addEventListener('DOMContentLoaded', () => this.readChildIndicators(), { once: true });
    }
    this.courier.addEventListener('settled', this.handleSettled);
    this.courier.addEventListener('expired', this.handleExpired);
    this.courier.addEventListener('unreadable', this.handleUnreadable);
    this.courier.attach(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver.disconnect();
    this.courier.removeEventListener('settled', this.handleSettled);
    this.courier.removeEventListener('expired', this.handleExpired);
    this.courier.removeEventListener('unreadable', this.handleUnreadable);
    this.courier.detach(this);
  }

  static override get observedAttributes(): string[] {
    // `strings` (JSON) and `lang` are read in willUpdate; observing them re-renders on change.
    return [...super.observedAttributes, 'strings', 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'strings' || name === 'lang') this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Typing changes only the form's own state; the configuration cannot have changed, so it
    // is not resolved again on every keystroke. (A `strings` or `lang` attribute change
    // requests an update with no property named, and so does count.)
    const formStateOnly = changed.size > 0 && [...changed.keys()].every((key) => formStateProperties.has(key as string));
    if (formStateOnly) return;
    const child = parseChildConfiguration(this.querySelector(':scope > script[type="application/json"][slot="config"]')?.textContent, Object.keys(builtInLocales.en));
    this.configuration = resolveConfiguration({ ...child.options, ...this.setOptions() }, document.baseURI);
    this.locale = localeFor(this.closest('[lang]')?.getAttribute('lang') ?? undefined);
    const knownStrings = Object.keys(builtInLocales.en);
    const overrides = parseStringOverrides(this.getAttribute('strings'), knownStrings);
    const ownStrings = stringOverridesFrom(this.strings, knownStrings);
    this.text = { ...builtInLocales[this.locale], ...child.strings, ...overrides.strings, ...ownStrings.strings };
    // Never overrides a choice the prospect made.
    if (this.configuration.initialPreference && !this.answers.preference && !this.touched.has('preference')) {
      this.answers = { ...this.answers, preference: this.configuration.initialPreference };
    }
    const declared = this.childIndicators.length > 0 ? this.childIndicators : (child.indicators ?? []);
    const checked = checkIndicators(this.indicators ?? declared);
    this.offeredIndicators = checked.indicators;
    const childrenComplete = this.indicators !== undefined || document.readyState !== 'loading';
    // Until the parser has passed the children, a missing endpoint or half a JSON child is not a mistake yet.
    const problems = childrenComplete ? [...this.configuration.problems, ...child.problems, ...checked.problems] : [];
    this.reportProblems([...problems, ...overrides.problems, ...ownStrings.problems]);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const cameFromForm = changed.get('state') !== 'sent' && changed.get('state') !== 'queued';
    if (changed.has('state') && (this.state === 'sent' || this.state === 'queued') && cameFromForm) this.thankYouHeading?.focus();
  }

  /** The options set on the element (attributes or properties); unset ones are left out. */
  private setOptions(): Partial<RawConfiguration> {
    const options: RawConfiguration = {
      endpoint: this.endpoint || undefined,
      offer: this.hasAttribute('offer') || this.offer !== 'download' ? this.offer : undefined,
      offerId: this.offerId,
      offerTitle: this.offerTitle,
      assetHref: this.assetHref,
      privacyHref: this.privacyHref,
      consentVersion: this.consentVersion,
      jurisdiction: this.jurisdiction,
      controller: this.controller,
      maxCallAttempts: this.maxCallAttempts,
      preference: this.preference,
      retries: this.retries,
      timeout: this.timeout,
      minFillMs: this.minFillMs,
      destination: this.destination,
      fieldNames: this.fieldNames,
      hiddenFields: this.hiddenFields,
      subscriptionTypeId: this.subscriptionTypeId,
    };
    return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== null));
  }

  private get offerKind(): OfferKind {
    return this.configuration.settings.offer;
  }

  private get errors(): FieldErrors {
    return { ...this.serverErrors, ...validateAnswers(this.answers, this.offerKind, this.text) };
  }

  protected override render(): TemplateResult {
    const content = !this.configuration.endpoint
      ? this.renderNotConfigured()
      : this.state === 'sent' || this.state === 'queued'
        ? this.renderThankYou()
        : this.renderForm();
    return html`<div class="surface" part="surface">
      ${content}
      <div class="status" part="status" role="status">${this.statusMessage}</div>
      ${this.state === 'error' || !this.configuration.endpoint ? this.renderAssetLink() : nothing}
    </div>`;
  }

  private renderNotConfigured(): TemplateResult {
    return html`<p part="notice" class="notice">${this.text.statusNotConfigured}</p>`;
  }

  private renderForm(): TemplateResult {
    const text = this.text;
    const errors = this.errors;
    const fields = visibleFields(this.offerKind, this.answers.preference);
    const formLabel = this.configuration.settings.offerTitle
      ? formatString(text.formLabel, { offerTitle: this.configuration.settings.offerTitle })
      : text[labelKey('submit', this.offerKind)];
    return html`<form part="form" novalidate aria-label=${formLabel} @submit=${this.handleSubmit}>
      ${this.renderPreferences(this.visibleError(errors, 'preference'))}
      ${this.renderTextField('name', 'text', text.nameLabel, false, errors, 'name')}
      ${fields.email ? this.renderTextField('email', 'email', text.emailLabel, true, errors, 'email') : nothing}
      ${fields.phone ? this.renderTextField('phone', 'tel', text.phoneLabel, true, errors, 'tel') : nothing}
      ${fields.phone ? this.renderCallWindow() : nothing} ${this.renderIndicators()}
      <button type="submit" part="submit" aria-disabled=${this.state === 'submitting' ? 'true' : 'false'}>
        ${text[labelKey('submit', this.offerKind)]}
      </button>
      ${this.renderPrivacy()} ${this.renderHoneypot()}
    </form>`;
  }

  private renderPreferences(error: string | undefined): TemplateResult {
    const text = this.text;
    return html`<fieldset part="preference-group" class="preference">
      <legend>${text.preferenceLegend} <span class="hint">${text.required}</span></legend>
      ${contactPreferences.map(
        (preference) => html`<label class="choice" part="option">
          <input
            type="radio"
            name="preference"
            value=${preference}
            required
            .checked=${this.answers.preference === preference}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'preference-error' : nothing}
            @change=${this.handlePreferenceChange}
          />
          <span>${text[labelKey('preference', preference)]}</span>
        </label>`,
      )}
      ${this.renderError('preference', error)}
    </fieldset>`;
  }

  private renderTextField(
    field: Exclude<FieldName, 'preference'>,
    type: 'text' | 'email' | 'tel',
    label: string,
    required: boolean,
    errors: FieldErrors,
    autocomplete: string,
  ): TemplateResult {
    const error = this.visibleError(errors, field);
    return html`<div class="field" part="field">
      <label class="label" part="label" for=${field}>
        ${label} <span class="hint">${required ? this.text.required : this.text.optional}</span>
      </label>
      <input
        id=${field}
        part="input"
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        maxlength=${fieldLimits[field]}
        ?required=${required}
        .value=${this.answers[field] ?? ''}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${field}-error` : nothing}
        @input=${this.handleTextInput}
        @blur=${this.handleBlur}
      />
      ${this.renderError(field, error)}
    </div>`;
  }

  private renderCallWindow(): TemplateResult {
    const text = this.text;
    return html`<div class="field" part="field">
      <label class="label" part="label" for="callWindow">
        ${text.callWindowLabel} <span class="hint">${text.optional}</span>
      </label>
      <select id="callWindow" name="callWindow" part="input" @change=${this.handleCallWindowChange}>
        <option value="" ?selected=${!this.answers.callWindow}>${text.callWindowAny}</option>
        ${callWindows.map(
          (window) => html`<option value=${window} ?selected=${this.answers.callWindow === window}>
            ${text[labelKey('callWindow', window)]}
          </option>`,
        )}
      </select>
    </div>`;
  }

  private renderIndicators(): TemplateResult | typeof nothing {
    if (this.offeredIndicators.length === 0) return nothing;
    return html`<fieldset part="indicators" class="indicators">
      <legend>${this.text.indicatorsLegend} <span class="hint">${this.text.optional}</span></legend>
      ${this.offeredIndicators.map(
        (indicator) => html`<label class="choice" part="indicator">
          <input
            type="checkbox"
            name="indicator"
            value=${indicator.value}
            .checked=${this.answers.indicators.includes(indicator.value)}
            @change=${this.handleIndicatorChange}
          />
          <span>${indicator.label}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  /** For bots only: off-screen, out of the tab order, hidden from assistive technology. */
  private renderHoneypot(): TemplateResult {
    return html`<div class="honeypot" aria-hidden="true">
      <label for=${honeypotName}>Leave this field empty</label>
      <input id=${honeypotName} name=${honeypotName} type="text" tabindex="-1" autocomplete="off" />
    </div>`;
  }

  private renderPrivacy(): TemplateResult {
    const { privacyHref } = this.configuration.settings;
    return html`<p class="privacy" part="privacy">
      ${this.text.privacyNotice} ${privacyHref ? html`<a href=${privacyHref}>${this.text.privacyLink}</a>` : nothing}
    </p>`;
  }

  private renderError(field: FieldName, error: string | undefined): TemplateResult | typeof nothing {
    return error ? html`<p class="error" part="error" id=${`${field}-error`}>${error}</p>` : nothing;
  }

  private renderThankYou(): TemplateResult {
    const text = this.text;
    return html`<section class="thank-you" part="thank-you">
      <h2 tabindex="-1">${text.thankYouHeading}</h2>
      <p>${text[labelKey('thankYou', this.offerKind)]} ${this.followUpSentence()}</p>
      ${this.state === 'queued' ? html`<p class="queued">${this.queuedOffline ? text.thankYouQueued : text.thankYouQueuedLater}</p>` : nothing}
      ${this.renderAssetLink()}
    </section>`;
  }

  private renderAssetLink(): TemplateResult | typeof nothing {
    const { assetHref, offerTitle } = this.configuration.settings;
    if (!assetHref) return nothing;
    const label = offerTitle ? formatString(this.text.assetLink, { offerTitle }) : this.text.assetLinkUntitled;
    return html`<a class="asset-link" part="asset-link" href=${assetHref}>${label}</a>`;
  }

  /** What will happen next, in the prospect's own terms. */
  private followUpSentence(): string {
    const text = this.text;
    const contact = this.sentLead?.contact;
    if (contact?.preference === 'email') return formatString(text.thankYouEmail, { email: contact.email });
    if (contact?.preference === 'call') {
      const callWindow = text[contact.callWindow ? labelKey('thankYouCall', contact.callWindow) : 'thankYouCallAnyTime'];
      return formatString(text.thankYouCall, { phone: contact.phone, callWindow });
    }
    return text.thankYouNone;
  }

  private visibleError(errors: FieldErrors, field: FieldName): string | undefined {
    return this.submitted || this.touched.has(field) ? errors[field] : undefined;
  }

  private handlePreferenceChange(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (!isContactPreference(value)) return;
    this.answers = { ...this.answers, preference: value };
    this.touched = new Set(this.touched).add('preference');
  }

  private handleTextInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.edited.add(input.name as FieldName);
    if (input.name in this.serverErrors) this.serverErrors = { ...this.serverErrors, [input.name]: undefined };
    // Only single characters typed key by key are timed; paste and autofill insert at once.
    if (event instanceof InputEvent && event.inputType === 'insertText' && event.data?.length === 1) {
      const times = this.keystrokes.get(input.name) ?? [];
      this.keystrokes.set(input.name, [...times, event.timeStamp]);
    }
    this.answers = { ...this.answers, [input.name]: input.value };
  }

  private handleBlur(event: FocusEvent): void {
    const field = (event.target as HTMLInputElement).name as FieldName;
    // Tabbing past an untouched field is not a mistake; leaving one you typed in may be.
    // Leaving it for the submit button is not the moment: an error appearing on mousedown
    // pushes the button away from the pointer and the click is lost. Submit shows it anyway.
    const leavingForSubmit = (event.relatedTarget as HTMLElement | null)?.matches('button[type="submit"]');
    if (this.edited.has(field) && !leavingForSubmit) this.touched = new Set(this.touched).add(field);
  }

  private handleCallWindowChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.answers = { ...this.answers, callWindow: isCallWindow(value) ? value : '' };
  }

  private handleIndicatorChange(event: Event): void {
    const { value, checked } = event.target as HTMLInputElement;
    const others = this.answers.indicators.filter((indicator) => indicator !== value);
    this.answers = { ...this.answers, indicators: checked ? [...others, value] : others };
  }

  private async handleSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // One capture, one request: a second click while building or sending does nothing.
    if (this.submissionInProgress) return;
    this.submissionInProgress = true;
    try {
      await this.submitAnswers();
    } finally {
      this.submissionInProgress = false;
    }
  }

  private async submitAnswers(): Promise<void> {
    // Judged first: a bot that filled every field with junk learns nothing from error messages.
    const reason = spamReason({
      honeypot: this.form?.querySelector<HTMLInputElement>(`[name="${honeypotName}"]`)?.value ?? '',
      keystrokes: [...this.keystrokes.values()],
      minimumFillTime: this.configuration.minimumFillTime,
    });
    if (reason) {
      // The bot sees the thank-you a person would see.
      this.state = 'sent';
      this.statusMessage = this.text.statusSent;
      this.emit<LeadSpamDetail>('lead-spam', { reason });
      return;
    }
    this.submitted = true;
    // What the endpoint said of the last attempt is for the prospect to read, not a lock.
    this.serverErrors = {};
    const invalidField = firstInvalidField(this.errors);
    if (invalidField || !this.answers.preference) {
      this.statusMessage = this.text.statusInvalid;
      await this.updateComplete;
      this.focusField(invalidField ?? 'preference');
      return;
    }
    const lead = await this.createLead({ ...this.answers, preference: this.answers.preference });
    if (!lead) return;
    const proceed = this.emit<LeadSubmitDetail>('lead-submit', { lead }, { cancelable: true });
    if (!proceed) return;
    await this.deliver(lead);
  }

  private async createLead(answers: FormAnswers): Promise<Lead | undefined> {
    // The receipt records the wording exactly as rendered next to the chosen option.
    const consentText = this.text[labelKey('preference', answers.preference)];
    const gpc = globalPrivacyControl();
    let candidate: Lead;
    try {
      candidate = buildLead(answers, {
        settings: this.configuration.settings,
        indicatorOptions: this.offeredIndicators,
        consent: { receiptId: createLeadId(), text: consentText, textSha256: await sha256Hex(consentText), language: this.locale, gpc },
        timeZone: browserTimeZone(),
        ...(this.trackRepeats && !gpc ? { repeat: this.conversions.signal() } : {}),
        page: pageContextFrom(location.href, document.referrer),
        id: createLeadId(),
        now: new Date(),
        classify: this.classify ?? classifyLead,
      });
    } catch (error) {
      this.fail({ code: 'invalid-lead', message: `The classify function threw: ${String(error)}` });
      return undefined;
    }
    const parsed = parseLead(candidate);
    if (!parsed.success) {
      const message = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      this.fail({ code: 'invalid-lead', message }, candidate);
      return undefined;
    }
    const retryable = this.retryableLead;
    if (retryable && sameLeadContent(retryable, parsed.lead)) return retryable;
    return deepFreeze(parsed.lead);
  }

  private async deliver(lead: Lead): Promise<void> {
    const target = this.configuration.target;
    if (!target) {
      this.fail({ code: 'not-configured', message: 'No usable endpoint is configured.' }, lead);
      return;
    }
    this.state = 'submitting';
    this.statusMessage = this.text.statusSubmitting;
    const { retries, timeout } = this.configuration.delivery;
    const { settlement, kept } = await this.courier.capture(lead, { target, timeout, policy: { ...defaultRetryPolicy, retries } });
    if (lead.repeat && (settlement.kind === 'delivered' || settlement.kind === 'queued')) {
      this.conversions.record(lead.offer.id ?? lead.offer.kind);
    }
    // Not an error: the lead may well be delivered. Only a failure now would lose it.
    if (!kept && !warnedUnkept) {
      warnedUnkept = true;
      console.warn('<lead-capture> this browser cannot keep a copy of the lead (storage disabled or full): if this attempt fails, it is lost.');
    }
    this.settle(settlement);
  }

  private settle(settlement: Settlement): void {
    const { lead } = settlement;
    this.retryableLead = undefined;
    this.queuedLeadId = undefined;
    switch (settlement.kind) {
      case 'delivered':
        this.sentLead = lead;
        this.state = 'sent';
        this.statusMessage = this.text.statusSent;
        this.emit<LeadSentDetail>('lead-sent', { lead, status: settlement.status, confirmed: settlement.confirmed });
        return;
      case 'queued':
        this.queuedLeadId = lead.id;
        this.sentLead = lead;
        this.state = 'queued';
        // Told the truth: "back online" only to someone who is offline.
        this.queuedOffline = navigator.onLine === false;
        this.statusMessage = this.queuedOffline ? this.text.statusQueued : this.text.statusQueuedLater;
        this.reportUnreachable(settlement, 'The lead is kept and sent later.');
        this.emit<LeadQueuedDetail>('lead-queued', { lead });
        return;
      case 'rejected':
        this.serverErrors = settlement.fields ?? {};
        this.fail({ code: 'rejected', message: settlement.problem, status: settlement.status }, lead);
        void this.focusFirstServerError();
        return;
      case 'failed':
        this.retryableLead = lead;
        this.reportUnreachable(settlement, 'Storage is disabled or full: the lead is lost.');
        this.fail(
          { code: settlement.reason, message: `${settlement.problem}; not kept for later`, ...(settlement.status ? { status: settlement.status } : {}) },
          lead,
        );
    }
  }

  /** For the site owner: why a lead is waiting although the prospect is online, and where to look. */
  private reportUnreachable(settlement: Settlement & { kind: 'queued' | 'failed' }, outcome: string): void {
    if (navigator.onLine === false) return;
    const target = this.configuration.target;
    const cause = settlement.reason === 'blocked' ? blockedAdvice(target) : 'It may be down.';
    this.reportProblems([{ attribute: 'endpoint', message: `could not deliver to ${target?.endpoint} (${settlement.problem}). ${cause} ${outcome}` }]);
  }

  private async focusFirstServerError(): Promise<void> {
    const field = firstInvalidField(this.serverErrors);
    if (!field) return;
    await this.updateComplete;
    this.focusField(field);
  }

  /**
   * The outbox delivered (or finally failed) a lead in the background: this widget's own
   * queued lead changes the widget's state; leads from earlier visits are reported by one
   * widget per page so a listener hears of each lead once.
   */
  private settleFromOutbox(settlement: Settlement): void {
    if (settlement.lead.id === this.queuedLeadId && this.state === 'queued') {
      if (settlement.kind !== 'queued') this.settle(settlement);
      return;
    }
    if (this.courier.reporter !== this) return;
    if (settlement.kind === 'delivered') {
      this.emit<LeadSentDetail>('lead-sent', { lead: settlement.lead, status: settlement.status, confirmed: settlement.confirmed });
    }
    if (settlement.kind === 'rejected') {
      this.emit<LeadErrorDetail>('lead-error', { lead: settlement.lead, error: { code: 'rejected', message: settlement.problem, status: settlement.status } });
    }
  }

  /** Queued leads from any visit that were dropped: reported once per page, by the reporter. */
  private reportDropped(code: 'expired' | 'unreadable', count: number): void {
    if (this.courier.reporter !== this) return;
    const why = code === 'expired' ? 'were not delivered in time' : 'no longer parsed';
    this.emit<LeadErrorDetail>('lead-error', { error: { code, message: `${count} queued lead(s) ${why}: dropped.`, count } });
  }

  private emit<Detail>(type: string, detail: Detail, options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(new CustomEvent<Detail>(type, { ...eventOptions, ...options, detail }));
  }

  private fail(error: LeadCaptureError, lead?: Lead): void {
    this.state = 'error';
    this.statusMessage = this.errorStatus(error);
    this.emit<LeadErrorDetail>('lead-error', { ...(lead ? { lead } : {}), error });
  }

  private errorStatus(error: LeadCaptureError): string {
    switch (error.code) {
      case 'rejected':
        return formatString(this.text.statusRejected, { problem: error.message });
      case 'invalid-lead':
      case 'not-configured':
        return this.text.statusNotConfigured;
      default:
        return this.text.statusFailed;
    }
  }

  private focusField(field: FieldName): void {
    const selector = field === 'preference' ? 'input[name="preference"]' : `#${field}`;
    this.form?.querySelector<HTMLElement>(selector)?.focus();
  }

  private readChildIndicators(): void {
    // Read attributes and text, not properties: children may not be upgraded yet.
    this.childIndicators = Array.from(this.querySelectorAll(':scope > lead-indicator'), indicatorFromElement);
  }

  /** `<lead-capture id="…">` when it has an id, so a page with several widgets knows which. */
  private describeSelf(): string {
    return this.id ? `<lead-capture id="${this.id}">` : '<lead-capture>';
  }

  /** One console error per distinct mistake, naming the element, the attribute and the fix. */
  private reportProblems(problems: readonly ConfigurationProblem[]): void {
    for (const problem of problems) {
      const message = `${this.describeSelf()} ${problem.attribute}: ${problem.message}`;
      if (this.reportedProblems.has(message)) continue;
      this.reportedProblems.add(message);
      console.error(message, this);
    }
  }
}

/** What the site owner can do about a request the browser refused, by destination. */
function blockedAdvice(target: DeliveryTarget | undefined): string {
  switch (target?.destination) {
    case 'json':
      return 'It answers, but not a CORS preflight for Content-Type and Idempotency-Key from here, or redirects. A catch hook or form backend takes destination="form".';
    case 'mautic':
      return "Add this site to Mautic's CORS valid domains.";
    default:
      return `It answers, but refused the request (CORS, or a redirect, never followed): check destination="${target?.destination}" and the endpoint.`;
  }
}

/** Said once per page: storage does not come back within a visit. */
let warnedUnkept = false;

declare global {
  interface HTMLElementTagNameMap {
    'lead-capture': LeadCapture;
  }
  interface HTMLElementEventMap {
    'lead-submit': CustomEvent<LeadSubmitDetail>;
    'lead-sent': CustomEvent<LeadSentDetail>;
    'lead-queued': CustomEvent<LeadQueuedDetail>;
    'lead-spam': CustomEvent<LeadSpamDetail>;
    'lead-error': CustomEvent<LeadErrorDetail>;
  }
}
