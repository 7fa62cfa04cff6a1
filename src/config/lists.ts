import { fieldLimits, type Indicator } from '../lead/schema.js';
import * as messages from '../messages.js';
/** Says what is wrong with an option: its attribute, and the message. */
export type Report = (attribute: string, message: string) => void;

/**
 * The two options that are lists of entries a person reads: the problem indicators offered,
 * and the texts overridden. Each entry is checked alone; a bad one is left out and reported,
 * the rest used.
 */

/**
 * The indicators offered. Duplicates would make two checkboxes indistinguishable in the lead,
 * and an indicator without a label cannot be offered to a person.
 */
export function checkIndicators(indicators: readonly unknown[], report: Report): Indicator[] {
  const attribute = 'lead-indicator';
  const seen = new Set<string>();
  const usable: Indicator[] = [];
  if (indicators.length > fieldLimits.indicators) report(attribute, messages.onlyFirst(indicators.length, 'indicators', fieldLimits.indicators));
  for (const indicator of indicators.slice(0, fieldLimits.indicators) as Partial<Record<'value' | 'label', unknown>>[]) {
    const value = typeof indicator?.value === 'string' ? indicator.value.trim() : undefined;
    const label = typeof indicator?.label === 'string' ? indicator.label.trim() : undefined;
    if (!value || !label) report(attribute, messages.indicatorIncomplete(value ?? '', label ?? ''));
    else if (seen.has(value)) report(attribute, messages.indicatorTwice(value));
    else if (value.length > fieldLimits.indicatorValue || label.length > fieldLimits.indicatorLabel) {
      report(attribute, messages.entryTooLong('indicator', value, 'label', fieldLimits.indicatorValue, fieldLimits.indicatorLabel));
    } else {
      seen.add(value);
      usable.push({ value, label });
    }
  }
  return usable;
}

/**
 * Text overrides: unknown keys (usually a typo) and values that are not text are reported, the
 * rest used. A label becomes the consent text of the lead, which the schema limits.
 */
export function stringOverrides(overrides: Record<string, unknown>, knownKeys: readonly string[], report: Report): Record<string, string> {
  const strings: Record<string, string> = {};
  const unknown: string[] = [];
  const tooLong: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!knownKeys.includes(key) || typeof value !== 'string') unknown.push(key);
    else if (value.length > fieldLimits.consentText) tooLong.push(key);
    else strings[key] = value;
  }
  if (unknown.length) report('strings', messages.unknownStrings(unknown));
  if (tooLong.length) report('strings', messages.longStrings(fieldLimits.consentText, tooLong));
  return strings;
}
