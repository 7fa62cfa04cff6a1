import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dataLayerEntry, pushToDataLayer } from '../analytics/data-layer.js';
import { awaitOutcome, routeBackgroundOutcomes, stopAwaiting } from '../capture/background-outcomes.js';
import { candidateLead, type LeadInputs } from '../capture/lead-for.js';
import { consentDigest } from '../consent/sha256.js';
import { ConversionHistory } from '../conversion-history.js';
import { sharedCourier, type Settlement } from '../delivery/courier.js';
import type { DeliveryTarget, FieldProblems } from '../delivery/destinations/types.js';
import type { LeadLock } from '../delivery/lock.js';
import { defaultRetryPolicy } from '../delivery/retry-policy.js';
import { report, warnOnce } from '../diagnostics.js';
import { emit, type LeadCaptureError, type LeadCaptureEventMap, type LeadCaptureState } from '../events.js';
import type { SpamReason } from '../form/bot-check.js';
import { formatString, labelKey, type LeadCaptureStrings } from '../i18n/strings.js';
import type { FormAnswers } from '../lead/build.js';
import { createLeadId, deepFreeze, sameLeadContent } from '../lead/identity.js';
import { parseLead, type Lead } from '../lead/schema.js';
import * as messages from '../messages.js';

type CaptureHost = ReactiveControllerHost & HTMLElement;

export interface CaptureOptions {
  /** The endpoint refused fields of the lead: show each at its field. */
  onFieldProblems(fields: FieldProblems): void;
}

/**
 * One capture, from a valid form to the outcome: the lead built and validated, `lead-submit`,
 * then the shared courier (which keeps a copy and delivers it), and the outcome shown,
 * announced, and pushed to the data layer. It owns where the widget is (`state`), what it
 * says, and the lead that failed without a copy, which a resubmission of the same content
 * sends again under its id.
 */
export class CaptureController implements ReactiveController {
  state: LeadCaptureState = 'idle';
  statusMessage = '';
  /** The lead the thank-you describes. */
  sentLead?: Lead;
  /** Queued because the browser is offline (else the endpoint could not be reached). */
  queuedOffline = false;
  /** A capture is running: a second click does nothing. */
  busy = false;
  /** A lead that failed without being kept (no storage): the same content again is this very lead (same id, same body). */
  private retryableLead?: Lead;
  /** The texts and the data layer of the last capture, for its outcome (which may come later). */
  private inputs?: LeadInputs;
  private readonly courier = sharedCourier();

  constructor(
    private readonly host: CaptureHost,
    private readonly options: CaptureOptions,
  ) {
    host.addController(this);
  }

  get connected(): boolean {
    return this.host.isConnected;
  }

  hostConnected(): void {
    routeBackgroundOutcomes(this.courier);
    this.courier.start();
  }

  /** A submission that looked automated: the bot sees the thank-you a person would see, and nothing is sent. */
  thankBot(reason: SpamReason, inputs: LeadInputs): void {
    this.inputs = inputs;
    this.show('sent', inputs.text.statusSent);
    this.emit('lead-spam', { reason });
  }

  /** The form has mistakes: say so (the element moves focus to the first). */
  showInvalid(text: LeadCaptureStrings): void {
    this.statusMessage = text.statusInvalid;
    this.host.requestUpdate();
  }

  /** Builds, validates and sends the lead these answers make; `reserved`: its id with the lock taken ahead. */
  async send(answers: FormAnswers, inputs: LeadInputs, reserved?: LeadLock): Promise<void> {
    this.busy = true;
    this.inputs = inputs;
    try {
      // A new task (busy already: a second press does nothing) lets the browser paint the press
      // before the heavier part, building, checking and sending the lead: what a visitor feels (INP).
      await new Promise((resolve) => setTimeout(resolve));
      const lead = await this.leadFor(answers, inputs, reserved?.name);
      const { target, values } = inputs.configuration;
      if (!lead || !this.emit('lead-submit', { lead }, true) || !target) {
        reserved?.release();
        if (lead && !target) this.fail({ code: 'not-configured', message: 'No usable endpoint is configured.' }, lead);
        return;
      }
      this.show('submitting', inputs.text.statusSubmitting);
      const { settlement, kept } = await this.courier.capture(lead, { target, timeout: values.timeout, policy: { ...defaultRetryPolicy, retries: values.retries } }, reserved);
      if (lead.repeat && (settlement.kind === 'delivered' || settlement.kind === 'queued')) new ConversionHistory().record(lead.offer.id ?? lead.offer.kind);
      // Not an error: the lead may well be delivered. Only a failure now would lose it.
      if (!kept) warnOnce(messages.noCopyKept);
      this.settle(settlement, target);
    } finally {
      this.busy = false;
    }
  }

