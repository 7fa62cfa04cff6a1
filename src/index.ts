/**
 * The public API, without side effects: importing this registers nothing. Use
 * `define.ts` (the package's main entry and the script-tag bundle) to register the elements.
 */
import { LeadCapture } from './lead-capture.js';
import { LeadIndicator } from './lead-indicator.js';

export { LeadCapture, LeadIndicator };
export type { LeadCaptureError, LeadCaptureState, LeadErrorDetail, LeadQueuedDetail, LeadSentDetail, LeadSpamDetail, LeadSubmitDetail } from './lead-capture.js';
export type { LeadCaptureStrings } from './i18n/strings.js';
export { builtInLocales, localeFor } from './i18n/locales.js';
export { englishStrings } from './i18n/en.js';
export { germanStrings } from './i18n/de.js';
export { frenchStrings } from './i18n/fr.js';
export { spanishStrings } from './i18n/es.js';
export { classifyLead, temperatureRules, type Classification, type ClassificationInput, type Classifier } from './lead/temperature.js';
export { leadSchema, parseLead, type Lead, type LeadIssue, type LeadParseResult, type Indicator } from './lead/schema.js';
export * from './lead/vocabulary.js';

/**
 * Registers `<lead-capture>` and `<lead-indicator>` unless they already are: embed scripts
 * are often loaded twice (a tag manager and the page), and a second `define` would throw.
 */
export function defineLeadCapture(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('lead-indicator')) registry.define('lead-indicator', LeadIndicator);
  if (!registry.get('lead-capture')) registry.define('lead-capture', LeadCapture);
}
