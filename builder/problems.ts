import { resolveConfiguration, type Configuration } from '../src/config/resolve.js';
import { destinationFor } from '../src/delivery/destinations/index.js';
import { isDestinationName, type DestinationName } from '../src/delivery/destinations/names.js';
import { builtInLocales } from '../src/i18n/locales.js';
import { parseUrl } from '../src/lead/page-context.js';
import { attributeName, optionNames, type OptionName } from '../src/options.js';
import { rawOptions, type BuilderState } from './configuration.js';

/**
 * The widget's own checks, shown where the builder asks for the value: the configuration is
 * resolved by `resolveConfiguration` (what the widget does with the same options) and each
 * problem's `attribute` names the field. Lists (indicators, texts, field names, hidden fields)
 * are checked entry by entry, so a problem shows at the entry that causes it.
 */

/** Where a problem is shown: an option, one entry of a list, or a destination's own setting. */
export type FieldKey = OptionName | `indicators.${number}` | `strings.${string}` | `fieldNames.${number}` | `hiddenFields.${number}` | 'hiddenFields.oid' | 'hiddenFields.form-name' | 'config';

export interface Problems {
  /** The configuration the widget would use. */
  configuration: Configuration;
  /** Each field's messages, exactly as the widget words them. */
  byField: Map<FieldKey, string[]>;
  /** Every message once, in the order the widget reports them (for a count and a summary). */
  all: { field: FieldKey; message: string }[];
}

const knownStrings = Object.keys(builtInLocales.en);

export function resolveState(state: BuilderState, baseUrl: string, overrides: Partial<BuilderState> = {}): Configuration {
  return resolveConfiguration(rawOptions({ ...state, ...overrides }), { baseUrl, knownStrings });
}

const byAttribute = new Map<string, OptionName>(optionNames.map((name) => [attributeName(name), name]));

/**
 * The destination the widget would use: the one named, else the one the endpoint's address
 * picks (`destinationFor`, the widget's own choice); undefined without an endpoint.
 */
export function chosenDestination(state: BuilderState, baseUrl: string): { name: DestinationName; automatic: boolean } | undefined {
  const named = typeof state.values.destination === 'string' ? state.values.destination.trim() : '';
  const endpoint = typeof state.values.endpoint === 'string' ? parseUrl(state.values.endpoint.trim(), baseUrl) : undefined;
  const automatic = endpoint && /^https?:$/.test(endpoint.protocol) ? destinationFor(endpoint) : undefined;
  // Apps Script only where Google serves it: otherwise the widget keeps the automatic one.
  if (isDestinationName(named) && (named !== 'apps-script' || automatic === 'apps-script')) return { name: named, automatic: false };
  return automatic ? { name: automatic, automatic: true } : undefined;
}

/** The hidden field a destination cannot work without, which the builder asks for by its own field. */
export const requiredHiddenField: Partial<Record<DestinationName, 'oid' | 'form-name'>> = { salesforce: 'oid', netlify: 'form-name' };

/** The option whose field shows a problem about `attribute`; the destination's own setting for what it lacks. */
function fieldFor(attribute: string, message: string): FieldKey {
  if (attribute === 'destination') {
    // What a destination cannot work without is asked for by its own field.
    if (/needs hiddenFields \{"oid"/.test(message)) return 'hiddenFields.oid';
    if (/needs hiddenFields \{"form-name"/.test(message)) return 'hiddenFields.form-name';
    if (/needs (the form id: )?endpoint=/.test(message)) return 'endpoint';
    return 'destination';
  }
  return byAttribute.get(attribute) ?? 'config';
}

/** Messages of `later` not in `earlier` (each counted once): what the entry added to a list brought. */
function added(earlier: string[], later: string[]): string[] {
  const remaining = [...earlier];
  return later.filter((message) => {
    const index = remaining.indexOf(message);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

export function problemsOf(state: BuilderState, baseUrl: string): Problems {
  const configuration = resolveState(state, baseUrl);
  const byField = new Map<FieldKey, string[]>();
  const all: Problems['all'] = [];
  const add = (field: FieldKey, message: string) => {
    byField.set(field, [...(byField.get(field) ?? []), message]);
    all.push({ field, message });
  };
  const listAttributes: Record<string, 'indicators' | 'fieldNames' | 'hiddenFields' | 'strings'> = {
    'lead-indicator': 'indicators',
    'field-names': 'fieldNames',
    'hidden-fields': 'hiddenFields',
    strings: 'strings',
  };
  for (const { attribute, message } of configuration.problems) {
    if (!(attribute in listAttributes)) add(fieldFor(attribute, message), message);
  }
  // A list's entry by entry: what each entry adds to the problems of the entries before it.
  const messagesFor = (attribute: string, overrides: Partial<BuilderState>) =>
    resolveState(state, baseUrl, overrides).problems.filter((problem) => problem.attribute === attribute).map((problem) => problem.message);
  const dedicated = requiredHiddenField[chosenDestination(state, baseUrl)?.name ?? 'json'];
  for (const list of ['indicators', 'fieldNames', 'hiddenFields'] as const) {
    const attribute = list === 'indicators' ? 'lead-indicator' : attributeName(list);
    let before: string[] = [];
    state[list].forEach((_, index) => {
      const upTo = messagesFor(attribute, { [list]: state[list].slice(0, index + 1) });
      for (const message of added(before, upTo)) add(entryKey(state, list, index, dedicated), message);
      before = upTo;
    });
  }
  for (const [key, text] of Object.entries(state.strings)) {
    if (text === '') continue;
    for (const message of messagesFor('strings', { strings: { [key]: text } })) add(`strings.${key}`, message);
  }
  return { configuration, byField, all };
}

/** A hidden field that the destination asks for by name has its own field: its problems show there. */
function entryKey(state: BuilderState, list: 'indicators' | 'fieldNames' | 'hiddenFields', index: number, dedicated?: 'oid' | 'form-name'): FieldKey {
  if (list === 'hiddenFields' && dedicated && state.hiddenFields[index][0] === dedicated) return `hiddenFields.${dedicated}`;
  return `${list}.${index}`;
}
