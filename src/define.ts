/** `lead-capture/define`: the same registering entry as `lead-capture`, by its explicit name. */
export * from './index.js';
