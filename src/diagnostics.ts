/**
 * The one path by which the widget speaks to a site owner: the console. Each message is said
 * once per element (a mistake is not repeated on every render), named after the element (and
 * its id, on a page with several) and the setting it is about. The words are in `messages.ts`.
 */

const said = new WeakMap<object, Set<string>>();
const page = {};

/** One console error about `setting` of `element` (the page, for what no widget owns). */
export function report(element: HTMLElement | undefined, setting: string, message: string): void {
  const name = element?.id ? `<lead-capture id="${element.id}">` : '<lead-capture>';
  const text = `${name} ${setting}: ${message}`;
  const owner = element ?? page;
  const seen = said.get(owner) ?? new Set<string>();
  said.set(owner, seen);
  if (seen.has(text)) return;
  seen.add(text);
  console.error(text, ...(element ? [element] : []));
}

/** A warning said once per page: what it is about does not change within a visit (storage, say). */
export function warnOnce(message: string): void {
  const seen = said.get(page) ?? new Set<string>();
  said.set(page, seen);
  if (!seen.has(message)) console.warn(message);
  seen.add(message);
}
