import type { PropertyDeclaration } from 'lit';
import { destinationNames } from './delivery/destinations/names.js';
import type { LeadCaptureStrings } from './i18n/strings.js';
import type { Indicator } from './lead/schema.js';
import type { Classifier } from './lead/temperature.js';
import { offerKinds } from './lead/vocabulary.js';

/**
 * Every option of `<lead-capture>`, once. An entry is the option's property name; its kind
 * says its type, its default, its range and how it is checked (`config/resolve.ts` has one
 * check per kind); its doc comment is its documentation. From this table come the element's
 * properties and attributes (the name in kebab case: `offerId` → `offer-id`), what a property
 * reads back, the keys of the JSON config child, the framework typings (`hosts/types.ts`), the
 * manifest and the reference page (both read the doc comments from this file), and the
 * builder's controls. Adding an option is adding an entry.
 */
export const optionTable = {
  /** Where the lead is POSTed: a path (`/api/leads`) or an http(s) URL. Required; reads back as an absolute URL. */
  endpoint: { kind: 'endpoint' },
  /**
   * How the lead is handed over: `json`, `form`, `apps-script`, `hubspot`, `formspree`, `mautic`, `netlify` or
   * `salesforce`. Chosen from the endpoint's address when absent; reads back the destination in use.
   */
  destination: { kind: 'choice', values: destinationNames },
  /** Our flat field names mapped to the destination's (`{"name": "lastname"}`); as an attribute, JSON. */
  fieldNames: json<Record<string, string>>(),
  /** Constant fields added to every request (`form-name`, `oid`, `_subject`, HubSpot hidden properties); as an attribute, JSON. At most 20. */
  hiddenFields: json<Record<string, string>>(),
  /** HubSpot: the subscription type a prospect who chose email is subscribed to. */
  subscriptionTypeId: { kind: 'number', min: 1, max: Number.MAX_SAFE_INTEGER },
  /** What the prospect gets: `download`, `newsletter`, `follow`, `event` or `trial`. */
  offer: { kind: 'choice', values: offerKinds, fallback: 'download' },
  /** Your identifier for the offer, sent as `offer.id` (left out when over 200 characters). */
  offerId: { kind: 'text', overLimit: 'left out' },
  /** The offer's title, shown on the download link and sent as `offer.title` (cut at 200 characters). */
  offerTitle: { kind: 'text', overLimit: 'cut' },
  /** The gated content, linked right after submit whatever the prospect chose: a path or an http(s) URL. */
  assetHref: { kind: 'link' },
  /** Your privacy policy, linked under the form and sent as `consent.policyHref`: a path or an http(s) URL. */
  privacyHref: { kind: 'link' },
  /** The version of your consent wording, sent as `consent.version`. */
  consentVersion: { kind: 'text', overLimit: 'left out' },
  /** The jurisdiction whose law governs the consent (for example `EU` or `US-CA`), sent as `consent.jurisdiction`. */
  jurisdiction: { kind: 'text', overLimit: 'left out' },
  /** Your organisation's name, sent as `consent.controller` (who collects the data). */
  controller: { kind: 'text', overLimit: 'cut' },
  /** The most calls a seller may make for a `call` lead, sent as `contactPolicy.maxCallAttempts`. */
  maxCallAttempts: { kind: 'number', min: 0, max: 10, fallback: 2 },
  /** Start the form on a choice. Only `none` is accepted: contact is never preselected. */
  preference: { kind: 'choice', values: ['none'] },
  /**
   * Report earlier conversions in this browser as `repeat` (offer ids only); `track-repeats="false"` turns it off.
   * Always off under Global Privacy Control.
   */
  trackRepeats: { kind: 'flag', fallback: true },
  /**
   * The time trap: the least milliseconds a person takes to type 100 characters key by key. Text typed faster is
   * treated as a bot: not sent, `lead-spam` fires. Choices, clicks, paste and autofill are never timed; 0 turns it off.
   */
  minFillMs: { kind: 'number', min: 0, max: 60_000, fallback: 2000 },
  /** How many times a failed attempt is retried before the lead is queued. */
  retries: { kind: 'number', min: 0, max: 10, fallback: 3 },
  /** Milliseconds one attempt may take before it counts as failed. */
  timeout: { kind: 'number', min: 100, max: 120_000, fallback: 10_000 },
  /**
   * Problem indicators as `{ value, label }` objects; as an attribute, JSON. When set, they replace the
   * `<lead-indicator>` children; reads back the indicators offered.
   */
  indicators: json<Indicator[]>(),
  /** Overrides any of the widget's texts (`{"submitDownload": "Send me the report"}`); as an attribute, JSON. */
  strings: json<Partial<LeadCaptureStrings>>(),
  /**
   * Pushes each outcome to the page's data layer for a tag manager: the name of the array on `window`
   * (`data-layer="dataLayer"`; empty means `dataLayer`). No personal data.
   */
  dataLayer: { kind: 'text' },
  /** Replaces the default temperature rules. Next steps are still limited to the channels the prospect allowed. */
  classify: property<Classifier>(),
  /** `light` or `dark` forces a theme; by default the widget follows `prefers-color-scheme`. */
  theme: { kind: 'choice', values: ['light', 'dark'], reflect: true },
} as const satisfies Record<string, OptionSpec>;

