import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dataLayerEntry, pushToDataLayer } from '../analytics/data-layer.js';
import { ConversionHistory, globalPrivacyControl } from '../consent/repeat.js';
import { consentDigest } from '../consent/sha256.js';
import { sharedCourier, type Settlement } from '../delivery/courier.js';
import type { DeliveryTarget } from '../delivery/destinations/index.js';
import { takeLock, type LeadLock } from '../delivery/lock.js';
import { defaultRetryPolicy } from '../delivery/retry-policy.js';
import { spamReason } from '../form/bot-check.js';
import { firstInvalidField, type FieldName } from '../form/validation.js';
import { builtInLocales } from '../i18n/locales.js';
import { formatString, labelKey } from '../i18n/strings.js';
import { inIdleSlices, whenIdle } from '../idle.js';
import { buildLead, type FormAnswers } from '../lead/build.js';
import { createLeadId, deepFreeze, sameLeadContent } from '../lead/identity.js';
import { pageContextFrom } from '../lead/page-context.js';
import { buildSchemaPart, parseLead, type Lead } from '../lead/schema.js';
import * as messages from '../messages.js';
import { classifyLead } from '../lead/temperature.js';
import type { ConfigurationController } from './configuration.js';
import type { FormStateController } from './form-state.js';
import type { LeadCaptureError, LeadCaptureState, LeadErrorDetail, LeadQueuedDetail, LeadSentDetail, LeadSpamDetail, LeadSubmitDetail } from '../events.js';

/** What the capture needs of its element: to be updated, to dispatch events, to move focus. */
export interface CaptureHost extends ReactiveControllerHost, EventTarget {
  readonly isConnected: boolean;
  focusField(field: FieldName): void;
}

/**
 * One capture, from the click to the outcome: the bot check, the form's own check, the lead
 * built and validated, `lead-submit`, then the shared courier (which keeps a copy and
 * delivers it), and the outcome shown and announced. It owns the lead's id across attempts,
 * the widget's place in the courier, and what the widget shows afterwards.
 */
export class CaptureController implements ReactiveController {
  state: LeadCaptureState = 'idle';
  statusMessage = '';
  /** The lead the thank-you describes. */
  sentLead?: Lead;
  /** Queued because the browser is offline (else the endpoint could not be reached). */
  queuedOffline = false;
  /** Set when a thank-you appears, so the element moves focus to it once rendered. */
  thankYouPending = false;
  /**
   * A lead that failed without being kept (no storage) and may be sent again: a resubmission
   * with exactly the same content sends this very lead (same id, same body), anything else
   * is a new lead with a new id.
   */
  private retryableLead?: Lead;
  private inProgress = false;
  /** The next lead's id, with its lock asked for ahead (see `takeLock`). */
  private nextLead?: LeadLock;
  private readonly courier = sharedCourier();
  private readonly conversions = new ConversionHistory();

  constructor(
    private readonly host: CaptureHost,
    private readonly config: ConfigurationController,
    private readonly form: FormStateController,
  ) {
    host.addController(this);
  }

  get connected(): boolean {
    return this.host.isConnected;
  }

  hostConnected(): void {
    routeBackgroundOutcomes(this.courier);
    this.courier.start();
    // Not on the way to the first paint, and not in the click either: once the page is idle,
    // a rehearsal builds the schema (the first check builds it if the prospect is quicker) and
    // the next lead's lock is taken.
    if (!rehearsed) {
      const rehearsal = this.rehearsal();
      inIdleSlices(() => rehearsal.next().done ?? true);
    }
    rehearsed = true;
    whenIdle(() => this.reserveNextLead());
  }

  hostDisconnected(): void {
    this.nextLead?.release();
    this.nextLead = undefined;
  }

  /**
   * What the submit would otherwise wait for, asked for once the prospect picks an option:
   * the digest of that option's consent text, and for a call the time zone (slow the first time).
   */
  hostUpdated(): void {
    const { preference } = this.form.answers;
    if (preference) void consentDigest(this.config.text[labelKey('preference', preference)]);
    if (preference === 'call' && timeZone === undefined) whenIdle(browserTimeZone);
  }

