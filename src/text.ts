/**
 * Text from outside (an endpoint's refusal, an attribute pasted into a page) made fit to show
 * or to log: on one line, and at most `max` characters.
 */
export function shorten(value: string, max = 300): string {
  const singleLine = value.replace(/\s+/g, ' ');
  return singleLine.length > max ? `${singleLine.slice(0, max - 1)}…` : singleLine;
}