  /** What the courier made of this widget's lead, now or (for a queued lead) later; `target`: where it was sent. */
  settle(settlement: Settlement, target?: DeliveryTarget): void {
    const { lead } = settlement;
    const text = this.inputs!.text;
    this.retryableLead = undefined;
    stopAwaiting(this);
    switch (settlement.kind) {
      case 'delivered':
        this.sentLead = lead;
        this.show('sent', text.statusSent);
        this.emit('lead-sent', { lead, status: settlement.status, confirmed: settlement.confirmed });
        return;
      case 'queued':
        awaitOutcome(lead.id, this);
        this.sentLead = lead;
        // Told the truth: "back online" only to someone who is offline.
        this.queuedOffline = navigator.onLine === false;
        this.show('queued', this.queuedOffline ? text.statusQueued : text.statusQueuedLater);
        this.reportUnreachable(settlement, target, messages.keptForLater);
        this.emit('lead-queued', { lead });
        return;
      case 'rejected':
        this.options.onFieldProblems(settlement.fields ?? {});
        this.fail({ code: 'rejected', message: settlement.problem, status: settlement.status }, lead);
        return;
      case 'failed':
        this.retryableLead = lead;
        this.reportUnreachable(settlement, target, messages.lost);
        this.fail({ code: settlement.reason, message: `${settlement.problem}; not kept for later`, ...(settlement.status ? { status: settlement.status } : {}) }, lead);
    }
  }

  /** The lead for these answers, validated: the one that failed unkept when the content is the same, else a new one. */
  private async leadFor(answers: FormAnswers, inputs: LeadInputs, id = createLeadId()): Promise<Lead | undefined> {
    // The receipt records the wording exactly as rendered next to the chosen option.
    const consentText = inputs.text[labelKey('preference', answers.preference)];
    const textSha256 = await consentDigest(consentText);
    let candidate: Lead;
    try {
      candidate = candidateLead(answers, inputs, { id, consentText, textSha256 });
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

  private show(state: LeadCaptureState, message: string): void {
    this.state = state;
    this.statusMessage = message;
    this.host.requestUpdate();
  }

  /** For the site owner: why a lead is waiting although the prospect is online, naming the endpoint it went to. */
  private reportUnreachable(settlement: Settlement & { kind: 'queued' | 'failed' }, target: DeliveryTarget | undefined, outcome: string): void {
    if (navigator.onLine === false || !target) return;
    const advice = settlement.reason === 'network' ? messages.unanswered(target.destination) : messages.mayBeDown;
    report(this.host, 'endpoint', messages.notDelivered(target.endpoint, settlement.problem, advice, outcome));
  }

  private fail(error: LeadCaptureError, lead?: Lead): void {
    const text = this.inputs!.text;
    const message =
      error.code === 'rejected'
        ? formatString(text.statusRejected, { problem: error.message })
        : error.code === 'invalid-lead' || error.code === 'not-configured'
          ? text.statusNotConfigured
          : text.statusFailed;
    this.show('error', message);
    this.emit('lead-error', { ...(lead ? { lead } : {}), error });
  }

  /** Dispatches an outcome from the element, and tells the page's data layer when the site asked for it. */
  private emit<Type extends keyof LeadCaptureEventMap>(type: Type, detail: LeadCaptureEventMap[Type]['detail'], cancelable = false): boolean {
    const proceed = emit(this.host, type, detail, cancelable);
    const layer = this.inputs?.configuration.values.dataLayer;
    if (layer && type !== 'lead-submit' && !pushToDataLayer(layer, dataLayerEntry(type, detail))) report(this.host, 'data-layer', messages.dataLayerRefused(layer));
    return proceed;
  }
}
