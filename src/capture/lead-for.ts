import { ConversionHistory } from '../conversion-history.js';
import { globalPrivacyControl } from '../consent/gpc.js';
import type { Configuration } from '../config/resolve.js';
import { builtInLocales } from '../i18n/locales.js';
import { labelKey, type LeadCaptureStrings } from '../i18n/strings.js';
import { buildLead, type FormAnswers } from '../lead/build.js';
import { createLeadId } from '../lead/identity.js';
import { pageContextFrom } from '../lead/page-context.js';
import type { Indicator, Lead } from '../lead/schema.js';
import { classifyLead, type Classifier } from '../lead/temperature.js';

/** What a lead is made of besides the prospect's answers. */
export interface LeadInputs {
  configuration: Configuration;
  /** The built-in language in use, and the texts shown (with the site's overrides). */
  locale: string;
  text: LeadCaptureStrings;
  indicators: readonly Indicator[];
}

export interface Receipt {
  /** The lead's id (one reserved ahead, or a new one). */
  id: string;
  /** The wording rendered next to the chosen option, exactly. */
  consentText: string;
  textSha256?: string;
}

/**
 * The lead these answers make, not yet validated: the page, the receipt, the conversion
 * history (unless the visitor sends Global Privacy Control or the site turned it off), the time
 * zone for a call. Throws what the site's `classify` throws.
 */
export function candidateLead(answers: FormAnswers, inputs: LeadInputs, receipt: Receipt, classify: Classifier = inputs.configuration.values.classify ?? classifyLead): Lead {
  const { configuration, locale } = inputs;
  const gpc = globalPrivacyControl();
  // The language of the words the prospect saw: a text the site wrote (`strings`) may be in
  // any language, so the receipt says `und` (undetermined, BCP 47) unless it is the built-in one.
  const language = receipt.consentText === builtInLocales[locale][labelKey('preference', answers.preference)] ? locale : 'und';
  return buildLead(answers, {
    // The options in use are the settings a lead records (the offer, the consent, the call limit).
    settings: configuration.values,
    indicatorOptions: inputs.indicators,
    consent: { receiptId: createLeadId(), text: receipt.consentText, textSha256: receipt.textSha256, language, gpc },
    // Asked of the browser only when it is needed: the first lookup is slow.
    ...(answers.preference === 'call' ? { timeZone: browserTimeZone() } : {}),
    ...(configuration.values.trackRepeats && !gpc ? { repeat: new ConversionHistory().signal() } : {}),
    page: pageContextFrom(location.href, document.referrer),
    id: receipt.id,
    now: new Date(),
    classify,
  });
}

let timeZone: string | undefined;

/** The browser's time zone, or UTC where it cannot tell; looked up once. */
export function browserTimeZone(): string {
  try {
    timeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    timeZone = 'UTC';
  }
  return timeZone;
}

/** Whether the time zone is known yet (its first lookup is slow, so it is prefetched). */
export const timeZoneKnown = (): boolean => timeZone !== undefined;
