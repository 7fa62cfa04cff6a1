import type { Lead } from 'lead-capture/schema';

/**
 * The lead's closed vocabularies as the receiver needs them at run time. `lead-capture/schema`
 * exports the types through `Lead` but not these lists; each list is checked against the schema's
 * type both ways, so a value added to the schema fails the receiver's type check until added here.
 */
export type Temperature = Lead['temperature'];
export type ContactPreference = Lead['contact']['preference'];
export type OfferKind = Lead['offer']['kind'];

type Exactly<List extends readonly string[], Union extends string> = [Union] extends [List[number]] ? ([List[number]] extends [Union] ? List : never) : never;

const temperatureList = ['cold', 'cool', 'warm', 'hot'] as const;
const preferenceList = ['none', 'email', 'call'] as const;
const offerKindList = ['download', 'newsletter', 'follow', 'event', 'trial'] as const;

export const temperatures: Exactly<typeof temperatureList, Temperature> = temperatureList;
export const contactPreferences: Exactly<typeof preferenceList, ContactPreference> = preferenceList;
export const offerKinds: Exactly<typeof offerKindList, OfferKind> = offerKindList;
