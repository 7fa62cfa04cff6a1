// Valid leads for tests and the bench, built with the widget's own rules (classifier and contact
// policy), so every lead passes parseLead exactly as a real widget's would.
import type { Lead } from 'lead-capture/schema';
import { contactPolicyFor } from '../../../src/lead/contact-rules.js';
import { classifyLead } from '../../../src/lead/temperature.js';
import { createHash } from 'node:crypto';

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
  const classification = classifyLead({ offer, preference, indicators: indicators.map((indicator) => indicator.value) });
  const contact: Lead['contact'] = {
    preference,
    ...(spec.name ? { name: spec.name } : {}),
    ...(needsEmail ? { email: spec.email ?? `person${counter}@example.com` } : {}),
    ...(preference === 'call' ? { phone: spec.phone ?? '+4420794609' + String(counter % 100).padStart(2, '0') } : {}),
    ...(preference === 'call' && spec.callWindow ? { callWindow: spec.callWindow } : {}),
  };
  const contactPolicy = contactPolicyFor(contact, { maxCallAttempts: spec.maxCallAttempts ?? 2, ...(spec.timeZone ? { timeZone: spec.timeZone } : {}) });
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
