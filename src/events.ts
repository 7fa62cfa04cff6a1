import type { SpamReason } from './form/bot-check.js';
import type { Lead } from './lead/schema.js';

/** The events `<lead-capture>` dispatches, and their `detail`s. */

/** Where the widget is in its life: the `state` property, reflected to the `state` attribute and to CSS custom states (`:state(sent)`). */
export type LeadCaptureState = 'idle' | 'submitting' | 'sent' | 'queued' | 'error';

/** Why a lead did not reach the endpoint (`lead-error`'s `detail.error`). */
export interface LeadCaptureError {
  /**
   * `rejected`: the endpoint refused the lead (4xx, or the destination's own refusal);
   * `network` (no answer, or one the browser refused: CORS, a redirect), `timeout`, `server`:
   * it could not be delivered and this browser could not keep it for later
   * (storage disabled or full); `expired`: queued leads outlived their time to live and a last attempt failed;
   * `unreadable`: queued copies no longer parsed (changed by another script) and were
   * removed; `invalid-lead`: the lead failed validation; `not-configured`: no usable endpoint.
   */
  code: 'rejected' | 'network' | 'timeout' | 'server' | 'expired' | 'unreadable' | 'invalid-lead' | 'not-configured';
  /** A plain-text explanation, safe to show or log. */
  message: string;
  /** The HTTP status, when the endpoint answered. */
  status?: number;
  /** For `expired` and `unreadable`: how many queued leads were dropped. */
  count?: number;
}

export interface LeadSubmitDetail {
  lead: Lead;
}

export interface LeadSentDetail {
  lead: Lead;
  /** The endpoint's HTTP status; 0 when its answer could not be read. */
  status: number;
  /**
   * `false` when the request went out and the server answered, but the browser could not
   * read the answer (a service without CORS headers, or Salesforce's `no-cors`): sent, unconfirmed.
   */
  confirmed: boolean;
}

export interface LeadQueuedDetail {
  /** The lead kept in this browser, to be sent when the endpoint can be reached. */
  lead: Lead;
}

export interface LeadSpamDetail {
  /** `honeypot`: the hidden field was filled; `too-fast`: text was typed key by key faster than a person types (`min-fill-ms`). */
  reason: SpamReason;
}

export interface LeadErrorDetail {
  /** The lead that was not delivered, when one could be built. */
  lead?: Lead;
  error: LeadCaptureError;
}

/** The events, by name: what `addEventListener` and the framework types see. */
export interface LeadCaptureEventMap {
  'lead-submit': CustomEvent<LeadSubmitDetail>;
  'lead-sent': CustomEvent<LeadSentDetail>;
  'lead-queued': CustomEvent<LeadQueuedDetail>;
  'lead-spam': CustomEvent<LeadSpamDetail>;
  'lead-error': CustomEvent<LeadErrorDetail>;
}

/**
 * Dispatches one of the widget's events, typed by the event map. From a widget it bubbles out
 * of the shadow root (`composed`); on `window` (leads from earlier visits) it goes nowhere else.
 */
export function emit<Type extends keyof LeadCaptureEventMap>(
  target: EventTarget,
  type: Type,
  detail: LeadCaptureEventMap[Type]['detail'],
  cancelable = false,
): boolean {
  const fromWidget = target !== globalThis;
  return target.dispatchEvent(new CustomEvent(type, { bubbles: fromWidget, composed: fromWidget, cancelable, detail }));
}

declare global {
  // Every widget's events bubble out of its shadow root to the document and the window;
  // leads from earlier visits are reported on the window itself.
  interface HTMLElementEventMap extends LeadCaptureEventMap {}
  interface WindowEventMap extends LeadCaptureEventMap {}
  interface DocumentEventMap extends LeadCaptureEventMap {}
}
