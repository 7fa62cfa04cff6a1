// The inbox e2e test's harness: a real receiver (the CLI, PGlite in a temporary folder, optionally
// filled by demo:data), valid leads to post, and time zones where a call window is open or shut.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

const root = new URL('../../', import.meta.url);
export const password = 'inbox-test-password';

export const launchBrowser = () => chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const folders = [];
const children = [];

/** Stops every receiver started and removes their folders. */
export async function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((child) => child.exitCode === null && new Promise((resolve) => child.once('exit', resolve))));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

/** Runs a node script; resolves with its exit code and output. */
function run(args, env = process.env) {
  const child = spawn(process.execPath, args, { cwd: root, env });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, exit: new Promise((resolve) => child.once('exit', resolve)) };
}

/**
 * Another checkout user's `npm run build` empties dist/ for a few seconds; a start that lands in
 * that gap cannot find a module. Try again then (a real failure fails every time).
 */
async function retryingBuildGap(attempt) {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 6 || !/ERR_MODULE_NOT_FOUND/.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}

/** The receiver's command on a fresh folder, any free port; resolves with its origin. */
export async function startReceiver({ demo } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'inbox-e2e-'));
  folders.push(folder);
  const data = join(folder, 'data');
  if (demo) {
    await retryingBuildGap(async () => {
      const seeding = run(['receiver/scripts/demo-data.mjs', '--data', data, '--count', String(demo.count), '--now', demo.now.toISOString()]);
      if ((await seeding.exit) !== 0) throw new Error(seeding.output());
    });
  }
  return retryingBuildGap(() => {
    const receiver = run(['receiver/bin/lead-capture-receiver.js', '--port', '0', '--host', '127.0.0.1', '--data', data, '--max-leads-per-minute', '100000'], { ...process.env, LEAD_INBOX_PASSWORD: password });
    return new Promise((resolve, reject) => {
      receiver.child.stdout.on('data', () => {
        const match = /Inbox:\s+(http:\/\/127\.0\.0\.1:\d+)\/inbox\//.exec(receiver.output());
        if (match) resolve(match[1]);
      });
      void receiver.exit.then((code) => reject(new Error(`receiver exited ${code}: ${receiver.output()}`)));
    });
  });
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** A valid lead: preference decides channels and policy; temperature may be set (a site's own table). */
export function makeLead({ name, email, kind = 'download', offerId = 'guide', preference = 'none', temperature, callWindow, timeZone = 'UTC', test = false }) {
  const channels = { email: preference === 'email', phone: preference === 'call' };
  const text = `Consent for ${preference}`;
  const now = new Date().toISOString();
  const individual = preference === 'call' ? ['individual-call'] : preference === 'email' ? ['individual-email'] : [];
  return {
    schemaVersion: 1,
    id: randomUUID(),
    capturedAt: now,
    temperature: temperature ?? (kind === 'event' ? 'hot' : preference === 'call' ? 'warm' : preference === 'email' ? 'cool' : 'cold'),
    priority: false,
    nextSteps: ['deliver-request', ...individual],
    offer: { kind, id: offerId, title: `Offer ${offerId}` },
    contact: {
      preference,
      name,
      ...(preference !== 'none' || kind === 'event' ? { email } : {}),
      ...(preference === 'call' ? { phone: '+442079460001', ...(callWindow ? { callWindow } : {}) } : {}),
    },
    indicators: [],
    consent: { receiptId: randomUUID(), givenAt: now, collectionMethod: 'web-form:lead-capture@0.1.0', language: 'en', version: 'v3', text, textSha256: sha256(text), channels, gpc: false },
    contactPolicy: preference === 'call' ? { channels, doNotContact: false, ...(callWindow ? { callWindow } : {}), timeZone, maxCallAttempts: 2 } : { channels, doNotContact: preference === 'none' },
    page: { url: 'https://www.example.com/' },
    ...(test ? { test: true } : {}),
  };
}

export async function post(origin, lead) {
  const response = await fetch(`${origin}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': lead.id }, body: JSON.stringify(lead) });
  return { status: response.status, body: await response.json() };
}

/** An Etc/GMT zone where the local hour now satisfies `wanted` (Etc/GMT-N is UTC+N). */
export function zoneWhere(wanted) {
  const hour = new Date().getUTCHours();
  for (let offset = -12; offset <= 14; offset += 1) {
    if (wanted((hour + offset + 24) % 24)) return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  }
  throw new Error('no zone');
}
