import { html, nothing, type TemplateResult } from 'lit';
import type { LeadCaptureState } from './events.js';
import { honeypotName, type DraftAnswers, type FieldErrors, type FieldName } from './form/validation.js';
import { formatString, labelKey, type LeadCaptureStrings } from './i18n/strings.js';
import { fieldLimits, type Indicator, type Lead } from './lead/schema.js';
import { callWindows, contactPreferences, type OfferKind } from './lead/vocabulary.js';

/**
 * The widget's templates, as functions of a small view model: what to show, nothing else.
 * Every decision (which fields, which errors, which state) is made before they are called.
 */
export interface WidgetView {
  text: LeadCaptureStrings;
  state: LeadCaptureState;
  /** False when there is no usable endpoint: the notice and the download instead of the form. */
  configured: boolean;
  statusMessage: string;
  offer: OfferKind;
  offerTitle?: string;
  assetHref?: string;
  privacyHref?: string;
  answers: DraftAnswers;
  /** The errors the prospect should see now. */
  errors: FieldErrors;
  fields: { email: boolean; phone: boolean };
  indicators: readonly Indicator[];
  /** The lead the thank-you describes. */
  sentLead?: Lead;
  queuedOffline: boolean;
  on: {
    submit(event: SubmitEvent): void;
    preference(event: Event): void;
    input(event: Event): void;
    blur(event: FocusEvent): void;
    callWindow(event: Event): void;
    indicator(event: Event): void;
  };
}


export function widgetTemplate(view: WidgetView): TemplateResult {
  const finished = view.state === 'sent' || view.state === 'queued';
  const content = !view.configured ? notConfiguredTemplate(view) : finished ? thankYouTemplate(view) : formTemplate(view);
  return html`<div class="surface" part="surface">
    ${content}
    <div class="status" part="status" role="status">${view.statusMessage}</div>
    ${view.state === 'error' || !view.configured ? assetLinkTemplate(view) : nothing}
  </div>`;
}

function notConfiguredTemplate({ text }: WidgetView): TemplateResult {
  return html`<p part="notice" class="notice">${text.statusNotConfigured}</p>`;
}

function formTemplate(view: WidgetView): TemplateResult {
  const { text, offer, offerTitle, fields } = view;
  const submitLabel = text[labelKey('submit', offer)];
  return html`<form part="form" novalidate aria-label=${offerTitle ? formatString(text.formLabel, { offerTitle }) : submitLabel} @submit=${view.on.submit}>
    ${preferencesTemplate(view)} ${textFieldTemplate(view, 'name', 'text', false)}
    ${fields.email ? textFieldTemplate(view, 'email', 'email', true) : nothing}
    ${fields.phone ? textFieldTemplate(view, 'phone', 'tel', true) : nothing} ${fields.phone ? callWindowTemplate(view) : nothing}
    ${indicatorsTemplate(view)}
    <button type="submit" part="submit" aria-disabled=${view.state === 'submitting' ? 'true' : 'false'}>${submitLabel}</button>
    ${privacyTemplate(view)} ${honeypotTemplate()}
  </form>`;
}

function preferencesTemplate({ text, answers, errors, on }: WidgetView): TemplateResult {
  const error = errors.preference;
  return html`<fieldset part="preference-group" class="preference">
    <legend>${text.preferenceLegend} <span class="hint">${text.required}</span></legend>
    ${contactPreferences.map(
      (preference) => html`<label class="choice" part="option ${preference}-option">
        <input
          type="radio"
          name="preference"
          value=${preference}
          required
          .checked=${answers.preference === preference}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'preference-error' : nothing}
          @change=${on.preference}
        />
        <span>${text[labelKey('preference', preference)]}</span>
      </label>`,
    )}
    ${errorTemplate('preference', error)}
  </fieldset>`;
}

