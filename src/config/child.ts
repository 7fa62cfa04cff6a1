import { isRecord } from '../delivery/destinations/answers.js';
import * as messages from '../messages.js';
import { optionTable, type RawOptions } from '../options.js';
import type { ConfigurationProblem } from './resolve.js';

/**
 * Declarative configuration without JavaScript on the page (and without 'unsafe-inline': a
 * JSON script is data, never run): any option by property name, `strings` and `indicators`
 * included. Attributes and properties win over it.
 */
export function parseChildConfiguration(json: string | null | undefined): { options: RawOptions; problems: ConfigurationProblem[] } {
  if (!json?.trim()) return { options: {}, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { options: {}, problems: [{ attribute: 'config', message: messages.childNotJson(error) }] };
  }
  if (!isRecord(parsed)) return { options: {}, problems: [{ attribute: 'config', message: messages.childNotObject }] };
  const options: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (Object.hasOwn(optionTable, key) && optionTable[key as keyof typeof optionTable].kind !== 'property') options[key] = value;
    else unknown.push(key);
  }
  const problems = unknown.length ? [{ attribute: 'config', message: messages.childUnknownOptions(unknown) }] : [];
  return { options, problems };
}
