import type { ContactPreference, NextStep, OfferKind } from './vocabulary.js';

/**
 * What each answer entitles the seller to ask for and to do. One place, so the form,
 * the lead builder, the classifier guard and the schema cannot disagree.
 */

/** Offers that cannot be fulfilled without an email address (a subscription or a registration). */
const offersThatNeedEmail: readonly OfferKind[] = ['newsletter', 'event', 'trial'];

/** Offers whose fulfilment *is* ongoing marketing communication the prospect signed up for. */
const subscriptionOffers: readonly OfferKind[] = ['newsletter', 'follow'];

export function needsEmail(offer: OfferKind, preference: ContactPreference | undefined): boolean {
  return preference === 'email' || preference === 'call' || offersThatNeedEmail.includes(offer);
}

export function needsPhone(preference: ContactPreference | undefined): boolean {
  return preference === 'call';
}

export function isSubscriptionOffer(offer: OfferKind): boolean {
  return subscriptionOffers.includes(offer);
}

/** The follow-up channels the prospect allowed: only what they chose, nothing implied. */
export function allowedChannels(preference: ContactPreference): { email: boolean; phone: boolean } {
  return { email: preference === 'email', phone: preference === 'call' };
}

/** Whether a next step may be taken with this preference: no channel the prospect did not choose. */
export function isStepAllowed(step: NextStep, preference: ContactPreference): boolean {
  const channels = allowedChannels(preference);
  switch (step) {
    case 'individual-call':
      return channels.phone;
    case 'follow-up-email':
    case 'individual-email':
      return channels.email;
    default:
      return true;
  }
}

/**
 * Makes any list of next steps (a custom classifier's included) respect the prospect:
 * delivery first, no step on a channel they did not allow, no repeats.
 */
export function respectfulNextSteps(steps: readonly NextStep[], preference: ContactPreference): NextStep[] {
  const allowed = steps.filter((step) => step !== 'deliver-request' && isStepAllowed(step, preference));
  return ['deliver-request', ...new Set(allowed)];
}
