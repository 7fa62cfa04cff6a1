/**
 * The script-tag entry (dist/lead-capture.iife.js and dist/lead-capture.min.js): zod is
 * bundled privately here, so it can be told not to compile parsers with `new Function`.
 * That keeps the widget working, and silent, under a strict Content Security Policy
 * (no 'unsafe-eval'), where zod's probe for eval would be reported as a violation.
 */
import { config } from 'zod/mini';

config({ jitless: true });

export * from './define.js';
