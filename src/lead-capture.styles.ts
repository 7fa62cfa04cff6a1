import { css } from 'lit';

/**
 * Everything is scoped to the shadow root; sites theme through the custom properties and
 * parts documented on the element. Logical properties keep right-to-left layouts correct.
 */
export const leadCaptureStyles = css`
  :host {
    --_accent: var(--lead-capture-accent, #1d4ed8);
    --_accent-text: var(--lead-capture-accent-text, #ffffff);
    --_text: var(--lead-capture-text, #1f2937);
    --_muted: var(--lead-capture-muted, #4b5563);
    --_background: var(--lead-capture-background, #ffffff);
    --_border: var(--lead-capture-border, #6b7280);
    --_error: var(--lead-capture-error, #b91c1c);
    --_radius: var(--lead-capture-radius, 0.5rem);
    --_spacing: var(--lead-capture-spacing, 1rem);

    display: block;
    box-sizing: border-box;
    max-inline-size: 36rem;
    padding: var(--_spacing);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_text);
    font: var(--lead-capture-font, inherit);
    line-height: 1.5;
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

  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    min-block-size: 1.5rem;
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
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
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

  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }

    input[aria-invalid='true'] {
      border-color: Mark;
    }
  }
`;
