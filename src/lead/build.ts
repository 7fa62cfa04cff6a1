import { widgetVersion } from '../version.js';
import { allowedChannels, needsEmail, needsPhone, respectfulNextSteps } from './contact-rules.js';
import type { Contact, ContactPolicy, Indicator, Lead, Offer, PageContext } from './schema.js';
import type { Classifier } from './temperature.js';
import type { CallWindow, ContactPreference, OfferKind } from './vocabulary.js';

/** What the prospect entered, as the form holds it (untrimmed, possibly stale fields). */
export interface FormAnswers {
  preference: ContactPreference;
  name?: string;
  email?: string;
  phone?: string;
  callWindow?: CallWindow | '';
  /** Values of the ticked indicators. */
  indicators: readonly string[];
}

/** What the site owner configured: the offer, the consent wording, who collects, and the call limit. */
export interface CaptureSettings {
  offer: OfferKind;
  offerId?: string;
  offerTitle?: string;
  assetHref?: string;
  privacyHref?: string;
  consentVersion?: string;
  jurisdiction?: string;
  controller?: string;
  maxCallAttempts?: number;
}

/** The consent as the prospect gave it: what they saw, in which language, with which signals. */
export interface ConsentContext {
  receiptId: string;
  /** The preference wording exactly as the prospect saw it. */
  text: string;
  /** Absent where the page has no `crypto.subtle`. */
  textSha256?: string;
  language: string;
  gpc: boolean;
}

export const defaultMaxCallAttempts = 2;

/** Earlier conversions in this browser (see `consent/repeat.ts`), reported as the lead's `repeat`. */
export interface RepeatSignal {
  /** Earlier conversions in this browser, this one not included. */
  count: number;
  /** The distinct offers converted on before, oldest first. */
  offers: string[];
}

/** Everything a lead needs besides the answers. Clock and id come in, so tests are exact. */
export interface LeadContext {
  settings: CaptureSettings;
  /** The indicators offered, in the order shown. */
  indicatorOptions: readonly Indicator[];
  consent: ConsentContext;
  /** The prospect's IANA time zone; needed only when they asked for a call (UTC otherwise). */
  timeZone?: string;
  /** Earlier conversions in this browser; absent when not tracked (GPC, or turned off). */
  repeat?: RepeatSignal;
  page: PageContext;
  id: string;
  now: Date;
  classify: Classifier;
}

/**
 * Turns answers into a lead, keeping only what the chosen preference and offer need.
 * The result is a candidate: validate it with `parseLead` before it leaves the page.
 */
export function buildLead(answers: FormAnswers, context: LeadContext): Lead {
  const { settings } = context;
  const preference = answers.preference;
  const indicators = context.indicatorOptions.filter((option) => answers.indicators.includes(option.value));
  const classification = context.classify({
    offer: settings.offer,
    preference,
    indicators: indicators.map((indicator) => indicator.value),
  });
  const timestamp = context.now.toISOString();
  const contact = contactFrom(answers, settings.offer);
  const { consent } = context;
  return {
    schemaVersion: 1,
    id: context.id,
    capturedAt: timestamp,
    temperature: classification.temperature,
    priority: classification.priority,
    // A custom classifier may forget the prospect's choice; the lead never does.
    nextSteps: respectfulNextSteps(classification.nextSteps, preference),
    offer: offerFrom(settings),
    contact,
    indicators: indicators.map(({ value, label }) => ({ value, label })),
    consent: withoutEmpty({
      receiptId: consent.receiptId,
      givenAt: timestamp,
      collectionMethod: `web-form:lead-capture@${widgetVersion}`,
      language: consent.language,
      jurisdiction: settings.jurisdiction,
      controller: settings.controller,
      policyHref: settings.privacyHref,
      version: settings.consentVersion,
      text: consent.text,
      textSha256: consent.textSha256,
      channels: allowedChannels(preference),
      gpc: consent.gpc,
    }),
    contactPolicy: contactPolicyFor(contact, {
      maxCallAttempts: settings.maxCallAttempts ?? defaultMaxCallAttempts,
      timeZone: context.timeZone,
    }),
    ...(context.repeat ? { repeat: { count: context.repeat.count, offers: [...context.repeat.offers] } } : {}),
    page: context.page,
  };
}

function offerFrom(settings: CaptureSettings): Offer {
  return withoutEmpty({
    kind: settings.offer,
    id: settings.offerId,
    title: settings.offerTitle,
    assetHref: settings.assetHref,
  });
}

function contactFrom(answers: FormAnswers, offer: OfferKind): Contact {
  const { preference } = answers;
  const contact: Contact = { preference };
  const name = clean(answers.name);
  if (name) contact.name = name;
  if (needsEmail(offer, preference)) {
    const email = clean(answers.email);
    if (email) contact.email = email;
  }
  if (needsPhone(preference)) {
    const phone = normalisePhone(answers.phone ?? '');
    if (phone) contact.phone = phone;
    if (answers.callWindow) contact.callWindow = answers.callWindow;
  }
  return contact;
}

/** Digits with an optional leading `+`: what dialers accept, whatever the prospect typed. */
export function normalisePhone(input: string): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (!digits) return '';
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Drops undefined and empty-string properties: a field nobody was asked for is absent. */
export function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== ''),
  ) as T;
}

export interface PolicySettings {
  /** The most calls a seller may make for this lead (`max-call-attempts`). */
  maxCallAttempts: number;
  /** The prospect's IANA time zone, so "morning" means their morning (needed for a call only). */
  timeZone?: string;
}

/**
 * What the seller may do, stated so a CRM or a dialer can enforce it: the channels the
 * prospect chose, and for a call when and how often. Delivering what was requested (the
 * download, the newsletter, the registration e-mails) is not contact and is always allowed.
 */
export function contactPolicyFor(contact: Contact, settings: PolicySettings): ContactPolicy {
  const channels = allowedChannels(contact.preference);
  if (contact.preference !== 'call') return { channels, doNotContact: contact.preference === 'none' };
  return {
    channels,
    doNotContact: false,
    ...(contact.callWindow ? { callWindow: contact.callWindow } : {}),
    timeZone: settings.timeZone ?? 'UTC',
    maxCallAttempts: settings.maxCallAttempts,
  };
}
