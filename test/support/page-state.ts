import { ConversionHistory } from '../../src/conversion-history.js';
import { LeadOutbox } from '../../src/delivery/outbox.js';

/** Test helpers for what a widget leaves behind in the page: storage and console errors. */

/** Forgets everything the widget keeps in this browser (the queue and the conversion history), through its own API. */
export function clearStoredState(): void {
  new LeadOutbox().clear();
  new ConversionHistory().clear();
}

/** Captures console.error calls (their first argument) until `restore()`. */
export function captureConsoleErrors(): { messages: string[]; restore: () => void } {
  const original = console.error;
  const messages: string[] = [];
  console.error = (...args: unknown[]) => messages.push(String(args[0]));
  return { messages, restore: () => (console.error = original) };
}
