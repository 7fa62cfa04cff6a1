/**
 * `import 'lead-capture/svelte'`: registers the elements (the same module as `lead-capture`)
 * and types them for Svelte 5 (`svelteHTML.IntrinsicElements`): every property and attribute
 * of `<lead-capture>`, `onlead-submit|sent|queued|spam|error` with their `CustomEvent<detail>`,
 * and `<lead-indicator>`.
 *
 * Hand-written (the library does not depend on Svelte); copied to dist/types/ by
 * scripts/build.mjs, and checked by the Svelte app in test/hosts/svelte (npm run test:hosts).
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { LeadCapture, LeadIndicator } from './index.js';
import type { LeadCaptureElementProps, LeadIndicatorElementProps } from './hosts/types.js';

export * from './index.js';


/** `<lead-capture>` in a Svelte template: Svelte's attributes for an element and the widget's own. */
export type LeadCaptureSvelteProps = Omit<HTMLAttributes<LeadCapture>, keyof LeadCaptureElementProps> & LeadCaptureElementProps;

/** `<lead-indicator value="…">Label</lead-indicator>` in a Svelte template. */
export type LeadIndicatorSvelteProps = Omit<HTMLAttributes<LeadIndicator>, keyof LeadIndicatorElementProps> & LeadIndicatorElementProps;

declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
      'lead-capture': LeadCaptureSvelteProps;
      'lead-indicator': LeadIndicatorSvelteProps;
    }
  }
}
