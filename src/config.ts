import { destinationFor, isDestinationName, destinationNames, type DeliveryTarget, type DestinationName } from './delivery/destinations/index.js';
import { destinations } from './delivery/destinations/registry.js';
import { defaultMaxCallAttempts, type CaptureSettings } from './lead/build.js';
import type { Indicator } from './lead/schema.js';
import { fieldLimits } from './lead/schema.js';
import { isContactPreference, isOfferKind, offerKinds } from './lead/vocabulary.js';

/**
 * Attributes in, validated configuration out. A marketer's typo must produce one clear
 * message and a safe fallback, never a broken page or a lead posted to the wrong place.
 */

/** What the element's attributes and properties hold, unchecked. */
export interface RawConfiguration {
  endpoint?: string | null;
  offer?: string | null;
  offerId?: string | null;
  offerTitle?: string | null;
  assetHref?: string | null;
  privacyHref?: string | null;
  consentVersion?: string | null;
  jurisdiction?: string | null;
  controller?: string | null;
  maxCallAttempts?: WholeNumberInput;
  preference?: string | null;
  retries?: WholeNumberInput;
  timeout?: WholeNumberInput;
  minFillMs?: WholeNumberInput;
  /** How the lead is handed over; chosen from the endpoint when absent. */
  destination?: string | null;
  /** Our flat field names → the destination's. */
  fieldNames?: unknown;
  /** Constant fields added to every request. */
  hiddenFields?: unknown;
  /** HubSpot's subscription type for a prospect who chose email. */
  subscriptionTypeId?: WholeNumberInput;
}

/** A number option as written: a property may hold a number, an attribute always holds text. */
export type WholeNumberInput = number | string | null | undefined;

export interface ConfigurationProblem {
  attribute: string;
  message: string;
}

export const defaultMinimumFillTime = 2000;
const fillTimeLimits = { min: 0, max: 60_000 };

export interface DeliverySettings {
  /** Retries after the first attempt. */
  retries: number;
  /** Milliseconds per attempt. */
  timeout: number;
}

export const defaultDeliverySettings: DeliverySettings = { retries: 3, timeout: 10_000 };
const retryLimits = { min: 0, max: 10 };
const timeoutLimits = { min: 100, max: 120_000 };
const callAttemptLimits = { min: 0, max: 10 };

export interface Configuration {
  settings: CaptureSettings;
  delivery: DeliverySettings;
  /** Milliseconds a person takes at least between seeing the form and submitting it. */
  minimumFillTime: number;
  /** The preference the form starts on: only ever "none". */
  initialPreference?: 'none';
  /** Absolute endpoint URL, or undefined when leads must not be sent anywhere. */
  endpoint?: string;
  /** Where and how leads go; undefined exactly when `endpoint` is. */
  target?: DeliveryTarget;
  problems: ConfigurationProblem[];
}

export function resolveConfiguration(raw: RawConfiguration, baseUrl: string): Configuration {
  const problems: ConfigurationProblem[] = [];
  const endpoint = resolveEndpoint(raw.endpoint, baseUrl, problems);
  const requestedOffer = raw.offer?.trim() || 'download';
  const offer = isOfferKind(requestedOffer) ? requestedOffer : 'download';
  if (offer !== requestedOffer) {
    problems.push({
      attribute: 'offer',
      message: `offer="${shorten(requestedOffer)}" is not a known offer; using "download". Use one of: ${offerKinds.join(', ')}.`,
    });
  }
  // Each limit is the lead schema's own: a value it would refuse is caught here, once,
  // instead of failing every submission as an invalid lead.
  const settings: CaptureSettings = {
    offer,
    offerId: boundedText('offer-id', raw.offerId, 'leave-out', problems),
    offerTitle: boundedText('offer-title', raw.offerTitle, 'cut', problems),
    assetHref: safeLink('asset-href', raw.assetHref, baseUrl, problems),
    privacyHref: safeLink('privacy-href', raw.privacyHref, baseUrl, problems),
    consentVersion: boundedText('consent-version', raw.consentVersion, 'leave-out', problems),
    jurisdiction: boundedText('jurisdiction', raw.jurisdiction, 'leave-out', problems),
    controller: boundedText('controller', raw.controller, 'cut', problems),
    maxCallAttempts: boundedInteger('max-call-attempts', raw.maxCallAttempts, defaultMaxCallAttempts, callAttemptLimits, problems),
  };
  const delivery: DeliverySettings = {
    retries: boundedInteger('retries', raw.retries, defaultDeliverySettings.retries, retryLimits, problems),
    timeout: boundedInteger('timeout', raw.timeout, defaultDeliverySettings.timeout, timeoutLimits, problems),
  };
  const minimumFillTime = boundedInteger('min-fill-ms', raw.minFillMs, defaultMinimumFillTime, fillTimeLimits, problems);
  const target = endpoint === undefined ? undefined : resolveTarget(endpoint, raw, problems);
  return { settings, delivery, minimumFillTime, endpoint: target?.endpoint, target, initialPreference: initialPreference(raw.preference, problems), problems };
}

