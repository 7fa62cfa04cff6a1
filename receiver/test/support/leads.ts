// Valid leads for tests and the bench, following the widget's default rules (the temperature table
// and the contact policy) from their documented behaviour, so every lead passes parseLead as a real
// widget's would. Only the public contract (lead-capture/schema) is imported: the widget's
// internals can move without breaking the receiver's tests.
import { createHash } from 'node:crypto';
import type { Lead } from 'lead-capture/schema';

type Preference = Lead['contact']['preference'];
type OfferKind = Lead['offer']['kind'];

export interface LeadSpec {
  id?: string;
  offer?: OfferKind;
  offerId?: string | null;
  offerTitle?: string;
  preference?: Preference;
  name?: string;
  email?: string;
  phone?: string;
  callWindow?: 'morning' | 'afternoon' | 'evening';
  timeZone?: string;
  maxCallAttempts?: number;
  indicators?: string[];
  repeat?: { count: number; offers: string[] };
  test?: boolean;
  capturedAt?: string;
  /** Leave the consent digest out (a page on plain http): the receiver computes it. */
  withoutDigest?: boolean;
}

let counter = 0;

export function makeLead(spec: LeadSpec = {}): Lead {
  counter += 1;
  const offer = spec.offer ?? 'download';
  const preference = spec.preference ?? 'none';
  const needsEmail = preference !== 'none' || offer === 'newsletter' || offer === 'event' || offer === 'trial';
  const indicators = (spec.indicators ?? []).map((value) => ({ value, label: `Problem: ${value}` }));
  const classification = classify(offer, preference, indicators.length);
  const contact: Lead['contact'] = {
    preference,
    ...(spec.name ? { name: spec.name } : {}),
    ...(needsEmail ? { email: spec.email ?? `person${counter}@example.com` } : {}),
    ...(preference === 'call' ? { phone: spec.phone ?? '+4420794609' + String(counter % 100).padStart(2, '0') } : {}),
    ...(preference === 'call' && spec.callWindow ? { callWindow: spec.callWindow } : {}),
  };
  const channels = { email: preference === 'email', phone: preference === 'call' };
  const contactPolicy: Lead['contactPolicy'] =
    preference === 'call'
      ? { channels, doNotContact: false, ...(contact.callWindow ? { callWindow: contact.callWindow } : {}), timeZone: spec.timeZone ?? 'UTC', maxCallAttempts: spec.maxCallAttempts ?? 2 }
      : { channels, doNotContact: preference === 'none' };
  const capturedAt = spec.capturedAt ?? '2026-11-02T09:00:00.000Z';
  const text = preference === 'none' ? "Just the content, please don't contact me" : preference === 'email' ? 'You may email me about this' : 'You may call me about this';
  return {
    schemaVersion: 1,
    id: spec.id ?? crypto.randomUUID(),
    capturedAt,
    ...classification,
    offer: {
      kind: offer,
      ...(spec.offerId === null ? {} : { id: spec.offerId ?? `${offer}-2026` }),
      ...(spec.offerTitle ? { title: spec.offerTitle } : {}),
    },
    contact,
    indicators,
    consent: {
      receiptId: crypto.randomUUID(),
      givenAt: capturedAt,
      collectionMethod: 'web-form:lead-capture@0.1.0',
      language: 'en',
      text,
      ...(spec.withoutDigest ? {} : { textSha256: sha256Of(text) }),
      channels: contactPolicy.channels,
      gpc: false,
    },
    contactPolicy,
    ...(spec.repeat ? { repeat: spec.repeat } : {}),
    page: { url: 'https://example.com/landing' },
    ...(spec.test ? { test: true } : {}),
  };
}


const digests: Record<string, string> = {};
function sha256Of(text: string): string {
  return (digests[text] ??= createHash('sha256').update(text, 'utf8').digest('hex'));
}

type NextStep = Lead['nextSteps'][number];

/** The temperature table: temperature, priority and next steps from the offer and the answer. */
function classify(offer: OfferKind, preference: Preference, problems: number): Pick<Lead, 'temperature' | 'priority' | 'nextSteps'> {
  const temperature: Lead['temperature'] = offer === 'event' || offer === 'trial' ? 'hot' : preference === 'call' ? 'warm' : preference === 'email' ? 'cool' : 'cold';
  const individual: NextStep[] = preference === 'call' ? ['individual-call'] : preference === 'email' ? ['individual-email'] : [];
  const steps: Record<Lead['temperature'], NextStep[]> = {
    cold: offer === 'newsletter' || offer === 'follow' ? ['marketing-communications'] : [],
    cool: preference === 'email' ? ['follow-up-email'] : [],
    warm: individual,
    hot: ['registration-communications', ...individual],
  };
  return { temperature, priority: problems > 0 && preference !== 'none', nextSteps: ['deliver-request', ...steps[temperature]] };
}
