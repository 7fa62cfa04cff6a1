import type { PropertyDeclaration } from 'lit';

/**
 * Every option of `<lead-capture>` in one table: the property, its kind, its limits and its
 * default. The attribute is the property in kebab case (`offerId` → `offer-id`). The element's
 * reactive properties, the configuration's raw type, the keys the JSON config child accepts and
 * the range checks all come from here, so adding an option touches this table and, for what
 * it means, `config.ts`.
 *
 * Kinds:
 * - `text`: a string. `limit` (the lead schema's) says what happens over it: `cut` keeps a
 *   readable title, `leave-out` drops an identifier that cut would name something else,
 *   `link` is an http(s) URL or path rendered as a link.
 * - `number`: a whole number from `min` to `max`, `fallback` otherwise. Attributes hold text,
 *   so the text is kept as written and checked (plain digits only) when the configuration is resolved.
 * - `json`: an object or array; as an attribute, JSON text.
 * - `flag`: on unless the attribute says `"false"`.
 * - `function`: a property only.
 * `reflect` mirrors the property to its attribute, for styling (`theme`).
 */
export const optionTable = {
  endpoint: { kind: 'text' },
  destination: { kind: 'text' },
  fieldNames: { kind: 'json' },
  hiddenFields: { kind: 'json' },
  subscriptionTypeId: { kind: 'number', min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 0 },
  offer: { kind: 'text' },
  offerId: { kind: 'text', limit: 'leave-out' },
  offerTitle: { kind: 'text', limit: 'cut' },
  assetHref: { kind: 'text', limit: 'link' },
  privacyHref: { kind: 'text', limit: 'link' },
  consentVersion: { kind: 'text', limit: 'leave-out' },
  jurisdiction: { kind: 'text', limit: 'leave-out' },
  controller: { kind: 'text', limit: 'cut' },
  maxCallAttempts: { kind: 'number', min: 0, max: 10, fallback: 2 },
  preference: { kind: 'text' },
  trackRepeats: { kind: 'flag' },
  minFillMs: { kind: 'number', min: 0, max: 60_000, fallback: 2000 },
  retries: { kind: 'number', min: 0, max: 10, fallback: 3 },
  timeout: { kind: 'number', min: 100, max: 120_000, fallback: 10_000 },
  indicators: { kind: 'json' },
  strings: { kind: 'json' },
  dataLayer: { kind: 'text' },
  classify: { kind: 'function' },
  theme: { kind: 'text', reflect: true },
} as const satisfies Record<string, OptionSpec>;

export type OptionSpec =
  | { kind: 'text'; limit?: 'cut' | 'leave-out' | 'link'; reflect?: true }
  | { kind: 'number'; min: number; max: number; fallback: number }
  | { kind: 'json' | 'flag' | 'function' };

export type OptionName = keyof typeof optionTable;
export type NumberOptionName = { [Name in OptionName]: (typeof optionTable)[Name]['kind'] extends 'number' ? Name : never }[OptionName];

/** A number option as written: a property may hold a number, an attribute always holds text. */
export type WholeNumberInput = number | string | null | undefined;

/** What the element's attributes, properties and JSON child hold for each option, unchecked. */
export type RawConfiguration = {
  [Name in OptionName]?: (typeof optionTable)[Name]['kind'] extends 'number' ? WholeNumberInput : unknown;
};

/** `offerId` → `offer-id`. */
export const attributeName = (property: string): string => property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * A JSON attribute's value. Text that is not JSON is kept as written, so the configuration can
 * say what is wrong with it (a framework that stringified an array writes `[object Object]`).
 */
const jsonConverter = {
  fromAttribute(value: string | null): unknown {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  },
};

/** Lit's declaration of each option: attribute name and how its text becomes a value. */
export const optionProperties: Record<string, PropertyDeclaration> = Object.fromEntries(
  Object.entries(optionTable as Record<string, OptionSpec>).map(([property, spec]) => [
    property,
    spec.kind === 'function'
      ? { attribute: false }
      : {
          attribute: attributeName(property),
          reflect: 'reflect' in spec,
          ...(spec.kind === 'json' ? { converter: jsonConverter } : {}),
          ...(spec.kind === 'flag' ? { converter: { fromAttribute: (value: string | null) => value !== 'false' } } : {}),
        },
  ]),
);

/** The options a host has set (attribute or property), by property name; unset ones are left out. */
export function setOptions(host: object): RawConfiguration {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(optionTable)) {
    const value = (host as Record<string, unknown>)[name];
    if (value !== undefined && value !== null) values[name] = value;
  }
  return values;
}