/**
 * The destination: as named, or chosen from the endpoint's address. One that cannot work
 * without a setting (Salesforce's `oid`, Netlify's `form-name`, Mautic's form id) says so and
 * sends nothing: the widget shows its notice and the download, as for a missing endpoint.
 */
function resolveTarget(endpoint: string, raw: RawConfiguration, problems: ConfigurationProblem[]): DeliveryTarget | undefined {
  const automatic = destinationFor(new URL(endpoint));
  const requested = raw.destination?.trim();
  let destination: DestinationName = automatic;
  if (requested && isDestinationName(requested)) destination = requested;
  else if (requested) {
    problems.push({
      attribute: 'destination',
      message: `destination="${shorten(requested)}" is unknown; using "${automatic}" (from the endpoint). Use one of: ${destinationNames.join(', ')}.`,
    });
  }
  const target: DeliveryTarget = { endpoint, destination };
  const fieldNames = textMap('fieldNames', raw.fieldNames, problems);
  const hiddenFields = textMap('hiddenFields', raw.hiddenFields, problems);
  if (fieldNames) target.fieldNames = fieldNames;
  if (hiddenFields) target.hiddenFields = hiddenFields;
  // 0 stands for "none": the fallback when the value is not a whole number.
  const subscriptionTypeId = boundedInteger('subscription-type-id', raw.subscriptionTypeId, 0, { min: 1, max: Number.MAX_SAFE_INTEGER }, problems);
  if (subscriptionTypeId) target.subscriptionTypeId = subscriptionTypeId;
  const missing = destinations[destination].missing?.(target);
  if (missing) {
    problems.push({ attribute: 'destination', message: `${missing}; until then leads are not sent.` });
    return undefined;
  }
  return target;
}

/** `fieldNames` and `hiddenFields`: an object of texts, like {"name": "lastname"}. */
function textMap(option: string, value: unknown, problems: ConfigurationProblem[]): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
  if (!entries || entries.some(([, text]) => typeof text !== 'string')) {
    problems.push({ attribute: option, message: `${option} must be an object of texts, like {"name": "lastname"}: ignored.` });
    return undefined;
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * Privacy by default: a site may start the form on "none" (the choice that shares
 * nothing), never on a choice that lets it contact the prospect.
 */
function initialPreference(value: string | null | undefined, problems: ConfigurationProblem[]): 'none' | undefined {
  const preference = value?.trim();
  if (!preference) return undefined;
  if (preference === 'none') return 'none';
  problems.push({
    attribute: 'preference',
    message: isContactPreference(preference)
      ? `preference="${preference}" is refused: contact must be chosen by the prospect, not preselected. Remove the attribute, or use preference="none".`
      : `preference="${preference}" is not a preference; only preference="none" may be preselected.`,
  });
  return undefined;
}

/**
 * A whole number within limits, or the default with a problem explaining the accepted range.
 * Only plain decimal digits count: `Number()` would read "" as 0, "1e1" as 10 and "0x2" as 2,
 * none of which anyone means in an attribute.
 */
function boundedInteger(
  attribute: string,
  value: WholeNumberInput,
  fallback: number,
  limits: { min: number; max: number },
  problems: ConfigurationProblem[],
): number {
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(number) && number >= limits.min && number <= limits.max) return number;
  problems.push({
    attribute,
    message: `${attribute}="${shorten(String(value))}" is not a whole number from ${limits.min} to ${limits.max}; using ${fallback}.`,
  });
  return fallback;
}

/**
 * A text the lead carries, within the schema's limit. Over it, a title or a name is cut
 * (still readable), an identifier is left out (a cut identifier would name something else).
 */
function boundedText(
  attribute: string,
  value: string | null | undefined,
  overLimit: 'cut' | 'leave-out',
  problems: ConfigurationProblem[],
  limit: number = fieldLimits.offerText,
): string | undefined {
  const text = present(value);
  if (text === undefined || text.length <= limit) return text;
  problems.push({
    attribute,
    message: `${attribute} is ${text.length} characters, over the limit of ${limit}: ${overLimit === 'cut' ? 'cut' : 'left out'}. Shorten it.`,
  });
  return overLimit === 'cut' ? text.slice(0, limit) : undefined;
}

