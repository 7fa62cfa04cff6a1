import * as z from 'zod/mini';
import { allowedChannels, isStepAllowed, needsEmail, needsPhone } from './contact-rules.js';
import { callWindows, contactPreferences, nextStepCodes, offerKinds, temperatures } from './vocabulary.js';

/** The closed vocabularies, for endpoints that list or check them (`lead-capture/schema`). */
export * from './vocabulary.js';

/**
 * The lead: the one source of its type (`Lead = z.infer<typeof leadSchema>`), used by the
 * widget before sending and by endpoints on receipt (`parseLead`). zod/mini keeps it small
 * enough for the script-tag bundle and free of the DOM, so it runs in Node too.
 */

export const fieldLimits = {
  name: 200,
  email: 254,
  phone: 32,
  indicatorValue: 100,
  indicatorLabel: 200,
  indicators: 50,
  offerText: 200,
  href: 2048,
  consentText: 1000,
  utm: 200,
} as const;

// Formats as patterns, not zod's `z.email()`, `z.uuid()`, `z.iso.datetime()` and `z.int()`:
// the same checks (the email pattern is zod's own) without zod's format classes, about 0.8 KB
// gzip of the script tag. The JSON Schema says `pattern` where it would say `format`, which
// validators enforce by default, and `integer` for whole numbers (scripts/json-schema.mjs).

