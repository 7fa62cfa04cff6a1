/**
 * `import 'lead-capture/react'`: registers the elements (the same module as `lead-capture`)
 * and types them for React 19's JSX: every property and attribute of `<lead-capture>`,
 * `onlead-submit|sent|queued|spam|error` with their `CustomEvent<detail>`, and `<lead-indicator>`.
 *
 * A separate entry because augmenting `react` needs React's own types (`HTMLAttributes`,
 * `ref`), which a project without React does not have. Hand-written (the library does not
 * depend on React); copied to dist/types/ by scripts/build.mjs, and type-checked by the React
 * app in test/hosts/react with skipLibCheck off (npm run test:hosts).
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LeadCapture, LeadIndicator } from './index.js';
import type { LeadCaptureElementProps, LeadIndicatorElementProps } from './hosts/types.js';

export * from './index.js';


/** `<lead-capture>` in React's JSX: React's attributes for an element, `ref` to the `LeadCapture`, and the widget's own. */
export type LeadCaptureJSXProps = Omit<DetailedHTMLProps<HTMLAttributes<LeadCapture>, LeadCapture>, keyof LeadCaptureElementProps> &
  LeadCaptureElementProps;

/** `<lead-indicator value="…">Label</lead-indicator>` in React's JSX. */
export type LeadIndicatorJSXProps = Omit<DetailedHTMLProps<HTMLAttributes<LeadIndicator>, LeadIndicator>, keyof LeadIndicatorElementProps> &
  LeadIndicatorElementProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'lead-capture': LeadCaptureJSXProps;
      'lead-indicator': LeadIndicatorJSXProps;
    }
  }
}
