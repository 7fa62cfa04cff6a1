import type { Indicator } from '../src/lead/schema.js';
import { optionNames, optionTable, type OptionName, type OptionSpec, type RawOptions } from '../src/options.js';
import { widgetVersion } from '../src/version.js';

/**
 * What the builder holds, and the one document it is written as. The document is the JSON of
 * the options that differ from the widget's defaults, by property name as the widget's JSON
 * config child takes them, then the page-level settings (`lang`, `cssProperties`,
 * `scriptSrc`). It is what the share link carries (`#config=` + base64url of its JSON), what
 * the code is written from, and what Import and a share link restore. Defaults come from the
 * option table (`src/options.ts`), never from here.
 */

/** Options that are lists or objects: each has its own editor. */
export type ListOption = 'indicators' | 'strings' | 'fieldNames' | 'hiddenFields';
/** `classify` is a function: set in JavaScript only. */
export type ScalarOption = Exclude<OptionName, ListOption | 'classify'>;

/** A name/value pair being edited (field names, hidden fields): names may still be empty or repeated. */
export type Pair = [name: string, value: string];

export interface BuilderState {
  /** Each scalar option as typed: text for text, links, numbers and choices; a boolean for a flag. Absent: the default. */
  values: Partial<Record<ScalarOption, string | boolean>>;
  indicators: Indicator[];
  fieldNames: Pair[];
  hiddenFields: Pair[];
  /** Text overrides by key of the strings table. */
  strings: Record<string, string>;
  /** The widget's `lang`; empty: the page's language. */
  lang: string;
  /** `--lead-capture-*` custom properties set by the site. */
  cssProperties: Record<string, string>;
  /** Where the page loads the script from; empty: the npm CDN address. */
  scriptSrc: string;
}

/** The script's default address: the npm package on unpkg, at the widget's own version. */
export const defaultScriptSrc = `https://unpkg.com/lead-capture@${widgetVersion}/dist/lead-capture.iife.js`;

export function emptyState(): BuilderState {
  return { values: {}, indicators: [], fieldNames: [], hiddenFields: [], strings: {}, lang: '', cssProperties: {}, scriptSrc: '' };
}

export const scalarOptions = optionNames.filter((name): name is ScalarOption => !['indicators', 'strings', 'fieldNames', 'hiddenFields', 'classify'].includes(name));

/** The option's default as the table gives it (undefined: unset). */
export function defaultOf(name: OptionName): string | number | boolean | undefined {
  const spec: OptionSpec = optionTable[name];
  return 'fallback' in spec ? spec.fallback : undefined;
}

/**
 * The value the document records for a scalar option, or undefined when it is the default. Text
 * that is blank is unset (the widget trims it); whole numbers are written as numbers; anything
 * else as typed, so an invalid value reopens as it was (and the widget reports it the same way).
 * `dataLayer` is the exception: present, even empty, turns the data layer on.
 */
export function documentValue(name: ScalarOption, value: string | boolean | undefined): string | number | boolean | undefined {
  if (value === undefined) return undefined;
  const spec: OptionSpec = optionTable[name];
  const fallback = defaultOf(name);
  if (typeof value === 'boolean') return value === fallback ? undefined : value;
  if (name === 'dataLayer') return value.trim();
  if (!value.trim()) return undefined;
  if (spec.kind === 'number' && /^\s*\d+\s*$/.test(value)) {
    const number = Number(value);
    return number === fallback ? undefined : number;
  }
  if (spec.kind === 'choice') return value.trim() === fallback ? undefined : value.trim();
  return value;
}

export type ConfigDocument = Record<string, unknown>;

/** The non-default options, in the table's order, then `lang`, `cssProperties` and `scriptSrc`. */
export function toDocument(state: BuilderState): ConfigDocument {
  const document: ConfigDocument = {};
  for (const name of optionNames) {
    if (name === 'indicators') {
      if (state.indicators.length) document.indicators = state.indicators.map(({ value, label }) => ({ value, label }));
    } else if (name === 'strings') {
      const strings = Object.fromEntries(Object.entries(state.strings).filter(([, text]) => text !== ''));
      if (Object.keys(strings).length) document.strings = strings;
    } else if (name === 'fieldNames' || name === 'hiddenFields') {
      if (state[name].length) document[name] = Object.fromEntries(state[name]);
    } else if (name !== 'classify') {
      const value = documentValue(name, state.values[name]);
      if (value !== undefined) document[name] = value;
    }
  }
  if (state.lang.trim()) document.lang = state.lang.trim();
  const cssProperties = Object.fromEntries(Object.entries(state.cssProperties).filter(([, value]) => value.trim() !== '').map(([name, value]) => [name, value.trim()]));
  if (Object.keys(cssProperties).length) document.cssProperties = cssProperties;
  if (state.scriptSrc.trim() && state.scriptSrc.trim() !== defaultScriptSrc) document.scriptSrc = state.scriptSrc.trim();
  return document;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * A document (from a share link or an import) back into the builder. What it cannot hold is
 * named in `ignored` (unknown keys, a function, lists that are not lists).
 */
export function fromDocument(document: ConfigDocument): { state: BuilderState; ignored: string[] } {
  const state = emptyState();
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (key === 'indicators' && Array.isArray(value)) {
      state.indicators = value.map((entry) => ({ value: text(isRecord(entry) ? entry.value : ''), label: text(isRecord(entry) ? entry.label : '') }));
    } else if (key === 'strings' && isRecord(value)) {
      state.strings = Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, text(entry)]));
    } else if ((key === 'fieldNames' || key === 'hiddenFields') && isRecord(value)) {
      state[key] = Object.entries(value).map(([name, entry]): Pair => [name, text(entry)]);
    } else if ((scalarOptions as string[]).includes(key)) {
      const name = key as ScalarOption;
      state.values[name] = optionTable[name].kind === 'flag' && typeof value === 'boolean' ? value : text(value);
    } else if (key === 'lang' || key === 'scriptSrc') {
      state[key] = text(value);
    } else if (key === 'cssProperties' && isRecord(value)) {
      state.cssProperties = Object.fromEntries(Object.entries(value).filter(([name]) => name.startsWith('--lead-capture-')).map(([name, entry]) => [name, text(entry)]));
    } else {
      ignored.push(key);
    }
  }
  return { state, ignored };
}

/**
 * The options as the widget receives them from the code: what `resolveConfiguration` checks.
 * The same values the snippet writes (attributes are text; the JSON child holds the objects).
 */
export function rawOptions(state: BuilderState): RawOptions {
  const document = toDocument(state);
  const raw: RawOptions = {};
  for (const name of optionNames) if (name in document) raw[name] = typeof document[name] === 'number' || typeof document[name] === 'boolean' ? String(document[name]) : document[name];
  return raw;
}

/** The options of a document only (no page-level settings). */
export function optionEntries(document: ConfigDocument): [OptionName, unknown][] {
  return optionNames.filter((name) => name in document).map((name) => [name, document[name]]);
}

export const fragmentPrefix = '#config=';

/** `#config=` + base64url of the document's JSON (UTF-8). */
export function toFragment(document: ConfigDocument): string {
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return fragmentPrefix + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The document a `#config=` fragment holds; undefined for any other fragment or one that does not decode to a JSON object. */
export function fromFragment(fragment: string): ConfigDocument | undefined {
  if (!fragment.startsWith(fragmentPrefix)) return undefined;
  try {
    const base64 = fragment.slice(fragmentPrefix.length).replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (character) => character.charCodeAt(0))));
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
