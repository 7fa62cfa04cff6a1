/** Asks the inbox's live region to say something (a logged outcome, a new lead): any view can fire it. */
export const announce = (from: Element, message: string) =>
  from.dispatchEvent(new CustomEvent('inbox-announce', { detail: message, bubbles: true, composed: true }));
