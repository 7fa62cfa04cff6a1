import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkConfig, ConfigError, type ReceiverConfig } from './config.js';

/**
 * Reads the configuration file: JSON (`.json`) or YAML (anything else; YAML also reads JSON). Any
 * problem is one {@link ConfigError} line naming the file and the key, so the CLI can refuse to start
 * with it. Kept apart from config.ts, which is pure and runs anywhere (a function can pass an object).
 */
export async function loadConfigFile(file: string): Promise<ReceiverConfig> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ConfigError(`${file}: cannot read it (${code ?? (error as Error).message}): check the path given to --config or LEAD_CONFIG`);
  }
  let data: unknown;
  try {
    data = extname(file).toLowerCase() === '.json' ? JSON.parse(source) : parseYaml(source, { prettyErrors: false });
  } catch (error) {
    // The parser's message names the line; the text around it could hold a secret, so only the first line.
    const first = String((error as Error).message).split('\n')[0];
    throw new ConfigError(`${file}: is not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${first}`);
  }
  return checkConfig(data, file);
}
