import { expect } from '@open-wc/testing';
import { deliverWithRetries } from '../../src/delivery/deliver.js';
import { defaultRetryPolicy } from '../../src/delivery/retry-policy.js';
import { TestEndpoint } from '../support/endpoint.js';
import { exampleLead } from '../support/leads.js';

/** The lead as JSON to this endpoint, as the widget sends it by default. */
const json = (endpoint: string) => ({ endpoint, destination: 'json' as const });

/** Records the waits instead of sleeping them: the policy is under test, not the clock. */
function recordingSleep(waits: number[]) {
  return async (milliseconds: number) => {
    waits.push(milliseconds);
  };
}

describe('deliverWithRetries against a real HTTP endpoint', () => {
  it('retries a 500 and delivers with the same body and key', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 500 }, { status: 201 });
    const waits: number[] = [];
    const lead = exampleLead();
    const result = await deliverWithRetries(lead, { target: json(endpoint.url), timeout: 5000, policy: defaultRetryPolicy, sleep: recordingSleep(waits), random: () => 0.5 });
    expect(result).to.deep.equal({ kind: 'delivered', status: 201, confirmed: true, attempts: 2 });
    expect(waits).to.deep.equal([375]);
    const received = await endpoint.received();
    expect(received).to.have.length(2);
    expect(new Set(received.map((request) => request.headers['idempotency-key']))).to.deep.equal(new Set([lead.id]));
    expect(new Set(received.map((request) => request.body)).size).to.equal(1);
  });

  it('waits what Retry-After asks', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 503, headers: { 'Retry-After': '2' } }, { status: 201 });
    const waits: number[] = [];
    const result = await deliverWithRetries(exampleLead(), { target: json(endpoint.url), timeout: 5000, policy: defaultRetryPolicy, sleep: recordingSleep(waits) });
    expect(result.kind).to.equal('delivered');
    expect(waits).to.deep.equal([2000]);
  });

  it('does not wait on the page for a Retry-After longer than the policy allows', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 503, headers: { 'Retry-After': '3600' } });
    const waits: number[] = [];
    const result = await deliverWithRetries(exampleLead(), { target: json(endpoint.url), timeout: 5000, policy: defaultRetryPolicy, sleep: recordingSleep(waits) });
    expect(result).to.include({ kind: 'failed', status: 503, attempts: 1 });
    expect(waits).to.deep.equal([]);
  });

  it('gives up after the configured retries', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const waits: number[] = [];
    const result = await deliverWithRetries(exampleLead(), { target: json(endpoint.url), timeout: 5000, policy: { ...defaultRetryPolicy, retries: 2 }, sleep: recordingSleep(waits), random: () => 0 });
    expect(result).to.include({ kind: 'failed', status: 502, attempts: 3 });
    expect(waits).to.deep.equal([250, 500]);
    expect(await endpoint.received()).to.have.length(3);
  });

  it('never retries a 4xx', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 400, body: { detail: 'Bad lead' } }, { status: 201 });
    const result = await deliverWithRetries(exampleLead(), { target: json(endpoint.url), timeout: 5000, policy: defaultRetryPolicy, sleep: recordingSleep([]) });
    expect(result).to.deep.equal({ kind: 'rejected', status: 400, problem: 'Bad lead', attempts: 1 });
    expect(await endpoint.received()).to.have.length(1);
  });

  it('stops retrying when the browser is offline', async () => {
    const result = await deliverWithRetries(exampleLead(), {
      target: json('http://127.0.0.1:9/leads'),
      timeout: 5000,
      policy: defaultRetryPolicy,
      sleep: recordingSleep([]),
      isOnline: () => false,
    });
    expect(result).to.include({ kind: 'failed', reason: 'network', attempts: 1 });
  });
});
