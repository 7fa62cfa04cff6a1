/** The registering entry: the package's main module and the script-tag bundle. */
import { defineLeadCapture } from './index.js';

export * from './index.js';

defineLeadCapture();
