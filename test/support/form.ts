import type { LeadCapture } from '../../src/lead-capture.js';

/** Test helpers that drive the widget the way a person does: click, type, submit. */

export function shadow(element: LeadCapture): ShadowRoot {
  if (!element.shadowRoot) throw new Error('lead-capture has no shadow root');
  return element.shadowRoot;
}

export function field<T extends HTMLElement = HTMLInputElement>(element: LeadCapture, selector: string): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function maybeField(element: LeadCapture, selector: string): HTMLElement | null {
  return shadow(element).querySelector(selector);
}

export async function choose(element: LeadCapture, preference: 'none' | 'email' | 'call'): Promise<void> {
  field(element, `input[name="preference"][value="${preference}"]`).click();
  await element.updateComplete;
}

export async function type(element: LeadCapture, name: string, value: string): Promise<void> {
  const input = field(element, `[name="${name}"]`);
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.blur();
  await element.updateComplete;
}

export async function tick(element: LeadCapture, indicatorValue: string): Promise<void> {
  field(element, `input[name="indicator"][value="${indicatorValue}"]`).click();
  await element.updateComplete;
}

export async function submit(element: LeadCapture): Promise<void> {
  field<HTMLButtonElement>(element, 'button[type="submit"]').click();
  await element.updateComplete;
}

/** Texts of the visible error messages, in order. */
export function errorTexts(element: LeadCapture): string[] {
  return Array.from(shadow(element).querySelectorAll('[part~="error"]'), (node) => node.textContent?.trim() ?? '');
}

export function statusText(element: LeadCapture): string {
  return field(element, '[role="status"]').textContent?.trim() ?? '';
}
