import { isRecord } from './delivery/destinations/answers.js';
import { destinationFor, isDestinationName, destinationNames, type DeliveryTarget, type DestinationName } from './delivery/destinations/index.js';
import { destinations } from './delivery/destinations/registry.js';
import { siteFields } from './delivery/destinations/site-fields.js';
import * as messages from './messages.js';
import type { CaptureSettings } from './lead/build.js';
import { fieldLimits, type Indicator } from './lead/schema.js';
import type { Classifier } from './lead/temperature.js';
import { isContactPreference, isOfferKind, offerKinds } from './lead/vocabulary.js';
import { attributeName, optionTable, type NumberOptionName, type OptionName, type OptionSpec, type RawConfiguration } from './options.js';

/**
 * Options in, validated configuration out. A marketer's typo must produce one clear
 * message and a safe fallback, never a broken page or a lead posted to the wrong place.
 */

export interface ConfigurationProblem {
  attribute: string;
  message: string;
}

export interface DeliverySettings {
  /** Retries after the first attempt. */
  retries: number;
  /** Milliseconds per attempt. */
  timeout: number;
}

export interface Configuration {
  settings: CaptureSettings;
  delivery: DeliverySettings;
  /** The time trap: milliseconds a person takes at least to type 100 characters key by key. */
  minimumFillTime: number;
  /** The preference the form starts on: only ever "none". */
  initialPreference?: 'none';
  /** Absolute endpoint URL, or undefined when leads must not be sent anywhere. */
  endpoint?: string;
  /** Where and how leads go; undefined exactly when `endpoint` is. */
  target?: DeliveryTarget;
  /** Text overrides that passed their checks (known keys, texts, within the limit). */
  strings: Record<string, string>;
  /** The indicators given as an option (property, attribute or config child), when given. */
  indicators?: unknown[];
  trackRepeats: boolean;
  /** The name of the page's data layer array, when analytics are on. */
  dataLayer?: string;
  classify?: Classifier;
  problems: ConfigurationProblem[];
}

type OptionCheck = { accepts(value: unknown): boolean; expected: string };

const isText = (value: unknown): value is string => typeof value === 'string';
const textsOnly = (value: unknown) => isRecord(value) && Object.values(value).every(isText);

/** What each kind of option must look like, and what to write instead. */
const optionChecks: Record<string, OptionCheck> = {
  text: { accepts: isText, expected: 'text' },
  // Any number (NaN too), so the range check below can quote it.
  number: { accepts: (value) => typeof value === 'number' || isText(value), expected: 'a whole number' },
  flag: { accepts: (value) => typeof value === 'boolean' || isText(value), expected: 'true or false' },
  function: { accepts: (value) => typeof value === 'function', expected: 'a function' },
  fieldNames: { accepts: textsOnly, expected: 'an object of texts, like {"name": "lastname"}' },
  hiddenFields: { accepts: textsOnly, expected: 'an object of texts, like {"form-name": "leads"}' },
  strings: { accepts: isRecord, expected: 'a JSON object of texts, like {"submitDownload": "Send me the report"}' },
  indicators: { accepts: Array.isArray, expected: 'an array like [{"value": "slow-close", "label": "Month-end close takes over a week"}]' },
};

function checkFor(name: OptionName): OptionCheck {
  return optionChecks[name] ?? optionChecks[optionTable[name].kind];
}

/**
 * The options that have the right type. JSON options given as text are parsed: an attribute,
 * or a framework that set the property to a JSON string. Text that says `[object Object]` is
 * an array or object a framework wrote as an attribute before the element was defined.
 */
function typedOptions(raw: RawConfiguration, problems: ConfigurationProblem[]): RawConfiguration {
  const typed: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(raw) as [OptionName, unknown][]) {
    if (given === undefined || given === null || !(name in optionTable)) continue;
    let value = given;
    const attribute = attributeName(name);
    if (optionTable[name].kind === 'json' && typeof value === 'string') {
      if (value.startsWith('[object ')) {
        problems.push({ attribute, message: messages.objectAsText(attribute, value, name) });
        continue;
      }
      try {
        value = JSON.parse(value);
      } catch (error) {
        problems.push({ attribute, message: messages.notJson(attribute, error, checkFor(name).expected) });
        continue;
      }
    }
    // An attribute is always text, which every text, number and flag option takes (its value
    // is checked below): a page configured by attributes builds no schema before first paint.
    const text = typeof value === 'string' && optionTable[name].kind !== 'json' && optionTable[name].kind !== 'function';
    if (text) {
      typed[name] = value;
      continue;
    }
    const { accepts, expected } = checkFor(name);
    if (accepts(value)) typed[name] = value;
    else problems.push({ attribute, message: messages.wrongType(attribute, expected) });
  }
  return typed;
}

