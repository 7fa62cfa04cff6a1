/**
 * The script-tag entry (dist/lead-capture.iife.js and dist/lead-capture.min.js): zod is
 * bundled privately here, so it can be told not to compile parsers with `new Function`.
 * That keeps the widget working, and silent, under a strict Content Security Policy
 * (no 'unsafe-eval'), where zod's probe for eval would be reported as a violation.
 */
import { config } from 'zod/mini';

config({ jitless: true });

import './define.js';

/**
 * `window.LeadCapture`: the classes, to subclass or to register in another registry. The schema,
 * the strings and the classifier are for bundlers and endpoints (`lead-capture`,
 * `lead-capture/schema`); a page with a script tag does not pay for exporting them.
 */
export { LeadCapture, LeadIndicator, defineLeadCapture } from './element.js';
