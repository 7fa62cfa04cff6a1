/**
 * The elements as a template or JSX sees them: the properties a host may set, the attributes
 * it may write, and the events with their `detail`. Types only (this module emits no code).
 *
 * Derived from the option table (`src/options.ts`) and the class, so adding an option types it
 * in every framework; the per-framework entries (`lead-capture/react`, `lead-capture/vue`,
 * `lead-capture/svelte`, hand-written in `types/`) only wrap these in each framework's own types.
 */
import type { LeadCaptureEventMap } from '../events.js';
import type { LeadCapture } from '../lead-capture.js';
import type { LeadIndicator } from '../lead-indicator.js';
import type { OptionName, optionTable } from '../options.js';

/** The events `<lead-capture>` fires. */
export type LeadCaptureEventName = keyof LeadCaptureEventMap;

/** `offerId` → `offer-id`, as `attributeName` does at run time. */
type Kebab<Name extends string> = Name extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `-${Lowercase<First>}`}${Kebab<Rest>}`
  : Name;

/** Options that take JSON as an attribute; a framework may also hand them over as JSON text, which works whenever the element is defined. */
type JsonOption = { [Name in OptionName]: (typeof optionTable)[Name]['kind'] extends 'json' ? Name : never }[OptionName];

/** Options that are properties only (functions): no attribute. */
type PropertyOnly = { [Name in OptionName]: (typeof optionTable)[Name]['kind'] extends 'property' ? Name : never }[OptionName];

/** Options that are whole numbers. */
type NumberOption = { [Name in OptionName]: (typeof optionTable)[Name]['kind'] extends 'number' ? Name : never }[OptionName];

/**
 * A property as a host may set it: what it reads back, and JSON options also as JSON text and
 * numbers also as text (as an attribute writes them; the widget checks either).
 */
type Settable<Name extends keyof LeadCapture> = Name extends JsonOption ? LeadCapture[Name] | string : Name extends NumberOption ? number | string : LeadCapture[Name];

/** The properties a host may set: every option, and `lang`. `state` is read-only and left out. */
export type LeadCaptureProperties = { [Name in OptionName | 'lang']?: Settable<Name> };

/**
 * What an attribute may be written as: literal unions stay literal, a boolean is `"true"` or
 * `"false"`, anything else is text (numbers may be given as numbers; they are written as text).
 */
type AsAttribute<T> = [NonNullable<T>] extends [boolean]
  ? 'true' | 'false'
  : [NonNullable<T>] extends [string]
    ? string extends NonNullable<T>
      ? string
      : NonNullable<T>
    : string | number;

/** The attributes whose names differ from their property's (`offer-id`), typed from the property; functions have none. */
export type LeadCaptureAttributes = {
  [Name in OptionName as Kebab<Name> extends Name ? never : Name extends PropertyOnly ? never : Kebab<Name>]?: AsAttribute<
    Settable<Name>
  >;
};

/** `on<event>` handlers, each receiving its `CustomEvent<detail>` (React 19 and Svelte 5 spell them so). */
export type LeadCaptureEventHandlers = {
  [Name in LeadCaptureEventName as `on${Name}`]?: (event: LeadCaptureEventMap[Name]) => void;
};

/** Everything `<lead-capture>` accepts in a template besides the host framework's own HTML attributes. */
export type LeadCaptureElementProps = LeadCaptureProperties & LeadCaptureAttributes & LeadCaptureEventHandlers;

/** What `<lead-indicator>` accepts: `value` (the code sent in the lead); the label is its text content. */
export type LeadIndicatorElementProps = Partial<Pick<LeadIndicator, 'value'>>;
