import { isRecord } from '../delivery/destinations/answers.js';
import { destinationFor, destinations } from '../delivery/destinations/index.js';
import { isDestinationName } from '../delivery/destinations/names.js';
import { siteFields } from '../delivery/destinations/site-fields.js';
import type { DeliveryTarget } from '../delivery/destinations/types.js';
import { parseUrl } from '../lead/page-context.js';
import { fieldLimits, type Indicator } from '../lead/schema.js';
import { isContactPreference } from '../lead/vocabulary.js';
import * as messages from '../messages.js';
import { attributeName, optionNames, optionTable, type OptionName, type OptionSpec, type OptionValues, type RawOptions } from '../options.js';
import { checkIndicators, stringOverrides, type Report } from './lists.js';

/**
 * Options in, configuration out: what each option is in use with, where leads go, and one
 * problem per mistake. A marketer's typo must give one clear message and a safe fallback,
 * never a broken page or a lead posted to the wrong place. Each kind of option of the table
 * (`options.ts`) has one check here; the few options that depend on others (the destination,
 * the texts, the indicators) are resolved after them.
 */

export interface ConfigurationProblem {
  /** The attribute (or the element, for a child), named first in the console. */
  attribute: string;
  message: string;
}

export interface Configuration {
  /** Every option's value in use: what its property reads back. */
  values: OptionValues;
  /** Where and how leads go; undefined when leads must not be sent anywhere. */
  target?: DeliveryTarget;
  problems: ConfigurationProblem[];
}

export interface ResolveContext {
  /** The page's URL, which relative addresses are resolved against. */
  baseUrl: string;
  /** The keys of the texts `strings` may override. */
  knownStrings: readonly string[];
  /** The `<lead-indicator>` children, as read from the markup (unchecked). */
  childIndicators?: readonly Partial<Indicator>[];
}

/**
 * `raw`: the element's options (attributes and properties); `underneath`: those of the JSON
 * config child, each replaced by the element's, except `strings`, whose texts merge (the
 * element's over the child's).
 */
export function resolveConfiguration(raw: RawOptions, context: ResolveContext, underneath: RawOptions = {}): Configuration {
  const problems: ConfigurationProblem[] = [];
  const report: Report = (attribute, message) => void problems.push({ attribute, message });
  const given = { ...underneath, ...raw };
  const values = {} as Record<OptionName, unknown>;
  // The texts and the indicators come from more than one place: resolved below.
  for (const name of optionNames) if (name !== 'strings' && name !== 'indicators') values[name] = resolveOption(name, given[name], context.baseUrl, report);

  // Options that depend on others, or need more than their own kind's check.
  const endpoint = values.endpoint as string | undefined;
  const target = endpoint ? resolveTarget(endpoint, given.destination, values as OptionValues, report) : undefined;
  values.destination = endpoint ? (target?.destination ?? destinationFor(new URL(endpoint))) : undefined;
  if (target) Object.assign(values, { fieldNames: target.fieldNames, hiddenFields: target.hiddenFields });
  values.strings = resolveStrings(underneath.strings, raw.strings, context, report);
  // The element's option, else the <lead-indicator> children, else the config child's.
  const indicators = (value: unknown) => (value == null ? undefined : (jsonValue('indicators', 'indicators', value, report) as unknown[] | undefined));
  values.indicators = checkIndicators(indicators(raw.indicators) ?? (context.childIndicators?.length ? context.childIndicators : indicators(underneath.indicators)) ?? [], report);
  if (given.dataLayer != null) values.dataLayer = dataLayerName(String(values.dataLayer ?? ''), report);
  return { values: values as OptionValues, target, problems };
}


/** The value in use for one option, by the check of its kind; a mistake is reported and the default used. */
function resolveOption(name: OptionName, value: unknown, baseUrl: string, report: Report): unknown {
  const spec: OptionSpec = optionTable[name];
  const attribute = attributeName(name);
  const fallback = 'fallback' in spec ? spec.fallback : undefined;
  if (value === undefined || value === null) {
    if (spec.kind === 'endpoint') report('endpoint', messages.endpointMissing);
    return fallback;
  }
  switch (spec.kind) {
    case 'number':
      return wholeNumber(attribute, value, spec, report) ?? fallback;
    case 'flag':
      return value !== false && value !== 'false';
    case 'property':
      if (typeof value === 'function') return value;
      report(attribute, messages.wrongType(attribute, 'a function'));
      return undefined;
    case 'json':
      return jsonValue(name, attribute, value, report);
  }
  if (typeof value !== 'string') {
    report(attribute, messages.wrongType(attribute, 'text'));
    return fallback;
  }
  const text = value.trim();
  switch (spec.kind) {
    case 'endpoint':
      return endpointUrl(text, baseUrl, report);
    case 'link':
      return link(attribute, text, baseUrl, report);
    case 'choice':
      if (!text || spec.values.includes(text)) return text || fallback;
      // The destination's default depends on the endpoint: its problem is reported with the target.
      if (name === 'preference') report(attribute, messages.preselected(text, isContactPreference(text)));
      else if (name !== 'destination') report(attribute, messages.notOneOf(attribute, text, String(fallback), spec.values));
      return fallback;
  }
  // Text the lead carries, within the schema's limit: a title is cut (still readable), an
  // identifier left out (cut, it would name something else).
  const limit = fieldLimits.offerText;
  if (!text || text.length <= limit || !('overLimit' in spec)) return text || undefined;
  report(attribute, messages.overLimit(attribute, text.length, limit, spec.overLimit ?? 'left out'));
  return spec.overLimit === 'cut' ? text.slice(0, limit) : undefined;
}