  private reserveNextLead(): void {
    if (this.connected && !this.nextLead) this.nextLead = takeLock(createLeadId());
  }

  /** The reserved id and lock for the lead about to be built (when granted by now), and a new reservation for the one after. */
  private takeReservedLead(): LeadLock | undefined {
    const reserved = this.nextLead?.settled === 'held' ? this.nextLead : undefined;
    if (reserved) {
      this.nextLead = undefined;
      whenIdle(() => this.reserveNextLead());
    }
    return reserved;
  }

  /** The prospect submitted. One capture, one request: a second click while it runs does nothing. */
  async submit(honeypot: string): Promise<void> {
    if (this.inProgress) return;
    this.inProgress = true;
    try {
      await this.capture(honeypot);
    } finally {
      this.inProgress = false;
    }
  }

  private async capture(honeypot: string): Promise<void> {
    const { configuration, text } = this.config;
    // Judged first: a bot that filled every field with junk learns nothing from error messages.
    const reason = spamReason({ honeypot, keystrokes: this.form.keystrokeTimes, minimumFillTime: configuration.minimumFillTime });
    if (reason) {
      // The bot sees the thank-you a person would see.
      this.show('sent', text.statusSent);
      this.emit<LeadSpamDetail>('lead-spam', { reason });
      return;
    }
    this.form.markSubmitted();
    const { answers } = this.form;
    const invalidField = firstInvalidField(this.form.errors(configuration.settings.offer, text));
    if (invalidField || !answers.preference) {
      this.statusMessage = text.statusInvalid;
      await this.host.updateComplete;
      this.host.focusField(invalidField ?? 'preference');
      return;
    }
    // The form is fine: let the browser paint the press before the heavier part (building,
    // checking and sending the lead), which is what a visitor feels (INP).
    await yieldToBrowser();
    const reserved = this.takeReservedLead();
    const lead = await this.createLead({ ...answers, preference: answers.preference }, reserved?.name);
    const { target } = configuration;
    if (!lead || !this.emit<LeadSubmitDetail>('lead-submit', { lead }, true) || !target) {
      reserved?.release();
      if (lead && !target) this.fail({ code: 'not-configured', message: 'No usable endpoint is configured.' }, lead);
      return;
    }
    this.show('submitting', text.statusSubmitting);
    const { retries, timeout } = configuration.delivery;
    const { settlement, kept } = await this.courier.capture(lead, { target, timeout, policy: { ...defaultRetryPolicy, retries } }, reserved);
    if (lead.repeat && (settlement.kind === 'delivered' || settlement.kind === 'queued')) {
      this.conversions.record(lead.offer.id ?? lead.offer.kind);
    }
    // Not an error: the lead may well be delivered. Only a failure now would lose it.
    if (!kept) warnOnce(messages.noCopyKept);
    this.settle(settlement, target);
  }

