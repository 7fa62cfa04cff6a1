import { allowedChannels } from '../lead/contact-rules.js';
import type { Contact, ContactPolicy } from '../lead/schema.js';

export interface PolicySettings {
  /** The most calls a seller may make for this lead (`max-call-attempts`). */
  maxCallAttempts: number;
  /** The prospect's IANA time zone, so "morning" means their morning. */
  timeZone: string;
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
    timeZone: settings.timeZone,
    maxCallAttempts: settings.maxCallAttempts,
  };
}

/** The browser's time zone, or UTC where it cannot tell. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
