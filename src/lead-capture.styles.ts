import { css } from 'lit';

/** Dark defaults, used by prefers-color-scheme and by theme="dark". */
const darkPalette = css`
  --_default-accent: #93c5fd;
  --_default-accent-text: #0b1220;
  --_default-text: #f3f4f6;
  --_default-muted: #d1d5db;
  --_default-background: #111827;
  --_default-border: #9ca3af;
  --_default-error: #fca5a5;
  color-scheme: dark;
`;

/**
 * Everything is scoped to the shadow root; sites theme through the custom properties and
 * parts documented on the element. Logical properties keep right-to-left layouts correct.
 */
export const leadCaptureStyles = css`
  /* Each theme sets private defaults; a site's --lead-capture-* property always wins. */
  :host {
    --_default-accent: #1d4ed8;
    --_default-accent-text: #ffffff;
    --_default-text: #1f2937;
    --_default-muted: #4b5563;
    --_default-background: #ffffff;
    --_default-border: #6b7280;
    --_default-error: #b91c1c;
    color-scheme: light;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }

  :host([theme='dark']) {
    ${darkPalette}
  }

  :host {
    --_accent: var(--lead-capture-accent, var(--_default-accent));
    --_accent-text: var(--lead-capture-accent-text, var(--_default-accent-text));
    --_text: var(--lead-capture-text, var(--_default-text));
    --_muted: var(--lead-capture-muted, var(--_default-muted));
    --_background: var(--lead-capture-background, var(--_default-background));
    --_border: var(--lead-capture-border, var(--_default-border));
    --_error: var(--lead-capture-error, var(--_default-error));
    --_radius: var(--lead-capture-radius, 0.5rem);
    --_spacing: var(--lead-capture-spacing, 1rem);

    display: block;
    box-sizing: border-box;
    max-inline-size: 36rem;
    font: var(--lead-capture-font, inherit);
  }

  /*
   * The visible box is inside the shadow root: page rules that reach the host element
   * (even "* { color: red !important }") cannot recolour or restyle what the widget draws.
   */
  .surface {
    box-sizing: border-box;
    padding: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    line-height: 1.5;
    text-align: start;
    overflow-wrap: anywhere;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  form {
    display: grid;
    gap: var(--_spacing);
    margin: 0;
  }

  fieldset {
    display: grid;
    gap: calc(var(--_spacing) / 2);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  legend,
  .label {
    padding: 0;
    margin-block-end: calc(var(--_spacing) / 4);
    font-weight: 600;
  }

  .hint {
    font-weight: 400;
    color: var(--_muted);
  }

  /* The label is the target: at least 24 by 24 CSS pixels (WCAG 2.5.8). */
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    min-block-size: 1.5rem;
    min-inline-size: 1.5rem;
    cursor: pointer;
  }

  .choice input {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }

  .field {
    display: grid;
    gap: 0.25rem;
  }

  input[type='text'],
  input[type='email'],
  input[type='tel'],
  select {
    inline-size: 100%;
    min-block-size: 2.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_background);
    color: inherit;
    font: inherit;
  }

  input[aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }

  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  .error {
    margin: 0;
    color: var(--_error);
    font-weight: 600;
  }

  .error::before {
    content: '⚠ ';
  }

  button {
    justify-self: start;
    min-block-size: 2.75rem;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_accent-text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition:
      background-color 150ms ease,
      box-shadow 150ms ease;
  }

  button:hover {
    box-shadow: 0 0 0 2px var(--_background), 0 0 0 4px var(--_accent);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  .honeypot {
    position: absolute;
    inset-inline-start: -10000px;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
  }

  .privacy {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }

  a {
    color: var(--_accent);
  }

  .status:empty {
    display: none;
  }

  .status {
    margin-block-start: var(--_spacing);
  }

  /* The thank-you panel says it visibly; the region still announces it. */
  :host([state='sent']) .status,
  :host([state='queued']) .status {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  :host([state='error']) .status {
    color: var(--_error);
    font-weight: 600;
  }

  .thank-you h2 {
    margin: 0 0 calc(var(--_spacing) / 2);
    font-size: 1.25em;
  }

  .thank-you h2:focus {
    outline: none;
  }

  .thank-you h2:focus-visible {
    outline: 3px solid var(--_accent);
  }

  .thank-you p {
    margin: 0 0 calc(var(--_spacing) / 2);
  }

  .asset-link {
    display: inline-block;
    margin-block-start: calc(var(--_spacing) / 2);
    padding: 0.5rem 0;
    font-weight: 600;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }

  /* Windows high contrast and other forced palettes: keep every boundary and the focus visible. */
  @media (forced-colors: active) {
    .surface {
      border-color: CanvasText;
    }

    button {
      border-color: ButtonText;
    }

    input[aria-invalid='true'] {
      border-color: Mark;
    }

    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
