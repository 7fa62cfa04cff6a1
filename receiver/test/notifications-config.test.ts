// The configuration file: every mistake stops the start with one line naming the key and the fix.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseCli } from '../src/cli-options.js';
import { checkConfig, ConfigError } from '../src/config.js';
import { loadConfigFile } from '../src/config-file.js';
import { freshDataDirectory } from './support/pglite-template.js';

const folder = mkdtempSync(join(tmpdir(), 'lead-config-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
};
const secret = '0123456789abcdef0123';
const webhook = { type: 'webhook', url: 'https://crm.example/hooks/leads', secret };

function refusal(input: unknown): string {
  try {
    checkConfig(input);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  assert.fail('accepted');
}

test("the issue's example shape is accepted, with defaults filled in", () => {
  const config = checkConfig({
    notifications: [
      { name: 'hot leads to the CRM', when: { temperature: ['hot'] }, channel: webhook },
      { name: 'team chat', when: { temperature: ['hot', 'warm'], offer: ['webinar-2026'] }, channel: { type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' } },
      { name: 'morning digest', digest: { at: '08:00', timeZone: 'Europe/Berlin' }, channel: { type: 'email', to: 'owner@example.com' } },
      { name: 'teams', when: { preference: ['call'] }, channel: { type: 'teams', url: 'https://example.webhook.office.com/x' } },
      { name: 'discord', digest: { at: '18:30' }, channel: { type: 'discord', url: 'https://discord.com/api/webhooks/1/x' } },
    ],
  });
  assert.equal(config.notifications.length, 5);
  assert.equal(config.notifications[4]!.digest!.timeZone, 'UTC');
  assert.deepEqual(checkConfig({}), { notifications: [] });
});

test('each mistake names its key path and the fix', () => {
  const rule = (extra: object) => ({ notifications: [{ name: 'a', channel: webhook }, { name: 'b', channel: webhook, ...extra }] });
  assert.match(refusal(rule({ channel: { type: 'slack', url: 'hooks.slack.com/x' } })), /^configuration: notifications\[1\]\.channel\.url must be the Slack incoming-webhook URL/);
  assert.match(refusal(rule({ channel: { type: 'fax' } })), /notifications\[1\]\.channel\.type needs "type": one of email, slack, teams, discord, webhook/);
  assert.match(refusal(rule({ channel: { ...webhook, secret: 'short' } })), /notifications\[1\]\.channel\.secret must be longer: use a random string of at least 16 characters/);
  assert.match(refusal(rule({ when: { temperature: ['boiling'] } })), /notifications\[1\]\.when\.temperature\[0\] must be one of cold, cool, warm, hot/);
  assert.match(refusal(rule({ when: { offer: [] } })), /notifications\[1\]\.when\.offer list at least one offer id/);
  assert.match(refusal(rule({ digest: { at: '8:00' } })), /notifications\[1\]\.digest\.at must be a local time "HH:MM"/);
  assert.match(refusal(rule({ digest: { at: '08:00', timeZone: 'Mars/Olympus' } })), /notifications\[1\]\.digest\.timeZone must be a time zone this system knows/);
  assert.match(refusal(rule({ chanel: {} })), /notifications\[1\]\.chanel is not a key here/);
  assert.match(refusal(rule({ name: 'a' })), /notifications\[1\]\.name is used by an earlier rule/);
  assert.match(refusal({ notifications: [{ name: 'm', channel: { type: 'email', to: 'not an address' } }] }), /notifications\[0\]\.channel\.to/);
  assert.match(refusal({ notifications: {} }), /^configuration: notifications must be a list of rules/);
  for (const message of [refusal(rule({ channel: { ...webhook, url: 'ftp://x' } }))]) assert.doesNotMatch(message, /0123456789abcdef/, 'a secret is never echoed');
});

test('a YAML or JSON file; a bad file is one line naming it', async () => {
  const yaml = write('rules.yaml', `notifications:\n  - name: chat\n    when: { temperature: [hot] }\n    channel: { type: slack, url: "https://hooks.slack.com/services/T/B/x" }\n`);
  assert.equal((await loadConfigFile(yaml)).notifications[0]!.channel.type, 'slack');
  const json = write('rules.json', JSON.stringify({ notifications: [{ name: 'crm', channel: webhook }] }));
  assert.equal((await loadConfigFile(json)).notifications[0]!.name, 'crm');
  await assert.rejects(loadConfigFile(join(folder, 'missing.yaml')), /missing\.yaml: cannot read it \(ENOENT\): check the path given to --config or LEAD_CONFIG/);
  await assert.rejects(loadConfigFile(write('broken.json', '{"notifications": [')), /broken\.json: is not valid JSON/);
  await assert.rejects(loadConfigFile(write('broken.yaml', 'notifications: [\n')), /broken\.yaml: is not valid YAML/);
  const wrong = write('wrong.yaml', `notifications:\n  - name: chat\n    channel: { type: slack, url: nope }\n`);
  await assert.rejects(loadConfigFile(wrong), new RegExp(`^Error: ${wrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: notifications\\[0\\]\\.channel\\.url must be`));
});

test('--config and LEAD_CONFIG, SMTP_URL from the environment', () => {
  assert.equal(parseCli(['--config', 'a.yaml'], { LEAD_CONFIG: 'b.yaml' }).config, 'a.yaml');
  assert.equal(parseCli([], { LEAD_CONFIG: 'b.yaml', SMTP_URL: 'smtp://u:p@h:587' }).config, 'b.yaml');
  assert.equal(parseCli([], { SMTP_URL: 'smtp://u:p@h:587' }).smtpUrl, 'smtp://u:p@h:587');
  assert.equal(parseCli([], {}).config, undefined);
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; kill: () => void }> {
  const entry = join(import.meta.dirname, 'support/cli-entry.ts');
  const child = spawn(process.execPath, ['--conditions=lead-capture-source', '--import', 'tsx', entry, '--port', '0', '--host', '127.0.0.1', ...args], { env: { PATH: process.env.PATH!, HOME: folder, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => {
    child.stdout.on('data', () => {
      if (/Notify:/.test(stdout) && /\n$/.test(stdout)) setTimeout(() => resolve({ code: null, stdout, stderr, kill: () => child.kill('SIGKILL') }), 200);
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr, kill: () => {} }));
  });
}

test('the command refuses to start with one line, exit 2; a good file lists its rules without their URLs', async () => {
  const bad = write('bad.yaml', `notifications:\n  - name: chat\n    channel: { type: slack, url: "hooks.slack.com/x" }\n`);
  const refused = await run(['--config', bad, '--data', join(folder, 'unused')], {});
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  assert.match(refused.stderr, /notifications\[0\]\.channel\.url must be the Slack incoming-webhook URL/);

  const mail = write('mail.json', JSON.stringify({ notifications: [{ name: 'owner', channel: { type: 'email', to: 'owner@example.com' } }] }));
  const noSmtp = await run(['--data', join(folder, 'unused')], { LEAD_CONFIG: mail });
  assert.equal(noSmtp.code, 2);
  assert.match(noSmtp.stderr, /^lead-capture-receiver: notifications\[0\]\.channel: an email channel needs SMTP_URL/);

  const good = write('good.yaml', `notifications:\n  - name: chat\n    channel: { type: slack, url: "https://hooks.slack.com/services/T/B/secret-part" }\n  - name: owner\n    digest: { at: "08:00", timeZone: Europe/Berlin }\n    channel: { type: email, to: owner@example.com }\n`);
  const started = await run(['--config', good, '--data', await freshDataDirectory(folder)], { SMTP_URL: 'smtp://mailer:pass-word@127.0.0.1:2525' });
  started.kill();
  assert.equal(started.code, null, started.stderr);
  assert.match(started.stdout, /Notify: "chat" by slack/);
  assert.match(started.stdout, /Notify: "owner" by email \(daily at 08:00 Europe\/Berlin\)/);
  assert.doesNotMatch(started.stdout + started.stderr, /secret-part|pass-word|owner@example\.com/);
});
