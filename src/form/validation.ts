import { normalisePhone, type FormAnswers } from '../lead/build.js';
import { needsEmail, needsPhone } from '../lead/contact-rules.js';
import { fieldLimits, leadSchemas } from '../lead/schema.js';
import type { OfferKind } from '../lead/vocabulary.js';
import { formatString, type LeadCaptureStrings } from '../i18n/strings.js';

/** The form's answers while the prospect is still choosing: no preference yet is allowed. */
export type DraftAnswers = Omit<FormAnswers, 'preference'> & { preference?: FormAnswers['preference'] };

/** The honeypot's name: one that no autofill or password manager fills (`website` was). */
export const honeypotName = 'lc-leave-empty';

/** Fields in the order they appear, which is also the order focus visits them on error. */
export const fieldOrder = ['preference', 'name', 'email', 'phone'] as const;
export type FieldName = (typeof fieldOrder)[number];
export type FieldErrors = Partial<Record<FieldName, string>>;

/** Which fields the current choice asks for: only what is needed. */
export function visibleFields(offer: OfferKind, preference: FormAnswers['preference'] | undefined) {
  return { email: needsEmail(offer, preference), phone: needsPhone(preference) };
}

/**
 * The error message for each field the prospect must fix. Uses the lead schema's own
 * checks, so an answer the form accepts is never refused when the lead is validated.
 */
export function validateAnswers(answers: DraftAnswers, offer: OfferKind, strings: LeadCaptureStrings): FieldErrors {
  const errors: FieldErrors = {};
  const fields = visibleFields(offer, answers.preference);
  if (!answers.preference) errors.preference = strings.errorPreferenceMissing;
  const name = answers.name?.trim() ?? '';
  if (name.length > fieldLimits.name) errors.name = formatString(strings.errorTooLong, { max: fieldLimits.name });
  if (fields.email) {
    const email = answers.email?.trim() ?? '';
    if (!email) errors.email = strings.errorEmailMissing;
    else if (!leadSchemas().contactSchema.shape.email.safeParse(email).success) errors.email = strings.errorEmailInvalid;
  }
  if (fields.phone) {
    const phone = answers.phone?.trim() ?? '';
    if (!phone) errors.phone = strings.errorPhoneMissing;
    else if (!isPlausiblePhone(phone)) errors.phone = strings.errorPhoneInvalid;
  }
  return errors;
}

/** Digits with the usual separators; letters or too few digits are a typo, not a number. */
function isPlausiblePhone(phone: string): boolean {
  if (!/^\+?[\d\s().\-/]+$/.test(phone)) return false;
  return leadSchemas().contactSchema.shape.phone.safeParse(normalisePhone(phone)).success;
}

export function firstInvalidField(errors: FieldErrors): FieldName | undefined {
  return fieldOrder.find((field) => errors[field] !== undefined);
}
