/** Elements waiting for the parser, and what to call once it has passed them. */
const waiting = new Map<Element, () => void>();
let observer: MutationObserver | undefined;

/**
 * Resolves once the HTML parser has passed `element`'s end tag, or undefined when it already
 * has (or the document is parsed). A widget upgraded by a script in `<head>` would otherwise
 * render once per child: the parser runs the microtasks before creating each custom element,
 * so each `<lead-indicator>` meant another render (six for two indicators, measured).
 * Never later than the next frame or DOMContentLoaded: a parser waiting for the network
 * halfway through the element must not hold back the form, nor let it appear after a paint
 * and shift the page.
 */
export function untilParsed(element: Element): Promise<void> | undefined {
  if (document.readyState !== 'loading' || parsedPast(element)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      waiting.delete(element);
      if (!waiting.size) observer?.disconnect();
      resolve();
    };
    waiting.set(element, done);
    requestAnimationFrame(done);
    document.addEventListener('DOMContentLoaded', done, { once: true });
    observer ??= new MutationObserver(() => waiting.forEach((finish, waiter) => parsedPast(waiter) && finish()));
    // Whatever the parser adds next lands after the element: a sibling of it or of an ancestor.
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** Whether anything follows the element in its document: the parser wrote its end tag. */
function parsedPast(element: Element): boolean {
  for (let node: Node | null = element; node; node = node.parentNode) if (node.nextSibling) return true;
  return !element.isConnected;
}
