import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { consentDigest } from '../consent/sha256.js';
import { takeLock, type LeadLock } from '../delivery/lock.js';
import { inIdleSlices, whenIdle } from '../idle.js';
import { createLeadId } from '../lead/identity.js';
import { buildSchemaPart, parseLead } from '../lead/schema.js';
import { classifyLead } from '../lead/temperature.js';
import type { ContactPreference } from '../lead/vocabulary.js';
import type { Configuration } from '../config/resolve.js';
import { builtInLocales } from '../i18n/locales.js';
import { browserTimeZone, candidateLead, timeZoneKnown, type LeadInputs } from './lead-for.js';

/**
 * What a submit would otherwise wait for, done ahead, in idle time, off the way to the first
 * paint and out of the click: the schema built and the code from answers to a checked lead run
 * once (the rehearsal, once per page), the next lead's id with its lock taken, and, once the
 * prospect picks an option, that option's consent digest and (for a call) the time zone.
 */
export class WarmUpController implements ReactiveController {
  /** The next lead's id, with its lock asked for ahead (see `takeLock`). */
  private nextLead?: LeadLock;

  constructor(private readonly host: ReactiveControllerHost & { readonly isConnected: boolean }) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!rehearsed) inIdleSlices(rehearse());
    rehearsed = true;
    whenIdle(this.reserve);
  }

  hostDisconnected(): void {
    this.nextLead?.release();
    this.nextLead = undefined;
  }

  /** The prospect picked an option: its consent text is digested, and a call's time zone looked up. */
  prepare(preference: ContactPreference | undefined, consentText: string | undefined): void {
    if (consentText) void consentDigest(consentText);
    if (preference === 'call' && !timeZoneKnown()) whenIdle(browserTimeZone);
  }

  /** The reserved id and lock for the lead about to be built, when granted by now; the one after is reserved next. */
  takeLead(): LeadLock | undefined {
    const reserved = this.nextLead?.settled === 'held' ? this.nextLead : undefined;
    if (reserved) {
      this.nextLead = undefined;
      whenIdle(this.reserve);
    }
    return reserved;
  }

  private readonly reserve = (): void => {
    if (this.host.isConnected && !this.nextLead) this.nextLead = takeLock(createLeadId());
  };
}

/** Once per page: what a rehearsal prepares is shared by every widget. */
let rehearsed = false;

/**
 * Builds and checks a lead in slices (each call less than a long task) and sends nothing: the
 * schema is built, and buildLead and parseLead run once (V8 compiles a function on its first
 * call, and a regular expression on its first use), so the prospect's click does not pay for
 * them. The site's own `classify` is not called: it would see a lead nobody submitted.
 */
function rehearse(): () => boolean {
  let step = 0;
  let lead: unknown;
  return () => {
    if (!buildSchemaPart()) return false;
    step += 1;
    try {
      if (step === 2) lead = candidateLead({ preference: 'email', email: 'rehearsal@example.com', name: 'Rehearsal', indicators: [] }, rehearsalInputs(), { id: createLeadId(), consentText: 'Rehearsal' }, classifyLead);
      if (step === 3) parseLead(lead);
    } catch {
      // Only a rehearsal: the real capture reports its own problems.
      return true;
    }
    return step === 3;
  };
}

/** A download with no options set, in English. */
function rehearsalInputs(): LeadInputs {
  return { configuration: { values: { offer: 'download' }, problems: [] } as unknown as Configuration, locale: 'en', text: builtInLocales.en, indicators: [] };
}
