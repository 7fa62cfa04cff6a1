/**
 * The elements as a template or JSX sees them: the properties a host may set, the attributes
 * it may write, and the events with their `detail`. Types only (this module emits no code).
 *
 * Derived from the classes (`Pick<LeadCapture, …>`, `HTMLElementEventMap`), so the classes stay
 * the one source of truth; the per-framework entries (`lead-capture/react`, `lead-capture/vue`,
 * `lead-capture/svelte`, hand-written in `types/`) only wrap these in each framework's own types.
 */
import type { LeadCapture, LeadIndicator, OfferKind } from '../index.js';

/** The events `<lead-capture>` fires. */
export type LeadCaptureEventName = 'lead-submit' | 'lead-sent' | 'lead-queued' | 'lead-spam' | 'lead-error';

/** Each event with its type, as the element declares it in `HTMLElementEventMap`. */
export type LeadCaptureEventMap = Pick<HTMLElementEventMap, LeadCaptureEventName>;

/**
 * Options the element's contract promises that this version of the class does not declare
 * yet. As soon as the class declares one, the class's own type is used instead (see
 * `LeadCaptureProperties`), so nothing here can drift from it.
 */
interface PromisedProperties {
  /** The name of a `window` array (Google Tag Manager's `dataLayer`) the widget pushes its events to. */
  dataLayer?: string;
}

/** The properties a host may set; `state` is read-only and left out on purpose. */
type SettableProperty =
  | 'endpoint'
  | 'destination'
  | 'subscriptionTypeId'
  | 'fieldNames'
  | 'hiddenFields'
  | 'offerId'
  | 'offerTitle'
  | 'assetHref'
  | 'privacyHref'
  | 'consentVersion'
  | 'controller'
  | 'jurisdiction'
  | 'maxCallAttempts'
  | 'preference'
  | 'trackRepeats'
  | 'minFillMs'
  | 'retries'
  | 'timeout'
  | 'indicators'
  | 'classify'
  | 'strings'
  | 'theme'
  | 'lang'
  | 'dataLayer';

/**
 * The properties of `<lead-capture>` a host may set, typed as the class types them. `offer`
 * is narrowed to the values the element accepts (the class takes any string and reports
 * unknown ones at run time).
 */
export type LeadCaptureProperties = Partial<Pick<LeadCapture, Extract<SettableProperty, keyof LeadCapture>>> &
  Omit<PromisedProperties, keyof LeadCapture> & {
    offer?: OfferKind;
  };

/** Attribute name → the property it sets, for the attributes whose name differs from the property's. */
interface RenamedAttributes {
  'subscription-type-id': 'subscriptionTypeId';
  'offer-id': 'offerId';
  'offer-title': 'offerTitle';
  'asset-href': 'assetHref';
  'privacy-href': 'privacyHref';
  'consent-version': 'consentVersion';
  'max-call-attempts': 'maxCallAttempts';
  'track-repeats': 'trackRepeats';
  'min-fill-ms': 'minFillMs';
  'data-layer': 'dataLayer';
}

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

type PropertyType<K extends string> = K extends keyof LeadCaptureProperties ? LeadCaptureProperties[K] : never;

/**
 * The attributes of `<lead-capture>` whose names differ from their property's (`offer-id`),
 * typed from the property. The attributes named like their property (`endpoint`, `offer`,
 * `retries`, …) are covered by `LeadCaptureProperties`; `indicators` and `strings` also take
 * JSON as attributes in plain HTML.
 */
export type LeadCaptureAttributes = {
  [A in keyof RenamedAttributes]?: AsAttribute<PropertyType<RenamedAttributes[A]>>;
};

/** `on<event>` handlers, each receiving its `CustomEvent<detail>` (React 19 and Svelte 5 spell them so). */
export type LeadCaptureEventHandlers = {
  [K in LeadCaptureEventName as `on${K}`]?: (event: LeadCaptureEventMap[K]) => void;
};

/** Everything `<lead-capture>` accepts in a template besides the host framework's own HTML attributes. */
export type LeadCaptureElementProps = LeadCaptureProperties & LeadCaptureAttributes & LeadCaptureEventHandlers;

/** What `<lead-indicator>` accepts: `value` (the code sent in the lead); the label is its text content. */
export type LeadIndicatorElementProps = Partial<Pick<LeadIndicator, 'value'>>;
