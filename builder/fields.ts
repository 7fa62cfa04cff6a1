import { html, nothing, type TemplateResult } from 'lit';
import { attributeName, optionTable, type OptionName, type OptionSpec } from '../src/options.js';
import type { FieldKey } from './problems.js';
import { optionDescriptions } from './widget-docs.js';

/**
 * How the builder names each option to a person, and where it asks for it, where the option's
 * name alone would not say it well. Everything else about an option (its type, default, range,
 * check and documentation) comes from the option table and the widget's own checks. An option
 * added to the table needs nothing here: it gets a control labelled after its attribute
 * (`max-call-attempts` → "Max call attempts") in the last section, with its documentation.
 */
const optionLabels: Partial<Record<OptionName, string>> = {
  endpoint: 'Endpoint',
  destination: 'Destination',
  fieldNames: 'Field names',
  hiddenFields: 'Hidden fields',
  subscriptionTypeId: 'HubSpot subscription type id',
  offer: 'Offer kind',
  offerId: 'Offer id',
  offerTitle: 'Offer title',
  assetHref: 'Asset link',
  privacyHref: 'Privacy policy link',
  consentVersion: 'Consent version',
  jurisdiction: 'Jurisdiction',
  controller: 'Controller (your organisation)',
  maxCallAttempts: 'Most call attempts',
  preference: 'Preselected follow-up',
  trackRepeats: 'Report repeat conversions',
  minFillMs: 'Minimum fill time (ms)',
  retries: 'Retries',
  timeout: 'Timeout (ms)',
  indicators: 'Problem indicators',
  strings: 'Texts',
  dataLayer: 'Data layer',
  classify: 'Temperature rules',
  theme: 'Theme',
};

export type SectionId = 'delivery' | 'offer' | 'consent' | 'indicators' | 'language' | 'look' | 'behaviour';

const optionSections: Partial<Record<OptionName, SectionId>> = {
  endpoint: 'delivery',
  destination: 'delivery',
  fieldNames: 'delivery',
  hiddenFields: 'delivery',
  subscriptionTypeId: 'delivery',
  offer: 'offer',
  offerId: 'offer',
  offerTitle: 'offer',
  assetHref: 'offer',
  privacyHref: 'consent',
  consentVersion: 'consent',
  jurisdiction: 'consent',
  controller: 'consent',
  trackRepeats: 'consent',
  indicators: 'indicators',
  strings: 'language',
  theme: 'look',
  maxCallAttempts: 'behaviour',
  preference: 'behaviour',
  minFillMs: 'behaviour',
  retries: 'behaviour',
  timeout: 'behaviour',
  dataLayer: 'behaviour',
  classify: 'behaviour',
};

/** The option's label: its own, or its attribute name as words. */
export function labelOf(name: OptionName): string {
  const words = attributeName(name).replaceAll('-', ' ');
  return optionLabels[name] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

/** The section that asks for the option: its own, or the last one (follow-up, delivery and analytics). */
export const sectionOf = (name: OptionName): SectionId => optionSections[name] ?? 'behaviour';

export const sectionTitles: Record<SectionId, string> = {
  delivery: 'Where leads go',
  offer: 'The offer',
  consent: 'Consent and privacy',
  indicators: 'Problem indicators',
  language: 'Language and texts',
  look: 'Look',
  behaviour: 'Follow-up, delivery and analytics',
};

/** A field's id in the page, from its key (`indicators.0` → `field-indicators-0`). */
export const fieldId = (key: string) => `field-${key.replace(/[^\w-]/g, '-')}`;

/** Documentation text with its `code` spans, as the option table writes them. */
export function withCode(text: string): (string | TemplateResult)[] {
  return text.split(/`([^`]*)`/).map((part, index) => (index % 2 ? html`<code>${part}</code>` : part));
}

/** The option's documentation, from the table, with its attribute name. */
export function optionHint(name: OptionName, extra?: TemplateResult | string): TemplateResult {
  const spec: OptionSpec = optionTable[name];
  const description = optionDescriptions.get(name) ?? '';
  return html`${spec.kind === 'property' ? nothing : html`<code>${attributeName(name)}</code> · `}${withCode(description)}${extra ? html` ${extra}` : nothing}`;
}

export interface FieldParts {
  /** The `aria-describedby` the control takes. */
  describedBy: string;
  invalid: boolean;
}

/**
 * A labelled control with its hint and the widget's messages about it: the error joins the
 * control's description (Lion's rule: the message is announced with the field).
 */
export function field(key: FieldKey | string, label: string | TemplateResult, control: (id: string, parts: FieldParts) => TemplateResult, hint?: unknown, problems: string[] = []): TemplateResult {
  const id = fieldId(key);
  const describedBy = [hint ? `${id}-hint` : '', problems.length ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return html`<div class="field ${problems.length ? 'has-problem' : ''}">
    <label for=${id}>${label}</label>
    ${control(id, { describedBy, invalid: problems.length > 0 })}
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
    ${problemsTemplate(id, problems)}
  </div>`;
}

export function problemsTemplate(id: string, problems: string[]): TemplateResult | typeof nothing {
  if (!problems.length) return nothing;
  return html`<div class="problem" id=${`${id}-problem`}>${problems.map((message) => html`<p><span aria-hidden="true">⚠ </span>${message}</p>`)}</div>`;
}