/** A UUID of the given version digit(s); without flags, which JSON Schema's `pattern` cannot carry. */
const uuidPattern = (version: string) => new RegExp(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`);
/** ISO 8601 date and time to the second, with `Z` or an offset: what `Date#toISOString` writes. */
const isoTimestampPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The schemas, built when first used rather than when the script loads: zod's schema
 * objects take 50 to 80 ms to construct at 4× CPU, and the first paint does not need them.
 * Built in parts (each `yield`, about a quarter of the work), so that the widget can build
 * them in idle time without a long task; the first check finishes them if it comes first.
 */
function* schemaParts() {
  /** A non-empty, bounded string: absent fields are left out, never sent as "". */
  const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

  const isoTimestamp = z.string().check(z.regex(isoTimestampPattern));
  const wholeNumber = () => z.number().check(z.refine(Number.isInteger));

  const offerSchema = z.object({
    kind: z.enum(offerKinds),
    id: z.optional(text(fieldLimits.offerText)),
    title: z.optional(text(fieldLimits.offerText)),
    assetHref: z.optional(text(fieldLimits.href)),
  });

  const contactSchema = z.object({
    preference: z.enum(contactPreferences),
    name: z.optional(text(fieldLimits.name)),
    email: z.optional(z.string().check(z.regex(z.regexes.email), z.maxLength(fieldLimits.email))),
    phone: z.optional(
      z.string().check(z.regex(/^\+?\d{4,31}$/, 'A phone number is digits with an optional leading +'), z.maxLength(fieldLimits.phone)),
    ),
    callWindow: z.optional(z.enum(callWindows)),
  });

  const indicatorSchema = z.object({
    value: text(fieldLimits.indicatorValue),
    label: text(fieldLimits.indicatorLabel),
  });

  const channelsSchema = z.object({ email: z.boolean(), phone: z.boolean() });
  yield;

  /**
   * Proof of what the prospect agreed to, after the Kantara Consent Receipt v1.1 and
   * ISO/IEC TS 27560 fields that fit a web form.
   */
  const consentSchema = z.object({
    receiptId: z.string().check(z.regex(uuidPattern('[1-8]'))),
    givenAt: isoTimestamp,
    /** `web-form:lead-capture@<widget version>`. */
    collectionMethod: z.string().check(z.startsWith('web-form:lead-capture'), z.maxLength(100)),
    /** BCP 47 tag of the language the text was shown in. */
    language: text(35),
    jurisdiction: z.optional(text(fieldLimits.offerText)),
    /** The organisation collecting the lead. */
    controller: z.optional(text(fieldLimits.offerText)),
    policyHref: z.optional(text(fieldLimits.href)),
    version: z.optional(text(fieldLimits.offerText)),
    /** The exact wording rendered next to the choice the prospect made. */
    text: text(fieldLimits.consentText),
    /**
     * SHA-256 of `text` (UTF-8), lowercase hex. Absent when the page had no `crypto.subtle`
     * (plain http): the receiver computes it from `text`.
     */
    textSha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
    /** The follow-up channels the prospect's own choice allows. */
    channels: channelsSchema,
    /** The browser sent Global Privacy Control. */
    gpc: z.boolean(),
  });

  yield;

  /** What the seller may do, for a CRM or dialer to enforce. */
  const contactPolicySchema = z.object({
    channels: channelsSchema,
    /** The prospect chose no follow-up (delivering what they asked for is not contact). */
    doNotContact: z.boolean(),
    callWindow: z.optional(z.enum(callWindows)),
    /** IANA time zone of the prospect, for the call window. */
    timeZone: z.optional(text(64)),
    maxCallAttempts: z.optional(wholeNumber().check(z.gte(0), z.lte(10))),
  });

  /** Earlier conversions in this browser (offer ids only): the call-to-action dilution signal. */
  const repeatSchema = z.object({
    count: wholeNumber().check(z.gte(0)),
    offers: z.array(text(fieldLimits.offerText)).check(z.maxLength(50)),
  });

  const utmSchema = z.object({
    source: z.optional(text(fieldLimits.utm)),
    medium: z.optional(text(fieldLimits.utm)),
    campaign: z.optional(text(fieldLimits.utm)),
    term: z.optional(text(fieldLimits.utm)),
    content: z.optional(text(fieldLimits.utm)),
  });

  const pageSchema = z.object({
    url: text(fieldLimits.href),
    referrer: z.optional(text(fieldLimits.href)),
    utm: z.optional(utmSchema),
  });

  yield;

  const leadSchema = z
    .object({
      schemaVersion: z.literal(1),
      id: z.string().check(z.regex(uuidPattern('4'))),
      capturedAt: isoTimestamp,
      temperature: z.enum(temperatures),
      priority: z.boolean(),
      nextSteps: z.array(z.enum(nextStepCodes)).check(z.minLength(1)),
      offer: offerSchema,
      contact: contactSchema,
      indicators: z.array(indicatorSchema).check(z.maxLength(fieldLimits.indicators)),
      consent: consentSchema,
      contactPolicy: contactPolicySchema,
      repeat: z.optional(repeatSchema),
      page: pageSchema,
      /** A test lead (the builder's test send): receivers keep it apart and never count it in reports. */
      test: z.optional(z.boolean()),
    })
    .check(
      // The promises made to the prospect, checked on both ends of the wire.
      z.superRefine((lead, context) => {
        const issue = (path: (string | number)[], message: string, input: unknown) => context.addIssue({ code: 'custom', path, message, input });
        const { preference, email, phone, callWindow } = lead.contact;
        const emailNeeded = needsEmail(lead.offer.kind, preference);
        if (emailNeeded && email === undefined) {
          issue(['contact', 'email'], 'An email address is required by this preference or offer', email);
        }
        if (!emailNeeded && email !== undefined) {
          issue(['contact', 'email'], 'An email address was not asked for: it must not be collected', email);
        }
        if (needsPhone(preference) && phone === undefined) {
          issue(['contact', 'phone'], 'A phone number is required for a call', phone);
        }
        if (!needsPhone(preference) && (phone !== undefined || callWindow !== undefined)) {
          issue(['contact', 'phone'], 'A phone number is collected only for a call', phone);
        }
        if (lead.nextSteps[0] !== 'deliver-request') {
          issue(['nextSteps', 0], 'The first next step is deliver-request', lead.nextSteps[0]);
        }
        const channels = allowedChannels(preference);
        for (const [path, given] of [[['consent', 'channels'], lead.consent.channels], [['contactPolicy', 'channels'], lead.contactPolicy.channels]] as const) {
          if (given.email !== channels.email || given.phone !== channels.phone) {
            issue([...path], `Channels must be exactly what the "${preference}" preference allows`, given);
          }
        }
        const policy = lead.contactPolicy;
        if (policy.doNotContact !== (preference === 'none')) {
          issue(['contactPolicy', 'doNotContact'], 'doNotContact is true exactly when the preference is "none"', policy.doNotContact);
        }
        if (preference !== 'call' && (policy.callWindow !== undefined || policy.timeZone !== undefined || policy.maxCallAttempts !== undefined)) {
          issue(['contactPolicy'], 'Call timing is only for a call', policy);
        }
        if (preference === 'call' && (policy.maxCallAttempts === undefined || policy.timeZone === undefined || policy.callWindow !== callWindow)) {
          issue(['contactPolicy'], 'A call policy states the call window, time zone and most calls', policy);
        }
        lead.nextSteps.forEach((step, index) => {
          if (!isStepAllowed(step, preference)) {
            issue(['nextSteps', index], `${step} uses a channel the prospect did not allow`, step);
          }
        });
      }),
    );
  return { offerSchema, contactSchema, indicatorSchema, channelsSchema, consentSchema, contactPolicySchema, repeatSchema, utmSchema, pageSchema, leadSchema };
}

type Schemas = ReturnType<typeof schemaParts> extends Generator<unknown, infer Built> ? Built : never;
let parts: ReturnType<typeof schemaParts> | undefined;
let built: Schemas | undefined;

/** Builds the next part of the schemas (for idle time); true once every part is built. */
export function buildSchemaPart(): boolean {
  if (!built) {
    parts ??= schemaParts();
    const next = parts.next();
    if (next.done) built = next.value;
  }
  return built !== undefined;
}

/** Every schema of the lead, built once: what is not built yet is built now. */
export function leadSchemas(): Schemas {
  while (!buildSchemaPart());
  return built!;
}

/** The lead's schema (`leadSchema.safeParse(body)`); built on its first use. */
export const leadSchema = z.lazy(() => leadSchemas().leadSchema);

export type Lead = z.infer<typeof leadSchema>;
export type Offer = z.infer<Schemas['offerSchema']>;
export type Contact = z.infer<Schemas['contactSchema']>;
export type Indicator = z.infer<Schemas['indicatorSchema']>;
export type Consent = z.infer<Schemas['consentSchema']>;
export type ContactPolicy = z.infer<Schemas['contactPolicySchema']>;
export type RepeatSignalField = z.infer<Schemas['repeatSchema']>;
export type PageContext = z.infer<Schemas['pageSchema']>;
export type Utm = z.infer<Schemas['utmSchema']>;

/** One problem with a lead, addressed by its dotted path (`contact.email`). */
export interface LeadIssue {
  path: string;
  message: string;
}

export type LeadParseResult = { success: true; lead: Lead } | { success: false; issues: LeadIssue[] };

/** Validates anything (a request body, a stored record) as a lead, without throwing. */
export function parseLead(input: unknown): LeadParseResult {
  const result = leadSchemas().leadSchema.safeParse(input);
  if (result.success) return { success: true, lead: result.data };
  return {
    success: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
