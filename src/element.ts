/**
 * `lead-capture/element`: the public API without side effects. Importing this registers
 * nothing: call `defineLeadCapture(registry)` (a scoped registry), or define the classes
 * under names of your own. `lead-capture` and `lead-capture/define` register for you.
 */
import { LeadCapture } from './lead-capture.js';
import { LeadIndicator } from './lead-indicator.js';

export { LeadCapture, LeadIndicator };
export type * from './events.js';
export type { DataLayerEntry } from './analytics/data-layer.js';
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
export type * from './hosts/types.js';
