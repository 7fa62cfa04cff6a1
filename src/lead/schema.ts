import * as z from 'zod/mini';
import { isStepAllowed, needsEmail, needsPhone } from './contact-rules.js';
import { callWindows, contactPreferences, nextStepCodes, offerKinds, temperatures } from './vocabulary.js';

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

/** A non-empty, bounded string: absent fields are left out, never sent as "". */
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

const isoTimestamp = z.iso.datetime({ offset: true });

export const offerSchema = z.object({
  kind: z.enum(offerKinds),
  id: z.optional(text(fieldLimits.offerText)),
  title: z.optional(text(fieldLimits.offerText)),
  assetHref: z.optional(text(fieldLimits.href)),
});

export const contactSchema = z.object({
  preference: z.enum(contactPreferences),
  name: z.optional(text(fieldLimits.name)),
  email: z.optional(z.email().check(z.maxLength(fieldLimits.email))),
  phone: z.optional(
    z.string().check(z.regex(/^\+?\d{4,31}$/, 'A phone number is digits with an optional leading +'), z.maxLength(fieldLimits.phone)),
  ),
  callWindow: z.optional(z.enum(callWindows)),
});

export const indicatorSchema = z.object({
  value: text(fieldLimits.indicatorValue),
  label: text(fieldLimits.indicatorLabel),
});

export const consentSchema = z.object({
  /** The exact preference wording the prospect saw and chose. */
  text: text(fieldLimits.consentText),
  version: z.optional(text(fieldLimits.offerText)),
  policyHref: z.optional(text(fieldLimits.href)),
  givenAt: isoTimestamp,
  /** BCP 47 tag of the language the text was shown in. */
  language: text(35),
});

export const utmSchema = z.object({
  source: z.optional(text(fieldLimits.utm)),
  medium: z.optional(text(fieldLimits.utm)),
  campaign: z.optional(text(fieldLimits.utm)),
  term: z.optional(text(fieldLimits.utm)),
  content: z.optional(text(fieldLimits.utm)),
});

export const pageSchema = z.object({
  url: text(fieldLimits.href),
  referrer: z.optional(text(fieldLimits.href)),
  utm: z.optional(utmSchema),
});

export const leadSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.uuidv4(),
    capturedAt: isoTimestamp,
    temperature: z.enum(temperatures),
    priority: z.boolean(),
    nextSteps: z.array(z.enum(nextStepCodes)).check(z.minLength(1)),
    offer: offerSchema,
    contact: contactSchema,
    indicators: z.array(indicatorSchema).check(z.maxLength(fieldLimits.indicators)),
    consent: consentSchema,
    page: pageSchema,
  })
  .check(
    // The promises made to the prospect, checked on both ends of the wire.
    z.superRefine((lead, context) => {
      const { preference, email, phone, callWindow } = lead.contact;
      const emailNeeded = needsEmail(lead.offer.kind, preference);
      if (emailNeeded && email === undefined) {
        context.addIssue({ code: 'custom', path: ['contact', 'email'], message: 'An email address is required for this preference and offer', input: email });
      }
      if (!emailNeeded && email !== undefined) {
        context.addIssue({ code: 'custom', path: ['contact', 'email'], message: 'An email address was not needed and must not be collected', input: email });
      }
      if (needsPhone(preference) && phone === undefined) {
        context.addIssue({ code: 'custom', path: ['contact', 'phone'], message: 'A phone number is required when the prospect asked for a call', input: phone });
      }
      if (!needsPhone(preference) && (phone !== undefined || callWindow !== undefined)) {
        context.addIssue({ code: 'custom', path: ['contact', 'phone'], message: 'A phone number is only collected when the prospect asked for a call', input: phone });
      }
      if (lead.nextSteps[0] !== 'deliver-request') {
        context.addIssue({ code: 'custom', path: ['nextSteps', 0], message: 'The first next step is always deliver-request', input: lead.nextSteps[0] });
      }
      lead.nextSteps.forEach((step, index) => {
        if (!isStepAllowed(step, preference)) {
          context.addIssue({ code: 'custom', path: ['nextSteps', index], message: `${step} uses a channel the prospect did not allow`, input: step });
        }
      });
    }),
  );

export type Lead = z.infer<typeof leadSchema>;
export type Offer = z.infer<typeof offerSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Consent = z.infer<typeof consentSchema>;
export type PageContext = z.infer<typeof pageSchema>;
export type Utm = z.infer<typeof utmSchema>;

/** One problem with a lead, addressed by its dotted path (`contact.email`). */
export interface LeadIssue {
  path: string;
  message: string;
}

export type LeadParseResult = { success: true; lead: Lead } | { success: false; issues: LeadIssue[] };

/** Validates anything (a request body, a stored record) as a lead, without throwing. */
export function parseLead(input: unknown): LeadParseResult {
  const result = leadSchema.safeParse(input);
  if (result.success) return { success: true, lead: result.data };
  return {
    success: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
