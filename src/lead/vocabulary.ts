/**
 * The closed vocabularies a lead is made of. They live apart from the schema so the
 * rules (`contact-rules.ts`, `temperature.ts`) and the element can share them without
 * importing zod.
 */

/** What the prospect came for. `event` and `trial` are registrations; the rest are content. */
export const offerKinds = ['download', 'newsletter', 'follow', 'event', 'trial'] as const;

/** How (and whether) the prospect wants to be followed up. */
export const contactPreferences = ['none', 'email', 'call'] as const;

/** When a prospect who asked for a call would like it. */
export const callWindows = ['morning', 'afternoon', 'evening'] as const;

/** The temperature table (README, "Temperature and next steps"), coldest first. */
export const temperatures = ['cold', 'cool', 'warm', 'hot'] as const;

/**
 * Next steps, as codes a CRM can route on. `deliver-request` always comes first;
 * the channel-bearing steps are only allowed when the prospect chose that channel
 * (see `contact-rules.ts`).
 */
export const nextStepCodes = [
  'deliver-request',
  'marketing-communications',
  'registration-communications',
  'follow-up-email',
  'individual-email',
  'individual-call',
] as const;

export type OfferKind = (typeof offerKinds)[number];
export type ContactPreference = (typeof contactPreferences)[number];
export type CallWindow = (typeof callWindows)[number];
export type Temperature = (typeof temperatures)[number];
export type NextStep = (typeof nextStepCodes)[number];

export function isOfferKind(value: unknown): value is OfferKind {
  return (offerKinds as readonly unknown[]).includes(value);
}

export function isContactPreference(value: unknown): value is ContactPreference {
  return (contactPreferences as readonly unknown[]).includes(value);
}

export function isCallWindow(value: unknown): value is CallWindow {
  return (callWindows as readonly unknown[]).includes(value);
}