/** What each kind of option can say of itself. */
export type OptionSpec =
  /** A text the lead carries, within the schema's limit; over it, cut (a title) or left out (an identifier). */
  | { kind: 'text'; overLimit?: 'cut' | 'left out' }
  /** A link the widget renders: a path on the site, or an http(s) URL. */
  | { kind: 'link' }
  /** Where leads go: an http(s) URL, resolved against the page. */
  | { kind: 'endpoint' }
  /** A whole number from `min` to `max`; `fallback` otherwise (none: unset). */
  | { kind: 'number'; min: number; max: number; fallback?: number }
  /** On unless the attribute says `"false"`. */
  | { kind: 'flag'; fallback: boolean }
  /** One of `values`; `fallback` otherwise. `reflect` mirrors the value in use to the attribute, for styling. */
  | { kind: 'choice'; values: readonly string[]; fallback?: string; reflect?: true }
  /** An object or array; as an attribute, JSON text. `T` is its type, for the typings only. */
  | JsonSpec<unknown>
  /** A property only (a function). */
  | PropertySpec<unknown>;

declare const valueType: unique symbol;
/** `T` rides along for the types (it is never a value). */
type Typed<T> = { readonly [valueType]?: T };
type JsonSpec<T> = { kind: 'json' } & Typed<T>;
type PropertySpec<T> = { kind: 'property' } & Typed<T>;

function json<T>(): JsonSpec<T> {
  return { kind: 'json' };
}

function property<T>(): PropertySpec<T> {
  return { kind: 'property' };
}

export type OptionName = keyof typeof optionTable;

/** The value an option of this spec is in use with: what its property reads back. */
export type OptionValue<Spec> = Spec extends Typed<infer T> & { kind: 'json' | 'property' }
  ? T | undefined
  : Spec extends { kind: 'number' }
    ? Spec extends { fallback: number } ? number : number | undefined
    : Spec extends { kind: 'flag' }
      ? boolean
      : Spec extends { kind: 'choice'; values: readonly (infer Value)[] }
        ? Spec extends { fallback: string } ? Value : Value | undefined
        : string | undefined;

/** Every option's value in use. */
export type OptionValues = { -readonly [Name in OptionName]: OptionValue<(typeof optionTable)[Name]> };

/** What the element's attributes, properties and JSON child hold for each option, unchecked. */
export type RawOptions = Partial<Record<OptionName, unknown>>;

export const optionNames = Object.keys(optionTable) as OptionName[];

/** `offerId` → `offer-id`. */
export const attributeName = (property: string): string => property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * Lit's declaration of each option. The element defines the accessors itself (a property
 * stores what it is given and reads back the value in use), so Lit only maps the attribute,
 * keeps what it holds as written (text: the configuration checks it) and reflects `theme`.
 * Every write is a change: an invalid value reads back as the default it replaced, and must
 * still be reported.
 */
export const optionProperties: Record<string, PropertyDeclaration> = Object.fromEntries(
  optionNames.map((name) => {
    const spec: OptionSpec = optionTable[name];
    return [name, { attribute: spec.kind !== 'property' && attributeName(name), reflect: 'reflect' in spec, noAccessor: true, hasChanged: () => true }];
  }),
);
