/**
 * `import 'lead-capture/vue'`: registers the elements (the same module as `lead-capture`) and
 * types them for Vue 3 templates (`GlobalComponents`): every property and attribute of
 * `<lead-capture>` (Vue matches `offer-id` to `offerId`, so each is typed as its property:
 * write `:track-repeats="false"`, a boolean), `@lead-submit|sent|queued|spam|error` with their `CustomEvent<detail>`,
 * and `<lead-indicator>`. The pattern is Vue's own ("Web Components and TypeScript" in the
 * Vue guide). Vue must still be told the tags are custom elements, in vite.config.ts:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('lead-') } } })`.
 *
 * Hand-written (the library does not depend on Vue); copied to dist/types/ by
 * scripts/build.mjs, and type-checked by the Vue app in test/hosts/vue (npm run test:hosts).
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { LeadCapture, LeadIndicator } from './index.js';
import type { LeadCaptureEventMap } from './index.js';
import type { LeadCaptureProperties, LeadIndicatorElementProps } from './hosts/types.js';

export * from './index.js';


/** A custom element as a Vue template sees it: its props and the events it emits (template typing only). */
export type VueCustomElement<Element extends HTMLElement, Props, Events extends Record<string, Event> = {}> = new () => Element & {
  /** @deprecated For template prop types only; not a property of the element. */
  $props: Omit<HTMLAttributes, keyof Props> & Props & PublicProps;
  /** @deprecated For template event types only; not a property of the element. */
  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    // Pick: an interface has no index signature, and Vue's emits want a Record<string, Event>.
    'lead-capture': VueCustomElement<LeadCapture, LeadCaptureProperties, Pick<LeadCaptureEventMap, keyof LeadCaptureEventMap>>;
    'lead-indicator': VueCustomElement<LeadIndicator, LeadIndicatorElementProps>;
  }
}