/**
 * Options in, configuration out. `knownStrings` are the keys of the texts (`strings`).
 * `underneath` holds the options of the JSON config child: each is replaced by the element's,
 * except `strings`, whose texts merge (the element's over the child's).
 */
export function resolveConfiguration(raw: RawConfiguration, baseUrl: string, knownStrings: readonly string[] = [], underneath: RawConfiguration = {}): Configuration {
  const problems: ConfigurationProblem[] = [];
  const childStrings = raw.strings !== undefined && underneath.strings !== undefined ? typedOptions({ strings: underneath.strings }, problems).strings : undefined;
  const options = typedOptions({ ...underneath, ...raw }, problems) as { [Name in OptionName]?: Name extends NumberOptionName ? number | string : Name extends 'trackRepeats' ? boolean | string : Name extends 'indicators' ? unknown[] : Name extends 'fieldNames' | 'hiddenFields' | 'strings' ? Record<string, string> : Name extends 'classify' ? Classifier : string };
  const endpoint = resolveEndpoint(options.endpoint, baseUrl, problems);
  const requestedOffer = options.offer?.trim() || 'download';
  const offer = isOfferKind(requestedOffer) ? requestedOffer : 'download';
  if (offer !== requestedOffer) problems.push({ attribute: 'offer', message: messages.notOneOf('offer', requestedOffer, offer, offerKinds) });
  const number = (name: NumberOptionName) => boundedInteger(name, options[name], problems);
  // Each limit is the lead schema's own: a value it would refuse is caught here, once,
  // instead of failing every submission as an invalid lead.
  const settings: CaptureSettings = {
    offer,
    offerId: boundedText('offerId', options.offerId, problems),
    offerTitle: boundedText('offerTitle', options.offerTitle, problems),
    assetHref: safeLink('assetHref', options.assetHref, baseUrl, problems),
    privacyHref: safeLink('privacyHref', options.privacyHref, baseUrl, problems),
    consentVersion: boundedText('consentVersion', options.consentVersion, problems),
    jurisdiction: boundedText('jurisdiction', options.jurisdiction, problems),
    controller: boundedText('controller', options.controller, problems),
    maxCallAttempts: number('maxCallAttempts'),
  };
  const delivery: DeliverySettings = { retries: number('retries'), timeout: number('timeout') };
  const minimumFillTime = number('minFillMs');
  const target = endpoint === undefined ? undefined : resolveTarget(endpoint, options, number('subscriptionTypeId'), problems);
  const strings = {
    ...(childStrings ? stringOverridesFrom(childStrings as Record<string, unknown>, knownStrings, problems) : {}),
    ...(options.strings ? stringOverridesFrom(options.strings, knownStrings, problems) : {}),
  };
  return {
    settings,
    delivery,
    minimumFillTime,
    endpoint: target?.endpoint,
    target,
    initialPreference: initialPreference(options.preference, problems),
    strings,
    ...(options.indicators ? { indicators: options.indicators } : {}),
    trackRepeats: options.trackRepeats !== false && options.trackRepeats !== 'false',
    ...(options.dataLayer !== undefined ? { dataLayer: dataLayerName(options.dataLayer, problems) } : {}),
    ...(options.classify ? { classify: options.classify } : {}),
    problems,
  };
}

/**
 * The destination: as named, or chosen from the endpoint's address. One that cannot work
 * without a setting (Salesforce's `oid`, Netlify's `form-name`, Mautic's form id) says so and
 * sends nothing: the widget shows its notice and the download, as for a missing endpoint.
 */
