import type { Indicator } from './lead/schema.js';

/**
 * An indicator as declared in markup. Works on elements that are not upgraded yet (the
 * parent can connect first), so it reads the attribute and the text, not properties.
 */
export function indicatorFromElement(element: Element): Indicator {
  return {
    value: element.getAttribute('value') ?? '',
    label: (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
  };
}

/**
 * Declares one problem indicator of a `<lead-capture>`: a problem the prospect may tick.
 * It renders nothing itself; its parent reads `value` and the text.
 *
 * @tagname lead-indicator
 * @summary A problem indicator offered as a checkbox by its parent `<lead-capture>`.
 *
 * @attr value - The code sent in the lead (`indicators[].value`), unique within its parent.
 * @slot - The label shown to the prospect and sent as `indicators[].label` (plain text).
 */
export class LeadIndicator extends HTMLElement {
  /** The code sent in the lead. Mirrors the `value` attribute. */
  get value(): string {
    return this.getAttribute('value') ?? '';
  }

  set value(value: string) {
    this.setAttribute('value', value);
  }

  /** The label shown to the prospect: the element's text, whitespace collapsed. */
  get label(): string {
    return indicatorFromElement(this).label;
  }

  connectedCallback(): void {
    // Declarative data, not content: never shown in the page's own layout.
    this.hidden = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lead-indicator': LeadIndicator;
  }
}
