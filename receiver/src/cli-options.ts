import { defaults, normalizeOrigin } from './options.js';

/** The command's settings from flags and environment (a flag wins), checked; pure, so tested alone. */

export interface CliSettings {
  help: boolean;
  port: number;
  host: string;
  /** A PGlite directory, or a Postgres URL (from DATABASE_URL). */
  database: string;
  allowedOrigins: string[];
  inboxPassword?: string;
  rateLimit: number;
  trustProxy: boolean;
  retentionDays: number;
  /** The configuration file (notification rules), from --config or LEAD_CONFIG. */
  config?: string;
  /** SMTP_URL: where email notifications are sent. */
  smtpUrl?: string;
}

/** Bad input: one line naming the setting and the fix; the command exits with 2. */
export class UsageError extends Error {}

export const usage = `Usage: npx lead-capture-receiver [options]

Receives leads from <lead-capture> widgets (POST /leads), stores each once, and serves the inbox's API.

Options (each also read from the environment variable shown; a flag wins):
  --port N                   Port to listen on. Default 8787.                          PORT
  --host ADDRESS             Address to listen on. Default 0.0.0.0 (every interface);  HOST
                             127.0.0.1 when a reverse proxy on this machine forwards.
  --data DIR                 Folder of the embedded database (PGlite). Default         LEAD_DATA_DIR
                             ./lead-data. Ignored when DATABASE_URL is set.
  (environment only)         postgres:// or postgresql:// URL: store in that Postgres  DATABASE_URL
                             server instead of the folder.
  --allow-origin LIST        Comma-separated site origins allowed to post leads        LEAD_ALLOWED_ORIGINS
                             (https://www.example.com,https://example.com). Default:
                             any site. Repeat the flag or use commas.
  (environment only)         The inbox password. Without it the inbox and /api/ are     LEAD_INBOX_PASSWORD
                             off (503); POST /leads still works.
  --max-leads-per-minute N   Leads a minute from one client address before 429.       LEAD_RATE_LIMIT
                             Default 30.
  --trust-proxy              Behind your own reverse proxy: take the client address    LEAD_TRUST_PROXY=1
                             from the last X-Forwarded-For entry and https from
                             X-Forwarded-Proto. Never without a proxy that sets them.
  --retention-days N         Days after which leads that asked for no contact lose     LEAD_RETENTION_DAYS
                             name, email and phone. Default 365.
  --config FILE              Configuration file, JSON or YAML: notification rules     LEAD_CONFIG
                             (docs/notifications.md). Checked at start.
  (environment only)         smtp:// or smtps:// URL for email notifications.          SMTP_URL
  -h, --help                 This help.

Stop it with Ctrl-C or SIGTERM: it finishes requests in flight, closes the database and exits 0.
Docs: docs/receiver.md (servers, Netlify/Vercel, backups, erasing a person, the API).`;

const flags = new Set(['--config', '--port', '--host', '--data', '--allow-origin', '--max-leads-per-minute', '--retention-days', '--trust-proxy', '--help', '-h']);
const valueFlags = new Set(['--config', '--port', '--host', '--data', '--allow-origin', '--max-leads-per-minute', '--retention-days']);

function wholeNumber(text: string, setting: string, min: number, max: number, fix: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${setting} "${text}" is not valid: ${fix}`);
  }
  return Number(text);
}

export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliSettings {
  const given = new Map<string, string[]>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const [name, inline] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    if (!flags.has(name)) {
      throw new UsageError(
        argument.startsWith('-') ? `unknown option ${name}: see npx lead-capture-receiver --help for the options` : `unexpected argument "${argument}": options start with --, see --help`,
      );
    }
    let value = inline;
    if (valueFlags.has(name) && value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value: see --help`);
      index += 1;
    }
    if (!valueFlags.has(name) && inline !== undefined) throw new UsageError(`${name} takes no value: write just ${name}`);
    given.set(name, [...(given.get(name) ?? []), value ?? 'true']);
  }
  const last = (name: string) => given.get(name)?.at(-1);
  const help = given.has('--help') || given.has('-h');

  const portText = last('--port') ?? env.PORT;
  const port = portText === undefined || portText === '' ? defaults.port : wholeNumber(portText, last('--port') ? '--port' : 'PORT', 0, 65535, 'give a port number from 1 to 65535, e.g. --port 8787');

  const host = (last('--host') ?? env.HOST ?? '').trim() || '0.0.0.0';
  if (!/^[A-Za-z0-9.:_\-[\]%]{1,255}$/.test(host)) throw new UsageError(`--host "${host}" is not an address: give an IP address or host name, e.g. --host 127.0.0.1`);

  let database: string;
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    let url: URL | undefined;
    try {
      url = new URL(databaseUrl);
    } catch {
      url = undefined;
    }
    if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname) {
      throw new UsageError('DATABASE_URL is not a Postgres URL: write postgres://USER:PASSWORD@HOST:5432/DATABASE (or unset it to use the --data folder)');
    }
    database = databaseUrl;
  } else {
    database = (last('--data') ?? env.LEAD_DATA_DIR ?? '').trim() || defaults.database;
  }

  const originTexts = given.get('--allow-origin') ?? (env.LEAD_ALLOWED_ORIGINS !== undefined ? [env.LEAD_ALLOWED_ORIGINS] : []);
  const originSetting = given.has('--allow-origin') ? '--allow-origin' : 'LEAD_ALLOWED_ORIGINS';
  const allowedOrigins: string[] = [];
  for (const text of originTexts.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean)) {
    const origin = normalizeOrigin(text);
    if (!origin) throw new UsageError(`${originSetting}: "${text}" is not an origin: write scheme and host only, like https://www.example.com`);
    allowedOrigins.push(origin);
  }

  const rateText = last('--max-leads-per-minute') ?? env.LEAD_RATE_LIMIT;
  const rateLimit = rateText === undefined || rateText === '' ? defaults.rateLimit : wholeNumber(rateText, last('--max-leads-per-minute') ? '--max-leads-per-minute' : 'LEAD_RATE_LIMIT', 1, 1_000_000, 'give a whole number of leads a minute, e.g. 30');

  const retentionText = last('--retention-days') ?? env.LEAD_RETENTION_DAYS;
  const retentionDays = retentionText === undefined || retentionText === '' ? defaults.retentionDays : wholeNumber(retentionText, last('--retention-days') ? '--retention-days' : 'LEAD_RETENTION_DAYS', 1, 100_000, 'give a whole number of days, e.g. 365');

  const proxyEnv = env.LEAD_TRUST_PROXY?.trim().toLowerCase();
  if (proxyEnv !== undefined && proxyEnv !== '' && !['1', 'true', 'yes', '0', 'false', 'no'].includes(proxyEnv)) {
    throw new UsageError(`LEAD_TRUST_PROXY "${env.LEAD_TRUST_PROXY}" is not valid: write 1 (trust the proxy) or 0`);
  }
  const trustProxy = given.has('--trust-proxy') || ['1', 'true', 'yes'].includes(proxyEnv ?? '');

  const inboxPassword = env.LEAD_INBOX_PASSWORD || undefined;
  const config = (last('--config') ?? env.LEAD_CONFIG ?? '').trim() || undefined;
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  return { help, port, host, database, allowedOrigins, ...(inboxPassword ? { inboxPassword } : {}), rateLimit, trustProxy, retentionDays, ...(config ? { config } : {}), ...(smtpUrl ? { smtpUrl } : {}) };
}
