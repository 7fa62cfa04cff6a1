/**
 * The reference receiver: what an endpoint for <lead-capture> should do, in one small file.
 * It validates with the widget's own schema, answers problems as RFC 9457 JSON, dedupes on
 * `Idempotency-Key` (so retries never create a second lead), and keeps leads in a local file.
 * `npm start` mounts it in Vite at /api/leads; the end-to-end tests mount it in a plain
 * Node server.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { Plugin } from 'vite';
import * as z from 'zod/mini';
import { parseLead, type Lead, type LeadIssue } from '../src/lead/schema.js';

// Readable messages in 400 responses; the browser bundle stays without locale data.
z.config(z.locales.en());

export interface StoredLead {
  receivedAt: string;
  idempotencyKey: string;
  /** How many times this lead arrived; more than 1 means the dedupe saved a duplicate. */
  deliveries: number;
  lead: Lead;
}

export interface ReceiverOptions {
  /** JSON file to keep leads in; in memory only when absent. */
  storeFile?: string;
  /** Path the receiver answers on. */
  path?: string;
}

type Next = () => void;
export type LeadReceiver = (request: IncomingMessage, response: ServerResponse, next: Next) => void;

const largestBody = 64 * 1024;

const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
  'Access-Control-Max-Age': '600',
};

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly issues?: LeadIssue[],
  ) {
    super(detail);
  }
}

/** Leads by idempotency key, persisted after every change (writes are serialised). */
class LeadStore {
  private leads = new Map<string, StoredLead>();
  private loaded?: Promise<void>;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file?: string) {}

  async all(): Promise<StoredLead[]> {
    await this.load();
    return [...this.leads.values()].reverse();
  }

  /** Stores the lead unless its key was seen; returns the stored record and whether it is new. */
  async accept(idempotencyKey: string, lead: Lead): Promise<{ record: StoredLead; created: boolean }> {
    await this.load();
    const existing = this.leads.get(idempotencyKey);
    if (existing) {
      existing.deliveries += 1;
      await this.save();
      return { record: existing, created: false };
    }
    const record: StoredLead = { receivedAt: new Date().toISOString(), idempotencyKey, deliveries: 1, lead };
    this.leads.set(idempotencyKey, record);
    await this.save();
    return { record, created: true };
  }

  async clear(): Promise<void> {
    await this.load();
    this.leads.clear();
    await this.save();
  }

  private load(): Promise<void> {
    this.loaded ??= this.readFile();
    return this.loaded;
  }

  private async readFile(): Promise<void> {
    if (!this.file) return;
    try {
      const records = JSON.parse(await readFile(this.file, 'utf8')) as StoredLead[];
      this.leads = new Map(records.map((record) => [record.idempotencyKey, record]));
    } catch {
      // No file yet, or an unreadable one: start empty rather than refuse leads.
    }
  }

  private save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const snapshot = JSON.stringify([...this.leads.values()], null, 2);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, snapshot);
    });
    return this.writing;
  }
}

export function createLeadReceiver(options: ReceiverOptions = {}): LeadReceiver {
  const path = options.path ?? '/api/leads';
  const store = new LeadStore(options.storeFile);
  return (request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://receiver.invalid');
    if (url.pathname !== path) return next();
    handle(request, response, store).catch((error: unknown) => {
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'Internal error', 'The lead could not be stored.');
      sendJson(response, problem.status, { type: 'about:blank', title: problem.title, status: problem.status, detail: problem.detail, ...(problem.issues ? { issues: problem.issues } : {}) }, 'application/problem+json');
    });
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, store: LeadStore): Promise<void> {
  switch (request.method) {
    case 'OPTIONS':
      response.writeHead(204, corsHeaders).end();
      return;
    case 'GET':
      sendJson(response, 200, { leads: await store.all() });
      return;
    case 'DELETE':
      await store.clear();
      response.writeHead(204, corsHeaders).end();
      return;
    case 'POST':
      await receive(request, response, store);
      return;
    default:
      throw new HttpProblem(405, 'Method not allowed', 'Use POST to send a lead, GET to list them.');
  }
}

async function receive(request: IncomingMessage, response: ServerResponse, store: LeadStore): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpProblem(415, 'Unsupported media type', 'Send the lead as application/json.');
  }
  const body = await readBody(request);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.');
  }
  const parsed = parseLead(json);
  if (!parsed.success) {
    // The widget shows `detail` to the prospect: one readable line; the full list is in `issues`.
    const [first, ...others] = parsed.issues;
    const summary = `${first.path || '(lead)'}: ${first.message}${others.length ? ` (and ${others.length} more)` : ''}`;
    throw new HttpProblem(400, 'Invalid lead', summary, parsed.issues);
  }
  const idempotencyKey = headerValue(request, 'idempotency-key') ?? parsed.lead.id;
  const { record, created } = await store.accept(idempotencyKey, withConsentDigest(parsed.lead));
  sendJson(response, created ? 201 : 200, { id: record.lead.id, temperature: record.lead.temperature, duplicate: !created });
}

/** A page without `crypto.subtle` (plain http) leaves the consent digest to the receiver. */
function withConsentDigest(lead: Lead): Lead {
  if (lead.consent.textSha256) return lead;
  const textSha256 = createHash('sha256').update(lead.consent.text, 'utf8').digest('hex');
  return { ...lead, consent: { ...lead.consent, textSha256 } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > largestBody) {
        reject(new HttpProblem(413, 'Lead too large', `A lead is at most ${largestBody} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { ...corsHeaders, 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Mounts the receiver in Vite's dev and preview servers, and sends `/` to the demo. */
export function leadReceiver(options: ReceiverOptions = {}): Plugin {
  const receiver = createLeadReceiver(options);
  const mount = (server: { middlewares: { use: (handler: LeadReceiver) => void } }) => {
    server.middlewares.use((request, response, next) => {
      if (request.url === '/') {
        response.writeHead(302, { Location: '/demo/' }).end();
        return;
      }
      receiver(request, response, next);
    });
  };
  return { name: 'lead-receiver', configureServer: mount, configurePreviewServer: mount };
}
