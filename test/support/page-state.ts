/** Test helpers for what a widget leaves behind in the page: storage and console errors. */

/** Removes everything the widget keeps in localStorage (queue, conversions, claims). */
export function clearStoredState(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('lead-capture:')) localStorage.removeItem(key);
}

/** Captures console.error calls (their first argument) until `restore()`. */
export function captureConsoleErrors(): { messages: string[]; restore: () => void } {
  const original = console.error;
  const messages: string[] = [];
  console.error = (...args: unknown[]) => messages.push(String(args[0]));
  return { messages, restore: () => (console.error = original) };
}