function resolveEndpoint(value: string | null | undefined, baseUrl: string, problems: ConfigurationProblem[]): string | undefined {
  const endpoint = value?.trim();
  if (!endpoint) {
    problems.push({
      attribute: 'endpoint',
      message: 'endpoint is missing, so leads cannot be sent. Add endpoint="/api/leads" (a path or an https:// URL of your receiver).',
    });
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(endpoint, baseUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push({
      attribute: 'endpoint',
      message: `endpoint="${shorten(endpoint)}" is not an http(s) URL, so leads are not sent. Use a path like /api/leads or an https:// URL.`,
    });
    return undefined;
  }
  // Browsers refuse to fetch such a URL, and the secret would be stored with every queued lead.
  if (url.username || url.password) {
    problems.push({
      attribute: 'endpoint',
      message: 'endpoint holds a user name or password (https://user:password@…), which browsers refuse and anyone can read: leads are not sent. Remove them.',
    });
    return undefined;
  }
  return url.href;
}

/**
 * A link the widget renders: only http(s), or a path on the page's own site. A
 * `javascript:` or `data:` URL in an attribute would run code when the prospect clicks.
 */
function safeLink(attribute: string, value: string | null | undefined, baseUrl: string, problems: ConfigurationProblem[]): string | undefined {
  const link = present(value);
  if (!link) return undefined;
  if (link.length > fieldLimits.href) {
    problems.push({
      attribute,
      message: `${attribute} is ${link.length} characters, over the limit of ${fieldLimits.href}: not linked. Shorten it.`,
    });
    return undefined;
  }
  let protocol = '';
  try {
    protocol = new URL(link, baseUrl).protocol;
  } catch {
    protocol = 'invalid';
  }
  if (protocol === 'http:' || protocol === 'https:') return link;
  problems.push({
    attribute,
    message: `${attribute}="${shorten(link)}" is not an http(s) URL or a path, so it is not linked. Use a path like /files/report.pdf or an https:// URL.`,
  });
  return undefined;
}

/** Attribute values quoted in console messages stay readable, whatever was pasted. */
function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Indicator problems: duplicates would make two checkboxes indistinguishable in the lead,
 * and an indicator without a label cannot be offered to a person.
 */
export function checkIndicators(indicators: readonly Indicator[]): { indicators: Indicator[]; problems: ConfigurationProblem[] } {
  const problems: ConfigurationProblem[] = [];
  const seen = new Set<string>();
  const usable: Indicator[] = [];
  if (indicators.length > fieldLimits.indicators) {
    problems.push({
      attribute: 'lead-indicator',
      message: `${indicators.length} indicators were given; only the first ${fieldLimits.indicators} are offered. Keep the ones your product solves.`,
    });
  }
  for (const indicator of indicators.slice(0, fieldLimits.indicators)) {
    const value = typeof indicator.value === 'string' ? indicator.value.trim() : undefined;
    const label = typeof indicator.label === 'string' ? indicator.label.trim() : undefined;
    if (!value || !label) {
      problems.push({
        attribute: 'lead-indicator',
        message: `an indicator needs both a value and a label (got value="${shorten(value ?? '')}", label="${shorten(label ?? '')}"); it is left out. Write <lead-indicator value="slow-close">Month-end close takes over a week</lead-indicator>.`,
      });
      continue;
    }
    if (seen.has(value)) {
      problems.push({
        attribute: 'lead-indicator',
        message: `indicator value="${shorten(value)}" appears more than once; only the first is shown. Give each <lead-indicator> its own value.`,
      });
      continue;
    }
    if (value.length > fieldLimits.indicatorValue || label.length > fieldLimits.indicatorLabel) {
      problems.push({
        attribute: 'lead-indicator',
        message: `indicator value="${shorten(value)}" is too long (values at most ${fieldLimits.indicatorValue} characters, labels at most ${fieldLimits.indicatorLabel}); it is left out. Shorten it.`,
      });
      continue;
    }
    seen.add(value);
    usable.push({ value, label });
  }
  return { indicators: usable, problems };
}

/**
 * The `strings` attribute: a JSON object overriding any of the widget's texts. Unknown
 * keys are reported (usually a typo) and values must be text; the rest is used.
 */
export function parseStringOverrides(json: string | null, knownKeys: readonly string[]): { strings: Record<string, string>; problems: ConfigurationProblem[] } {
  if (json === null || json.trim() === '') return { strings: {}, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return {
      strings: {},
      problems: [{ attribute: 'strings', message: `strings is not valid JSON (${(error as Error).message}); the built-in texts are used. Write strings='{"submitDownload": "Send me the report"}'.` }],
    };
  }
  return stringOverridesFrom(parsed, knownKeys);
}

/** String overrides from an already parsed value (the attribute's JSON, the config child's `strings`, or the property). */
export function stringOverridesFrom(parsed: unknown, knownKeys: readonly string[]): { strings: Record<string, string>; problems: ConfigurationProblem[] } {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { strings: {}, problems: [{ attribute: 'strings', message: 'strings must be a JSON object of texts, like {"submitDownload": "Send me the report"}.' }] };
  }
  const strings: Record<string, string> = {};
  const unknown: string[] = [];
  const tooLong: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (!knownKeys.includes(key) || typeof value !== 'string') unknown.push(key);
    // A label becomes the consent text of the lead, which the schema limits.
    else if (value.length > fieldLimits.consentText) tooLong.push(key);
    else strings[key] = value;
  }
  const problems: ConfigurationProblem[] = [];
  if (unknown.length) {
    problems.push({ attribute: 'strings', message: `strings has keys that are not texts of the widget or values that are not text: ${unknown.join(', ')}. They are ignored; the keys are listed in the README.` });
  }
  if (tooLong.length) {
    problems.push({ attribute: 'strings', message: `strings has texts over the limit of ${fieldLimits.consentText} characters, replaced by the built-in ones: ${tooLong.join(', ')}.` });
  }
  return { strings, problems };
}

