import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { serve } from 'srvx';
import { parseCli, usage, UsageError, type CliSettings } from './cli-options.js';
import type { ReceiverConfig } from './config.js';
import { loadConfigFile } from './config-file.js';
import { createReceiver } from './handler.js';
import { isPostgresUrl } from './store/database.js';
import { DataDirectoryLocked } from './store/lock.js';

/**
 * `npx lead-capture-receiver`: flags and environment in, a server out. srvx is the Node layer (a
 * web-standard `fetch` server, no dependencies), so the command runs exactly the handler that a
 * Netlify or Vercel function runs.
 */

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const hourMs = 60 * 60 * 1000;

/** Addresses a person can paste: localhost, and this machine's network addresses when listening on all of them. */
function reachableOrigins(host: string, port: number): string[] {
  const format = (address: string) => `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  if (host !== '0.0.0.0' && host !== '::') return [format(host)];
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
    .map((entry) => format(entry!.address));
  return [format('localhost'), ...external];
}

function describeDatabase(settings: CliSettings): string {
  if (!isPostgresUrl(settings.database)) return `PGlite in ${resolve(settings.database)}`;
  const url = new URL(settings.database);
  return `Postgres at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<void> {
  let settings: CliSettings;
  try {
    settings = parseCli(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`lead-capture-receiver: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  if (settings.help) {
    console.log(usage);
    return;
  }

  // The configuration is checked before the database opens: a wrong key stops the start with one line.
  let config: ReceiverConfig | undefined;
  let receiver: ReturnType<typeof createReceiver>;
  try {
    config = settings.config ? await loadConfigFile(resolve(settings.config)) : undefined;
    receiver = createReceiver({
      ...(config || settings.smtpUrl ? { notifications: { config: config ?? { notifications: [] }, ...(settings.smtpUrl ? { smtpUrl: settings.smtpUrl } : {}) } } : {}),
      database: isPostgresUrl(settings.database) ? settings.database : resolve(settings.database),
      allowedOrigins: settings.allowedOrigins,
      ...(settings.inboxPassword ? { inboxPassword: settings.inboxPassword } : {}),
      rateLimit: settings.rateLimit,
      trustProxy: settings.trustProxy,
      retentionDays: settings.retentionDays,
      port: settings.port,
    });
  } catch (error) {
    console.error(`lead-capture-receiver: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  try {
    await receiver.ready;
  } catch (error) {
    await receiver.close().catch(() => {});
    if (error instanceof DataDirectoryLocked) {
      console.error(`lead-capture-receiver: ${error.message}`);
    } else {
      const code = (error as { code?: string }).code;
      console.error(`lead-capture-receiver: cannot open the database (${describeDatabase(settings)}): ${(error as Error).message}${code ? ` [${code}]` : ''}`);
    }
    process.exitCode = 1;
    return;
  }

  const server = serve({
    fetch: (request) => receiver(request, { clientAddress: (request as { ip?: string }).ip }),
    port: settings.port,
    hostname: settings.host,
    silent: true,
    gracefulShutdown: false,
    manual: true,
  });
  try {
    await server.serve();
  } catch (error) {
    await receiver.close();
    console.error(`lead-capture-receiver: cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message} (choose another --port)`);
    process.exitCode = 1;
    return;
  }
  const address = server.node?.server?.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  receiver.setPort(port);

  const origins = reachableOrigins(settings.host, port);
  console.log(`lead-capture-receiver ${version}: leads stored in ${describeDatabase(settings)}`);
  console.log(`POST leads to: ${origins.map((origin) => `${origin}/leads`).join('  ')}`);
  console.log(`Inbox:         ${origins.map((origin) => `${origin}/inbox/`).join('  ')}`);
  if (!settings.inboxPassword) {
    console.log('The inbox is off: set LEAD_INBOX_PASSWORD to turn it on (POST /leads works without it).');
  }
  if (settings.allowedOrigins.length === 0) {
    console.log('Any site may post leads: restrict it with --allow-origin https://www.example.com (or LEAD_ALLOWED_ORIGINS).');
  } else {
    console.log(`Sites allowed to post: ${settings.allowedOrigins.join(', ')}`);
  }
  // Rule names and channel types only: URLs, secrets and addresses stay out of the log.
  for (const rule of config?.notifications ?? []) console.log(`Notify: "${rule.name}" by ${rule.channel.type}${rule.digest ? ` (daily at ${rule.digest.at} ${rule.digest.timeZone})` : ''}`);

  // Retention also runs when nobody calls (requests check it too).
  const maintenance = setInterval(() => void receiver.runMaintenance().catch(() => {}), hourMs);
  maintenance.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`lead-capture-receiver: ${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    clearInterval(maintenance);
    console.log(`lead-capture-receiver: ${signal}: finishing requests in flight, then closing the database.`);
    // Stop accepting; idle keep-alive connections close, requests in flight finish.
    await server.close();
    await receiver.close();
    console.log('lead-capture-receiver: stopped.');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
