import * as messages from '../../messages.js';
import { flatFieldNames } from './form-fields.js';
import type { Destination } from './types.js';

/** What a site may add to every request: `hiddenFields`, bounded like every other option. */
export const siteFieldLimits = { count: 20, name: 100, value: 500 } as const;

export interface SiteFields {
  fieldNames: Record<string, string>;
  hiddenFields: Record<string, string>;
  /** Each refused entry: the option, and why, in words for the console. */
  refused: { option: 'field-names' | 'hidden-fields'; message: string }[];
}

/**
 * The site's renamed fields and constant fields, kept only where they cannot stand in for
 * the prospect's answers. A request carries each field of the lead once, under one name, with
 * the prospect's value: a constant field named like one of them (`do_not_contact`,
 * `consent_text`, `lead`) would reach the receiver as a forged answer, or beside the real one;
 * a field renamed onto another's name, or two onto one, would leave the receiver one of two.
 * Each such entry is refused.
 */
export function siteFields(destination: Destination, fieldNames: Record<string, string> = {}, hiddenFields: Record<string, string> = {}): SiteFields {
  const refused: SiteFields['refused'] = [];
  const finalName = (field: string, names: Record<string, string>) => (Object.hasOwn(names, field) ? names[field] : (destination.defaultNames?.[field] ?? field));
  const ownNames = destination.ownNames ?? [];
  const kept: Record<string, string> = {};
  for (const [field, name] of Object.entries(fieldNames)) {
    if (!(flatFieldNames as readonly string[]).includes(field)) {
      refused.push({ option: 'field-names', message: messages.notLeadField(field) });
    } else if (ownNames.includes(name) || flatFieldNames.some((other) => other !== field && finalName(other, fieldNames) === name)) {
      refused.push({ option: 'field-names', message: messages.takenFieldName(field, name) });
    } else kept[field] = name;
  }
  const taken = new Set([...ownNames, ...flatFieldNames.map((field) => finalName(field, kept))]);
  const entries = Object.entries(hiddenFields);
  const { count, name: longestName, value: longestValue } = siteFieldLimits;
  if (entries.length > count) refused.push({ option: 'hidden-fields', message: messages.onlyFirst(entries.length, 'hidden fields', count) });
  const hidden: Record<string, string> = {};
  for (const [name, value] of entries.slice(0, count)) {
    // Mautic's own spelling of a field name.
    if (taken.has(name.replace(/^mauticform\[(.*)\]$/, '$1'))) {
      refused.push({ option: 'hidden-fields', message: messages.hiddenFieldOfLead(name) });
    } else if (name.length > longestName || value.length > longestValue) {
      refused.push({ option: 'hidden-fields', message: messages.entryTooLong('hidden field', name, 'value', longestName, longestValue) });
    } else hidden[name] = value;
  }
  return { fieldNames: kept, hiddenFields: hidden, refused };
}
