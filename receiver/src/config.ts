import { contactPreferences, temperatures } from 'lead-capture/schema';
import * as z from 'zod/mini';

/**
 * The receiver's configuration file (`--config` / `LEAD_CONFIG`): notification rules today. The
 * shape is a contract (issue 25): a file written today keeps working, so keys are only ever added.
 * Objects are strict, so a misspelt key (`chanel`) stops the start instead of being ignored.
 */

const text = (max: number, what: string) => z.string({ error: `${what}` }).check(z.minLength(1, `${what}`), z.maxLength(max, `${what} (at most ${max} characters)`));

const webUrl = (what: string) =>
  z.string({ error: `${what}` }).check(
    z.refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
      } catch {
        return false;
      }
    }, `${what}`),
  );

const list = <T extends z.ZodMiniType>(item: T, what: string) => z.array(item).check(z.minLength(1, `${what}`));

const whenSchema = z.strictObject({
  temperature: z.optional(list(z.enum(temperatures, { error: `must be one of ${temperatures.join(', ')}` }), `list at least one temperature (${temperatures.join(', ')}), or leave "temperature" out`)),
  offer: z.optional(list(text(200, 'must be an offer id, like "webinar-2026"'), 'list at least one offer id, or leave "offer" out')),
  preference: z.optional(list(z.enum(contactPreferences, { error: `must be one of ${contactPreferences.join(', ')}` }), `list at least one preference (${contactPreferences.join(', ')}), or leave "preference" out`)),
});

const timeZoneSchema = z.string({ error: 'must be an IANA time zone, like "Europe/Berlin"' }).check(
  z.refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be a time zone this system knows: write an IANA name, like "Europe/Berlin" or "UTC"'),
);

const digestSchema = z.strictObject({
  at: z.string({ error: 'must be a local time "HH:MM", like "08:00"' }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time "HH:MM" (24 hours), like "08:00"')),
  timeZone: z._default(timeZoneSchema, 'UTC'),
});

const emailAddress = z.string({ error: 'must be an email address' }).check(z.regex(/^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/, 'must be an email address, like "owner@example.com"'));

export const channelSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('webhook'),
      url: webUrl('must be the URL to POST to, like "https://crm.example/hooks/leads"'),
      secret: z.string({ error: 'must be the signing secret: a random string of at least 16 characters (openssl rand -hex 32)' }).check(
        z.minLength(16, 'must be longer: use a random string of at least 16 characters (openssl rand -hex 32)'),
      ),
    }),
    z.strictObject({ type: z.literal('slack'), url: webUrl('must be the Slack incoming-webhook URL, like "https://hooks.slack.com/services/T…/B…/…"') }),
    z.strictObject({ type: z.literal('teams'), url: webUrl('must be the Microsoft Teams incoming-webhook URL (Connectors, "Incoming Webhook")') }),
    z.strictObject({ type: z.literal('discord'), url: webUrl('must be the Discord webhook URL, like "https://discord.com/api/webhooks/…/…"') }),
    z.strictObject({
      type: z.literal('email'),
      to: z.union([emailAddress, z.array(emailAddress).check(z.minLength(1, 'list at least one address'))], { error: 'must be an address, or a list of addresses, like "owner@example.com"' }),
      from: z.optional(z.string().check(z.minLength(3, 'must be the sender, like "Leads <leads@example.com>"'))),
    }),
  ],
  { error: 'needs "type": one of email, slack, teams, discord, webhook' },
);

export const ruleSchema = z.strictObject({
  name: text(100, 'must be the rule\'s name, unique in the file, like "hot leads to the CRM"'),
  when: z.optional(whenSchema),
  digest: z.optional(digestSchema),
  channel: channelSchema,
});

export const configSchema = z
  .strictObject({
    /** Where people reach this receiver (`https://leads.example.com`): the links to a lead in the inbox start with it. */
    publicUrl: z.optional(webUrl('must be this receiver\'s address as people open it, like "https://leads.example.com"')),
    notifications: z._default(z.array(ruleSchema, { error: 'must be a list of rules: [ { "name": …, "channel": … } ]' }), []),
  })
  .check(
    z.superRefine((config, context) => {
      const seen = new Set<string>();
      config.notifications.forEach((rule, index) => {
        // The name keys the outbox rows and the daily digest across restarts: two rules with one name would share them.
        if (seen.has(rule.name)) context.issues.push({ code: 'custom', path: ['notifications', index, 'name'], message: 'is used by an earlier rule: give each rule its own name', input: rule.name });
        seen.add(rule.name);
      });
    }),
  );

export type ReceiverConfig = z.infer<typeof configSchema>;
export type NotificationRule = z.infer<typeof ruleSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type ChannelType = Channel['type'];

/** A configuration that cannot be used: `message` is one line naming the key and the fix. */
export class ConfigError extends Error {}

/** `notifications[1].channel.url` from zod's path. */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(the file)';
}

/** Checks a parsed file; throws a {@link ConfigError} naming the first wrong key. */
export function checkConfig(input: unknown, where = 'configuration'): ReceiverConfig {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys?: string[] }).keys ?? [];
    return fail(where, keyPath([...issue.path, keys[0] ?? '']), 'is not a key here: check its spelling against docs/notifications.md');
  }
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) message = `is missing or of the wrong type (${message})`;
  return fail(where, keyPath(issue.path), message);
}

function fail(where: string, path: string, message: string): never {
  throw new ConfigError(`${where}: ${path} ${message}`);
}
