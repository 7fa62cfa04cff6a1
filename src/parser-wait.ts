/** Elements waiting for the parser, and what to call once it has passed them. */
const waiting = new Map<Element, () => void>();
let observer: MutationObserver | undefined;
/** Milliseconds a render waits at most for the parser. */
const longestWait = 100;

/**
 * Resolves once the HTML parser has passed `element`'s end tag, or undefined when it already
 * has (or the document is parsed). A widget upgraded by a script in `<head>` would otherwise
 * render once per child: the parser runs the microtasks before creating each custom element,
 * so each `<lead-indicator>` meant another render (six for two indicators, measured).
 * Never later than `longestWait` or DOMContentLoaded: a parser waiting for the network
 * halfway through the element must not hold back the form. A frame painted meanwhile shifts
 * nothing: what follows the element is not parsed yet. (Bounded by the next frame instead,
 * it rendered twice at 4× CPU, where the parser yields after the element's constructor: one
 * more render and layout, 100 ms more of long tasks, measured.)
 */
export function untilParsed(element: Element): Promise<void> | undefined {
  if (document.readyState !== 'loading' || parsedPast(element)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      // A later wait of the same element (it rendered at the time limit, the parser is still inside) is its own.
      if (waiting.get(element) === done) waiting.delete(element);
      if (!waiting.size) observer?.disconnect();
      resolve();
    };
    waiting.set(element, done);
    setTimeout(done, longestWait);
    document.addEventListener('DOMContentLoaded', done, { once: true });
    observer ??= new MutationObserver(() => waiting.forEach((finish, waiter) => parsedPast(waiter) && finish()));
    // Whatever the parser adds next lands after the element: a sibling of it or of an ancestor.
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * Whether the parser is past the element: something follows it or an ancestor, out through
 * shadow roots to their hosts (the parser streams a declarative shadow root's content into it).
 * Nothing the parser writes into: not in a document (detached, or in a fragment).
 */
function parsedPast(element: Element): boolean {
  let node: Node | null = element;
  for (; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node.nextSibling) return true;
    if (node === element.ownerDocument) return false;
  }
  return true;
}

/**
 * Resolves once the next frame is painted while the page is parsed but not yet loaded, or
 * undefined at any other time. A deferred script (the README's snippet) runs once the page is
 * parsed, often before its first paint: a render in the script's own task made that task longer
 * and delayed the paint, and the page's own largest contentful paint with it (see
 * docs/performance.md). Waiting a frame lets the page paint first and splits the script's
 * evaluation from the render (two shorter tasks, not one long one); the reserved space keeps
 * anything from moving. While the page is still `loading`, `untilParsed` decides. Never later
 * than `longestWait`: a hidden tab paints no frame.
 */
export const untilPainted = (): Promise<unknown> | undefined =>
  document.readyState == 'interactive'
    ? new Promise((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve));
        setTimeout(resolve, longestWait);
      })
    : undefined;