  /** The lead for these answers, validated; `id` when one was reserved for it. */
  private async createLead(answers: FormAnswers, id = createLeadId()): Promise<Lead | undefined> {
    // The receipt records the wording exactly as rendered next to the chosen option.
    const consentText = this.config.text[labelKey('preference', answers.preference)];
    const textSha256 = await consentDigest(consentText);
    let candidate: Lead;
    try {
      candidate = this.candidateFor(answers, { id, consentText, textSha256 });
    } catch (error) {
      this.fail({ code: 'invalid-lead', message: `The classify function threw: ${String(error)}` });
      return undefined;
    }
    const parsed = parseLead(candidate);
    if (!parsed.success) {
      this.fail({ code: 'invalid-lead', message: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') }, candidate);
      return undefined;
    }
    const retryable = this.retryableLead;
    return retryable && sameLeadContent(retryable, parsed.lead) ? retryable : deepFreeze(parsed.lead);
  }

  /** The lead these answers make, not yet validated. Throws what the site's `classify` throws. */
  private candidateFor(answers: FormAnswers, receipt: { id: string; consentText: string; textSha256?: string }, classify = this.config.configuration.classify ?? classifyLead): Lead {
    const { configuration, locale, indicators } = this.config;
    const gpc = globalPrivacyControl();
    // The language of the words the prospect saw: a text the site wrote (`strings`) may be in
    // any language, so the receipt says `und` (undetermined, BCP 47) unless it is the built-in one.
    const language = receipt.consentText === builtInLocales[locale][labelKey('preference', answers.preference)] ? locale : 'und';
    return buildLead(answers, {
      settings: configuration.settings,
      indicatorOptions: indicators,
      consent: { receiptId: createLeadId(), text: receipt.consentText, textSha256: receipt.textSha256, language, gpc },
      // Asked of the browser only when it is needed: the first lookup is slow.
      ...(answers.preference === 'call' ? { timeZone: browserTimeZone() } : {}),
      ...(configuration.trackRepeats && !gpc ? { repeat: this.conversions.signal() } : {}),
      page: pageContextFrom(location.href, document.referrer),
      id: receipt.id,
      now: new Date(),
      classify,
    });
  }

  /**
   * Builds and checks a lead in idle time, in slices (each `yield`) shorter than a long
   * task, and sends nothing: the schema is built, and the code from answers to a checked
   * lead runs once (V8 compiles a function on its first call, and a regular expression on
   * its first use), so the prospect's click does not pay for it. The site's own `classify`
   * is not called: it would see a lead nobody submitted.
   */
  private *rehearsal(): Generator<undefined, void> {
    while (!buildSchemaPart()) yield;
    yield;
    try {
      const answers: FormAnswers = { preference: 'email', email: 'rehearsal@example.com', name: 'Rehearsal', indicators: [] };
      const candidate = this.candidateFor(answers, { id: createLeadId(), consentText: 'Rehearsal' }, classifyLead);
      yield;
      parseLead(candidate);
    } catch {
      // Only a rehearsal: the real capture reports its own problems.
    }
  }

  /** What the courier made of this widget's lead, now or (for a queued lead) later; `target`: where it was sent. */
  settle(settlement: Settlement, target?: DeliveryTarget): void {
    const { lead } = settlement;
    const { text } = this.config;
    this.retryableLead = undefined;
    stopWaiting(this);
    switch (settlement.kind) {
      case 'delivered':
        this.sentLead = lead;
        this.show('sent', text.statusSent);
        this.emit<LeadSentDetail>('lead-sent', { lead, status: settlement.status, confirmed: settlement.confirmed });
        return;
      case 'queued':
        waiting.set(lead.id, this);
        this.sentLead = lead;
        // Told the truth: "back online" only to someone who is offline.
        this.queuedOffline = navigator.onLine === false;
        this.show('queued', this.queuedOffline ? text.statusQueued : text.statusQueuedLater);
        this.reportUnreachable(settlement, target, messages.keptForLater);
        this.emit<LeadQueuedDetail>('lead-queued', { lead });
        return;
      case 'rejected':
        this.form.showServerErrors(settlement.fields ?? {});
        this.fail({ code: 'rejected', message: settlement.problem, status: settlement.status }, lead);
        void this.focusFirstServerError(settlement.fields ?? {});
        return;
      case 'failed':
        this.retryableLead = lead;
        this.reportUnreachable(settlement, target, messages.lost);
        this.fail({ code: settlement.reason, message: `${settlement.problem}; not kept for later`, ...(settlement.status ? { status: settlement.status } : {}) }, lead);
    }
  }

  private show(state: LeadCaptureState, message: string): void {
    this.thankYouPending = (state === 'sent' || state === 'queued') && this.state !== 'sent' && this.state !== 'queued';
    this.state = state;
    this.statusMessage = message;
    this.host.requestUpdate();
  }

  /**
   * For the site owner: why a lead is waiting although the prospect is online, and where to
   * look, naming the endpoint the lead went to (the attribute may have changed since).
   */
  private reportUnreachable(settlement: Settlement & { kind: 'queued' | 'failed' }, target: DeliveryTarget | undefined, outcome: string): void {
    if (navigator.onLine === false || !target) return;
    const advice = settlement.reason === 'network' ? messages.unanswered(target.destination) : messages.mayBeDown;
    this.config.report([{ attribute: 'endpoint', message: messages.notDelivered(target.endpoint, settlement.problem, advice, outcome) }]);
  }

  private async focusFirstServerError(fields: Partial<Record<FieldName, string>>): Promise<void> {
    const field = firstInvalidField(fields);
    if (!field) return;
    await this.host.updateComplete;
    this.host.focusField(field);
  }

  private fail(error: LeadCaptureError, lead?: Lead): void {
    const { text } = this.config;
    const message =
      error.code === 'rejected'
        ? formatString(text.statusRejected, { problem: error.message })
        : error.code === 'invalid-lead' || error.code === 'not-configured'
          ? text.statusNotConfigured
          : text.statusFailed;
    this.show('error', message);
    this.emit<LeadErrorDetail>('lead-error', { ...(lead ? { lead } : {}), error });
  }

  /** Dispatches an outcome from the element, and tells the page's data layer when the site asked for it. */
  private emit<Detail extends object>(type: string, detail: Detail, cancelable = false): boolean {
    const proceed = this.host.dispatchEvent(new CustomEvent<Detail>(type, { bubbles: true, composed: true, cancelable, detail }));
    const layer = this.config.configuration.dataLayer;
    if (layer && type !== 'lead-submit' && !pushToDataLayer(layer, dataLayerEntry(type, detail))) {
      this.config.report([{ attribute: 'data-layer', message: messages.dataLayerRefused(layer) }]);
    }
    return proceed;
  }
}

/** Once per page: what a rehearsal prepares is shared by every widget. */
let rehearsed = false;

/** A new task, after any frame that is due: `scheduler.yield()` where the browser has it. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve));
}

let timeZone: string | undefined;

/** The browser's time zone, or UTC where it cannot tell; looked up once. */
function browserTimeZone(): string {
  try {
    timeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    timeZone = 'UTC';
  }
  return timeZone;
}

const warned = new Set<string>();
/** Said once per page: storage does not come back within a visit. */
function warnOnce(message: string): void {
  if (!warned.has(message)) console.warn(message);
  warned.add(message);
}

/**
 * Queued leads whose widget is still on the page, by lead id: when the courier delivers one
 * later, that widget shows and reports it. Every other lead the courier settles (one queued
 * on an earlier visit, or by a widget since removed) is reported on `window`, so a listener
 * on a widget hears only of the leads that widget captured.
 */
const waiting = new Map<string, CaptureController>();

function stopWaiting(controller: CaptureController): void {
  for (const [id, owner] of waiting) if (owner === controller) waiting.delete(id);
}

let listening = false;
/** Installed once per page, by the first widget: the courier's background outcomes go to their widget or to `window`. */
export function routeBackgroundOutcomes(courier = sharedCourier()): void {
  if (listening) return;
  listening = true;
  const toWindow = <Detail>(type: string, detail: Detail) => window.dispatchEvent(new CustomEvent<Detail>(type, { detail }));
  courier.addEventListener('settled', (event) => {
    const settlement = (event as CustomEvent<Settlement>).detail;
    const owner = waiting.get(settlement.lead.id);
    if (owner?.connected) {
      if (settlement.kind !== 'queued') owner.settle(settlement);
      return;
    }
    if (settlement.kind === 'delivered') toWindow<LeadSentDetail>('lead-sent', { lead: settlement.lead, status: settlement.status, confirmed: settlement.confirmed });
    if (settlement.kind === 'rejected') toWindow<LeadErrorDetail>('lead-error', { lead: settlement.lead, error: { code: 'rejected', message: settlement.problem, status: settlement.status } });
  });
  const dropped = (code: 'expired' | 'unreadable', count: number, why: string) =>
    toWindow<LeadErrorDetail>('lead-error', { error: { code, message: `${count} queued lead(s) ${why}: dropped.`, count } });
  courier.addEventListener('expired', (event) => dropped('expired', (event as CustomEvent<Lead[]>).detail.length, 'were not delivered in time'));
  courier.addEventListener('unreadable', (event) => dropped('unreadable', (event as CustomEvent<number>).detail, 'no longer parsed'));
}
