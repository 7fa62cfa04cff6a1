import { isSubscriptionOffer, respectfulNextSteps } from './contact-rules.js';
import type { ContactPreference, NextStep, OfferKind, Temperature } from './vocabulary.js';

/** What the classifier may look at: only what the prospect asked for, never who they are. */
export interface ClassificationInput {
  offer: OfferKind;
  preference: ContactPreference;
  /** Values of the problem indicators the prospect ticked. */
  indicators: readonly string[];
}

export interface Classification {
  temperature: Temperature;
  /** At least one problem named, and the prospect allowed contact. */
  priority: boolean;
  nextSteps: NextStep[];
}

/** A replacement for the default rules (the element's `classify` property). */
export type Classifier = (input: ClassificationInput) => Classification;

interface TemperatureRule {
  when: (input: ClassificationInput) => boolean;
  temperature: Temperature;
}

/** The default rules, first match wins (the temperature table in the README). */
export const temperatureRules: readonly TemperatureRule[] = [
  { when: ({ offer }) => offer === 'event' || offer === 'trial', temperature: 'hot' },
  { when: ({ preference }) => preference === 'call', temperature: 'warm' },
  { when: ({ preference }) => preference === 'email', temperature: 'cool' },
  { when: () => true, temperature: 'cold' },
];

export function temperatureOf(input: ClassificationInput): Temperature {
  return temperatureRules.find((rule) => rule.when(input))?.temperature ?? 'cold';
}

export function isPriority({ preference, indicators }: ClassificationInput): boolean {
  return indicators.length > 0 && preference !== 'none';
}

/** The individual follow-up on the one channel the prospect chose, if any. */
function individualFollowUp(preference: ContactPreference): NextStep[] {
  if (preference === 'call') return ['individual-call'];
  if (preference === 'email') return ['individual-email'];
  return [];
}

/** The "next steps" column of the temperature table, as codes. */
const stepsAfterDelivery: Record<Temperature, (input: ClassificationInput) => NextStep[]> = {
  // Only what they signed up for: a newsletter or a follow is itself marketing communication.
  cold: ({ offer }) => (isSubscriptionOffer(offer) ? ['marketing-communications'] : []),
  cool: () => ['follow-up-email'],
  warm: ({ preference }) => individualFollowUp(preference),
  hot: ({ preference }) => ['registration-communications', ...individualFollowUp(preference)],
};

export function nextStepsFor(temperature: Temperature, input: ClassificationInput): NextStep[] {
  return respectfulNextSteps(stepsAfterDelivery[temperature](input), input.preference);
}

/** The default classifier: temperature, priority and next steps from the prospect's own answers. */
export const classifyLead: Classifier = (input) => {
  const temperature = temperatureOf(input);
  return { temperature, priority: isPriority(input), nextSteps: nextStepsFor(temperature, input) };
};
