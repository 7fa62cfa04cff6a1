import { sharedCourier, type LeadCourier, type Settlement } from '../delivery/courier.js';
import { emit } from '../events.js';

/**
 * What becomes of leads the page's courier sends in the background (queued earlier), told to
 * whoever should hear it: a queued lead whose widget is still on the page goes back to that
 * widget, which shows and reports it; every other lead (one queued on an earlier visit, or by
 * a widget since removed) is reported on `window`, so a listener on a widget hears only of the
 * leads that widget captured.
 */

/** A widget waiting for the outcome of a lead it queued. */
export interface OutcomeOwner {
  readonly connected: boolean;
  settle(settlement: Settlement): void;
}

/** Queued leads whose widget is still on the page, by lead id. */
const waiting = new Map<string, OutcomeOwner>();

export function awaitOutcome(leadId: string, owner: OutcomeOwner): void {
  waiting.set(leadId, owner);
}

export function stopAwaiting(owner: OutcomeOwner): void {
  for (const [id, waiter] of waiting) if (waiter === owner) waiting.delete(id);
}

let listening = false;

/** Installed once per page, by the first widget. */
export function routeBackgroundOutcomes(courier: LeadCourier = sharedCourier()): void {
  if (listening) return;
  listening = true;
  courier.addEventListener('settled', (event) => {
    const settlement = (event as CustomEvent<Settlement>).detail;
    const { lead } = settlement;
    const owner = waiting.get(lead.id);
    if (owner?.connected) {
      if (settlement.kind !== 'queued') owner.settle(settlement);
      return;
    }
    if (settlement.kind === 'delivered') emit(window, 'lead-sent', { lead, status: settlement.status, confirmed: settlement.confirmed });
    if (settlement.kind === 'rejected') emit(window, 'lead-error', { lead, error: { code: 'rejected', message: settlement.problem, status: settlement.status } });
  });
  const dropped = (code: 'expired' | 'unreadable', count: number, why: string) => emit(window, 'lead-error', { error: { code, message: `${count} queued lead(s) ${why}: dropped.`, count } });
  courier.addEventListener('expired', (event) => dropped('expired', (event as CustomEvent<unknown[]>).detail.length, 'were not delivered in time'));
  courier.addEventListener('unreadable', (event) => dropped('unreadable', (event as CustomEvent<number>).detail, 'no longer parsed'));
}