function resolveTarget(
  endpoint: string,
  options: { destination?: string; fieldNames?: Record<string, string>; hiddenFields?: Record<string, string> },
  subscriptionTypeId: number,
  problems: ConfigurationProblem[],
): DeliveryTarget | undefined {
  const automatic = destinationFor(new URL(endpoint));
  const requested = options.destination?.trim();
  let destination: DestinationName = automatic;
  // Apps Script's answer is a redirect, taken as "sent": only where Google's service gives it.
  if (requested === 'apps-script' && automatic !== requested) problems.push({ attribute: 'destination', message: messages.appsScriptElsewhere(automatic) });
  else if (requested && isDestinationName(requested)) destination = requested;
  else if (requested) problems.push({ attribute: 'destination', message: messages.notOneOf('destination', requested, automatic, destinationNames) });
  const target: DeliveryTarget = { endpoint, destination };
  const fields = siteFields(destinations[destination], options.fieldNames, options.hiddenFields);
  for (const { option, message } of fields.refused) problems.push({ attribute: option, message });
  if (options.fieldNames) target.fieldNames = fields.fieldNames;
  if (options.hiddenFields) target.hiddenFields = fields.hiddenFields;
  // 0 stands for "none": the fallback when the value is not a whole number.
  if (subscriptionTypeId) target.subscriptionTypeId = subscriptionTypeId;
  const missing = destinations[destination].missing?.(target);
  if (missing) {
    problems.push({ attribute: 'destination', message: messages.destinationNeeds(missing) });
    return undefined;
  }
  return target;
}

/**
 * `data-layer`: the name of the page's array analytics read (`dataLayer` when empty). Only a
 * plain name: `__proto__` or `constructor` would reach into objects the page did not name.
 */
function dataLayerName(value: string, problems: ConfigurationProblem[]): string | undefined {
  const name = value.trim() || 'dataLayer';
  if (/^[A-Za-z_$][\w$]*$/.test(name) && !['__proto__', 'constructor', 'prototype'].includes(name)) return name;
  problems.push({ attribute: 'data-layer', message: messages.notVariableName(name) });
  return undefined;
}

/**
 * Privacy by default: a site may start the form on "none" (the choice that shares
 * nothing), never on a choice that lets it contact the prospect.
 */
function initialPreference(value: string | undefined, problems: ConfigurationProblem[]): 'none' | undefined {
  const preference = value?.trim();
  if (!preference) return undefined;
  if (preference === 'none') return 'none';
  problems.push({ attribute: 'preference', message: messages.preselected(preference, isContactPreference(preference)) });
  return undefined;
}

/**
 * A whole number within the option's limits, or its fallback with a problem explaining the
 * accepted range. Only plain decimal digits count: `Number()` would read "" as 0, "1e1" as 10
 * and "0x2" as 2, none of which anyone means in an attribute.
 */
function boundedInteger(name: NumberOptionName, value: number | string | undefined, problems: ConfigurationProblem[]): number {
  const { min, max, fallback } = optionTable[name];
  if (value === undefined) return fallback;
  const number = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(number) && number >= min && number <= max) return number;
  const attribute = attributeName(name);
  problems.push({ attribute, message: messages.notWholeNumber(attribute, String(value), min, max, fallback) });
  return fallback;
}

/**
 * A text the lead carries, within the schema's limit. Over it, a title or a name is cut
 * (still readable), an identifier is left out (a cut identifier would name something else).
 */
function boundedText(name: 'offerId' | 'offerTitle' | 'consentVersion' | 'jurisdiction' | 'controller', value: string | undefined, problems: ConfigurationProblem[]): string | undefined {
  const text = present(value);
  const limit = fieldLimits.offerText;
  if (text === undefined || text.length <= limit) return text;
  const cut = optionTable[name].limit === 'cut';
  const attribute = attributeName(name);
  problems.push({ attribute, message: messages.overLimit(attribute, text.length, limit, cut ? 'cut' : 'left out') });
  return cut ? text.slice(0, limit) : undefined;
}

function resolveEndpoint(value: string | undefined, baseUrl: string, problems: ConfigurationProblem[]): string | undefined {
  const endpoint = value?.trim();
  if (!endpoint) {
    problems.push({ attribute: 'endpoint', message: messages.endpointMissing });
    return undefined;
  }
  const url = urlOf(endpoint, baseUrl);
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    problems.push({ attribute: 'endpoint', message: messages.notHttp('endpoint', endpoint, 'no lead is sent') });
    return undefined;
  }
  // Browsers refuse to fetch such a URL, and the secret would be stored with every queued lead.
  if (url.username || url.password) {
    problems.push({ attribute: 'endpoint', message: messages.endpointCredentials });
    return undefined;
  }
  return url.href;
}