/** Each field's parts: the shared token (`input`) and its own (`email-input`), to style one alone. */
function textFieldTemplate(view: WidgetView, field: 'name' | 'email' | 'phone', type: 'text' | 'email' | 'tel', required: boolean): TemplateResult {
  const { text, answers, on } = view;
  const error = view.errors[field];
  return html`<div class="field" part="field ${field}-field">
    <label class="label" part="label ${field}-label" for=${field}>
      ${text[`${field}Label`]} <span class="hint">${required ? text.required : text.optional}</span>
    </label>
    <input
      id=${field}
      part="input ${field}-input"
      name=${field}
      type=${type}
      autocomplete=${field === 'phone' ? 'tel' : field}
      maxlength=${fieldLimits[field]}
      ?required=${required}
      .value=${answers[field] ?? ''}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${field}-error` : nothing}
      @input=${on.input}
      @blur=${on.blur}
    />
    ${errorTemplate(field, error)}
  </div>`;
}

function callWindowTemplate({ text, answers, on }: WidgetView): TemplateResult {
  return html`<div class="field" part="field call-window-field">
    <label class="label" part="label call-window-label" for="callWindow">${text.callWindowLabel} <span class="hint">${text.optional}</span></label>
    <select id="callWindow" name="callWindow" part="input call-window-input" @change=${on.callWindow}>
      <option value="" ?selected=${!answers.callWindow}>${text.callWindowAny}</option>
      ${callWindows.map((window) => html`<option value=${window} ?selected=${answers.callWindow === window}>${text[labelKey('callWindow', window)]}</option>`)}
    </select>
  </div>`;
}

function indicatorsTemplate({ text, answers, indicators, on }: WidgetView): TemplateResult | typeof nothing {
  if (indicators.length === 0) return nothing;
  return html`<fieldset part="indicators" class="indicators">
    <legend>${text.indicatorsLegend} <span class="hint">${text.optional}</span></legend>
    ${indicators.map(
      (indicator) => html`<label class="choice" part="indicator">
        <input type="checkbox" name="indicator" value=${indicator.value} .checked=${answers.indicators.includes(indicator.value)} @change=${on.indicator} />
        <span>${indicator.label}</span>
      </label>`,
    )}
  </fieldset>`;
}

/** For bots only: off-screen, out of the tab order, hidden from assistive technology. */
function honeypotTemplate(): TemplateResult {
  return html`<div class="honeypot" aria-hidden="true">
    <label for=${honeypotName}>Leave this field empty</label>
    <input id=${honeypotName} name=${honeypotName} type="text" tabindex="-1" autocomplete="off" />
  </div>`;
}

function privacyTemplate({ text, privacyHref }: WidgetView): TemplateResult {
  return html`<p class="privacy" part="privacy">${text.privacyNotice} ${privacyHref ? html`<a href=${privacyHref}>${text.privacyLink}</a>` : nothing}</p>`;
}

function errorTemplate(field: FieldName, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<p class="error" part="error ${field}-error" id=${`${field}-error`}>${error}</p>` : nothing;
}

function thankYouTemplate(view: WidgetView): TemplateResult {
  const { text } = view;
  return html`<section class="thank-you" part="thank-you">
    <h2 tabindex="-1">${text.thankYouHeading}</h2>
    <p>${text[labelKey('thankYou', view.offer)]} ${followUpSentence(text, view.sentLead)}</p>
    ${view.state === 'queued' ? html`<p class="queued">${view.queuedOffline ? text.thankYouQueued : text.thankYouQueuedLater}</p>` : nothing}
    ${assetLinkTemplate(view)}
  </section>`;
}

function assetLinkTemplate({ text, assetHref, offerTitle }: WidgetView): TemplateResult | typeof nothing {
  if (!assetHref) return nothing;
  return html`<a class="asset-link" part="asset-link" href=${assetHref}>${offerTitle ? formatString(text.assetLink, { offerTitle }) : text.assetLinkUntitled}</a>`;
}

/** What will happen next, in the prospect's own terms. */
export function followUpSentence(text: LeadCaptureStrings, lead: Lead | undefined): string {
  const contact = lead?.contact;
  if (contact?.preference === 'email') return formatString(text.thankYouEmail, { email: contact.email });
  if (contact?.preference === 'call') {
    const callWindow = text[contact.callWindow ? labelKey('thankYouCall', contact.callWindow) : 'thankYouCallAnyTime'];
    return formatString(text.thankYouCall, { phone: contact.phone, callWindow });
  }
  return text.thankYouNone;
}
