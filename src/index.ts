/**
 * `lead-capture`: the package's main entry. Importing it registers `<lead-capture>` and
 * `<lead-indicator>` (once, however often it is loaded). For the API without registering,
 * import `lead-capture/element`.
 */
import { defineLeadCapture } from './element.js';

export * from './element.js';

defineLeadCapture();