/** Options a `<script type="application/json" slot="config">` child may set, by property name. */
const childOptionKeys = [
  'endpoint', 'offer', 'offerId', 'offerTitle', 'assetHref', 'privacyHref', 'consentVersion', 'jurisdiction',
  'controller', 'maxCallAttempts', 'preference', 'retries', 'timeout', 'minFillMs', 'destination', 'fieldNames',
  'hiddenFields', 'subscriptionTypeId',
] as const;
/** Options whose value is an object (checked by `resolveConfiguration`). */
const childObjectKeys = ['fieldNames', 'hiddenFields'];

export interface ChildConfiguration {
  options: Partial<RawConfiguration>;
  strings: Record<string, string>;
  indicators?: Indicator[];
  problems: ConfigurationProblem[];
}

/**
 * Declarative configuration without JavaScript on the page (and without 'unsafe-inline':
 * a JSON script is data, never run): options by property name, `strings`, `indicators`.
 * Attributes win over it, properties over both.
 */
export function parseChildConfiguration(json: string | null | undefined, knownStringKeys: readonly string[]): ChildConfiguration {
  const empty: ChildConfiguration = { options: {}, strings: {}, problems: [] };
  if (!json?.trim()) return empty;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { ...empty, problems: [{ attribute: 'config', message: `the <script type="application/json" slot="config"> child is not valid JSON (${(error as Error).message}); it is ignored.` }] };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ...empty, problems: [{ attribute: 'config', message: 'the config child must hold a JSON object, like {"offerId": "guide-2026"}; it is ignored.' }] };
  }
  const record = parsed as Record<string, unknown>;
  const options: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'strings' || key === 'indicators') continue;
    const expectsNumber = ['maxCallAttempts', 'retries', 'timeout', 'minFillMs', 'subscriptionTypeId'].includes(key);
    const fits = childObjectKeys.includes(key) || typeof value === 'string' || (expectsNumber && typeof value === 'number');
    if ((childOptionKeys as readonly string[]).includes(key) && fits) options[key] = value;
    else unknown.push(key);
  }
  const strings = record.strings === undefined ? { strings: {}, problems: [] } : stringOverridesFrom(record.strings, knownStringKeys);
  const indicators = Array.isArray(record.indicators)
    ? record.indicators.map((entry) => ({ value: String((entry as Indicator)?.value ?? ''), label: String((entry as Indicator)?.label ?? '') }))
    : undefined;
  const problems = [
    ...(unknown.length ? [{ attribute: 'config', message: `the config child has options that are unknown or of the wrong type: ${unknown.join(', ')}. They are ignored.` }] : []),
    ...strings.problems,
  ];
  return { options: options as Partial<RawConfiguration>, strings: strings.strings, ...(indicators ? { indicators } : {}), problems };
}