/**
 * A link the widget renders: only http(s), or a path on the page's own site. A
 * `javascript:` or `data:` URL in an attribute would run code when the prospect clicks.
 */
function safeLink(name: 'assetHref' | 'privacyHref', value: string | undefined, baseUrl: string, problems: ConfigurationProblem[]): string | undefined {
  const link = present(value);
  const attribute = attributeName(name);
  if (!link) return undefined;
  if (link.length > fieldLimits.href) {
    problems.push({ attribute, message: messages.overLimit(attribute, link.length, fieldLimits.href, 'not linked') });
    return undefined;
  }
  const protocol = urlOf(link, baseUrl)?.protocol;
  if (protocol === 'http:' || protocol === 'https:') return link;
  problems.push({ attribute, message: messages.notHttp(attribute, link, 'not linked') });
  return undefined;
}

function urlOf(text: string, baseUrl: string): URL | undefined {
  try {
    return new URL(text, baseUrl);
  } catch {
    return undefined;
  }
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Indicator problems: duplicates would make two checkboxes indistinguishable in the lead,
 * and an indicator without a label cannot be offered to a person.
 */
export function checkIndicators(indicators: readonly unknown[]): { indicators: Indicator[]; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const seen = new Set<string>();
  const usable: Indicator[] = [];
  const attribute = 'lead-indicator';
  if (indicators.length > fieldLimits.indicators) problems.push({ attribute, message: messages.onlyFirst(indicators.length, 'indicators', fieldLimits.indicators) });
  for (const indicator of indicators.slice(0, fieldLimits.indicators) as Partial<Record<'value' | 'label', unknown>>[]) {
    const value = typeof indicator?.value === 'string' ? indicator.value.trim() : undefined;
    const label = typeof indicator?.label === 'string' ? indicator.label.trim() : undefined;
    if (!value || !label) {
      problems.push({ attribute, message: messages.indicatorIncomplete(value ?? '', label ?? '') });
      continue;
    }
    if (seen.has(value)) {
      problems.push({ attribute, message: messages.indicatorTwice(value) });
      continue;
    }
    if (value.length > fieldLimits.indicatorValue || label.length > fieldLimits.indicatorLabel) {
      problems.push({ attribute, message: messages.entryTooLong('indicator', value, 'label', fieldLimits.indicatorValue, fieldLimits.indicatorLabel) });
      continue;
    }
    seen.add(value);
    usable.push({ value, label });
  }
  return { indicators: usable, problems };
}

/** Text overrides: unknown keys (usually a typo) and values that are not text are reported, the rest used. */
export function stringOverridesFrom(overrides: Record<string, unknown>, knownKeys: readonly string[], problems: ConfigurationProblem[]): Record<string, string> {
  const strings: Record<string, string> = {};
  const unknown: string[] = [];
  const tooLong: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!knownKeys.includes(key) || typeof value !== 'string') unknown.push(key);
    // A label becomes the consent text of the lead, which the schema limits.
    else if (value.length > fieldLimits.consentText) tooLong.push(key);
    else strings[key] = value;
  }
  if (unknown.length) problems.push({ attribute: 'strings', message: messages.unknownStrings(unknown) });
  if (tooLong.length) problems.push({ attribute: 'strings', message: messages.longStrings(fieldLimits.consentText, tooLong) });
  return strings;
}

/**
 * Declarative configuration without JavaScript on the page (and without 'unsafe-inline':
 * a JSON script is data, never run): any option by property name, `strings` and
 * `indicators` included. Attributes and properties win over it.
 */
export function parseChildConfiguration(json: string | null | undefined): { options: RawConfiguration; problems: ConfigurationProblem[] } {
  if (!json?.trim()) return { options: {}, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { options: {}, problems: [{ attribute: 'config', message: messages.childNotJson(error) }] };
  }
  if (!isRecord(parsed)) return { options: {}, problems: [{ attribute: 'config', message: messages.childNotObject }] };
  const options: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    const spec: OptionSpec | undefined = Object.hasOwn(optionTable, key) ? optionTable[key as OptionName] : undefined;
    if (spec && spec.kind !== 'function') options[key] = value;
    else unknown.push(key);
  }
  const problems = unknown.length ? [{ attribute: 'config', message: messages.childUnknownOptions(unknown) }] : [];
  return { options, problems };
}
