import { css } from 'lit';

/**
 * Shared styles for every inbox element. Lit adopts them as constructable stylesheets, which the
 * inbox's CSP (style-src 'self', no inline styles) allows; no element uses a style attribute.
 * Colours are chosen for 4.5:1 text contrast in both schemes (axe checks it in the tests).
 */
export const shared = css`
  :host {
    --text: #1a1a1a;
    --muted: #4a4f57;
    --surface: #ffffff;
    --raised: #f4f5f7;
    --line: #767b85;
    --accent: #0b5cad;
    --accent-text: #ffffff;
    --danger: #a1231b;
    --hot: #a1231b;
    --warm: #8a4b00;
    --cool: #0b5cad;
    --cold: #4a4f57;
    --first: #0b5cad;
    --repeat: #c46a00;
    --focus: #c2410c;
    display: block;
    color: var(--text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --text: #eceff2;
      --muted: #b5bcc5;
      --surface: #15171a;
      --raised: #22262b;
      --line: #8a919b;
      --accent: #7cb8ff;
      --accent-text: #0b1420;
      --danger: #ff9b92;
      --hot: #ff9b92;
      --warm: #ffc46b;
      --cool: #7cb8ff;
      --cold: #c3c9d1;
      --first: #7cb8ff;
      --repeat: #ffb155;
      --focus: #ffb155;
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.4rem 0.9rem;
    border-radius: 0.4rem;
    border: 1px solid var(--line);
    background: var(--raised);
    color: var(--text);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
  }
  button.primary,
  .button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-text);
  }
  button.danger {
    color: var(--danger);
    border-color: var(--danger);
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.7;
  }
  input,
  select {
    font: inherit;
    color: var(--text);
    background: var(--surface);
    border: 1px solid var(--line);
    border-radius: 0.3rem;
    padding: 0.35rem 0.5rem;
    min-height: 2.5rem;
    max-width: 100%;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.2rem;
    font-size: 0.9rem;
  }
  h2 {
    font-size: 1.3rem;
    margin: 0.5rem 0;
  }
  h3 {
    font-size: 1.1rem;
    margin: 0.2rem 0;
  }
  .muted {
    color: var(--muted);
  }
  .error {
    color: var(--danger);
  }
  .badge {
    display: inline-block;
    font-size: 0.8rem;
    padding: 0 0.4rem;
    border: 1px solid currentColor;
    border-radius: 0.8rem;
    margin-inline-start: 0.3rem;
  }
  .t-hot {
    color: var(--hot);
  }
  .t-warm {
    color: var(--warm);
  }
  .t-cool {
    color: var(--cool);
  }
  .t-cold {
    color: var(--cold);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