/**
 * A whole number within the option's limits. Text is read as a number only when it is one
 * written in decimal (`"3"`, `" 7 "`, `"1e1"`): `Number()` would also read `""` as 0 and
 * `"0x2"` as 2, which nobody means in an attribute.
 */
function wholeNumber(attribute: string, value: unknown, spec: { min: number; max: number; fallback?: number }, report: Report): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*(\d+\.?\d*|\.\d+)(e\+?\d+)?\s*$/i.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(number) && number >= spec.min && number <= spec.max) return number;
  report(attribute, messages.notWholeNumber(attribute, String(value), spec.min, spec.max, spec.fallback));
  return undefined;
}

/** What each JSON option must hold, and how to write it. */
const jsonShapes: Record<string, [accepts: (value: unknown) => boolean, expected: string]> = {
  fieldNames: [textsOnly, 'an object of texts'],
  hiddenFields: [textsOnly, 'an object of texts'],
  strings: [isRecord, 'an object of texts'],
  indicators: [Array.isArray, 'an array of {"value", "label"} objects'],
};

function textsOnly(value: unknown): boolean {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

/**
 * A JSON option's value: as given, or parsed from text (an attribute, or a framework that set
 * the property to JSON). Text that says `[object Object]` is an object a framework wrote as an
 * attribute before the element was defined.
 */
function jsonValue(name: string, attribute: string, value: unknown, report: Report): unknown {
  const [accepts, expected] = jsonShapes[name] ?? [isRecord, 'a JSON object'];
  if (typeof value === 'string') {
    if (value.startsWith('[object ')) return report(attribute, messages.objectAsText(attribute, value, name));
    try {
      value = JSON.parse(value);
    } catch (error) {
      return report(attribute, messages.notJson(attribute, error, expected));
    }
  }
  if (accepts(value)) return value;
  report(attribute, messages.wrongType(attribute, expected));
  return undefined;
}

function endpointUrl(endpoint: string, baseUrl: string, report: Report): string | undefined {
  if (!endpoint) return void report('endpoint', messages.endpointMissing);
  const url = parseUrl(endpoint, baseUrl);
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') return void report('endpoint', messages.notHttp('endpoint', endpoint, 'no lead is sent'));
  // Browsers refuse to fetch such a URL, and the secret would be stored with every queued lead.
  if (url.username || url.password) return void report('endpoint', messages.endpointCredentials);
  return url.href;
}

/** A link the widget renders: only http(s), or a path on the site. A `javascript:` URL would run code on a click. */
function link(attribute: string, link: string, baseUrl: string, report: Report): string | undefined {
  if (!link) return undefined;
  if (link.length > fieldLimits.href) return void report(attribute, messages.overLimit(attribute, link.length, fieldLimits.href, 'not linked'));
  const protocol = parseUrl(link, baseUrl)?.protocol;
  if (protocol === 'http:' || protocol === 'https:') return link;
  report(attribute, messages.notHttp(attribute, link, 'not linked'));
  return undefined;
}

/**
 * The destination: as named, or chosen from the endpoint's address, with the site's field
 * names and constant fields. One that cannot work without a setting (Salesforce's `oid`,
 * Netlify's `form-name`, Mautic's form id) says so and sends nothing: the widget shows its
 * notice and the download, as for a missing endpoint.
 */
function resolveTarget(endpoint: string, destination: unknown, values: OptionValues, report: Report): DeliveryTarget | undefined {
  const automatic = destinationFor(new URL(endpoint));
  const requested = typeof destination === 'string' ? destination.trim() : '';
  let chosen = automatic;
  // Apps Script's answer is a redirect, taken as "sent": only where Google's service gives it.
  if (requested === 'apps-script' && automatic !== requested) report('destination', messages.appsScriptElsewhere(automatic));
  else if (isDestinationName(requested)) chosen = requested;
  else if (requested) report('destination', messages.notOneOf('destination', requested, automatic, optionTable.destination.values));
  const target: DeliveryTarget = { endpoint, destination: chosen };
  const fields = siteFields(destinations[chosen], values.fieldNames, values.hiddenFields);
  for (const { option, message } of fields.refused) report(option, message);
  if (values.fieldNames) target.fieldNames = fields.fieldNames;
  if (values.hiddenFields) target.hiddenFields = fields.hiddenFields;
  if (values.subscriptionTypeId) target.subscriptionTypeId = values.subscriptionTypeId;
  const missing = destinations[chosen].missing?.(target);
  if (missing) return void report('destination', messages.destinationNeeds(missing));
  return target;
}

/** The texts the site overrides: the config child's, under the element's. */
function resolveStrings(child: unknown, own: unknown, context: ResolveContext, report: Report): Record<string, string> | undefined {
  if (child == null && own == null) return undefined;
  const parsed = [child, own].map((value) => (value == null ? {} : ((jsonValue('strings', 'strings', value, report) as Record<string, unknown> | undefined) ?? {})));
  return stringOverrides({ ...parsed[0], ...parsed[1] }, context.knownStrings, report);
}

/**
 * `data-layer`: the name of the page's array analytics read (`dataLayer` when empty). Only a
 * plain name: `__proto__` or `constructor` would reach into objects the page did not name.
 */
function dataLayerName(value: string, report: Report): string | undefined {
  const name = value || 'dataLayer';
  if (/^[A-Za-z_$][\w$]*$/.test(name) && !['__proto__', 'constructor', 'prototype'].includes(name)) return name;
  report('data-layer', messages.notVariableName(name));
  return undefined;
}
