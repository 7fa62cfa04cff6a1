import { expect } from '@open-wc/testing';
import { sendLead } from '../../src/delivery/send.js';
import { TestEndpoint } from '../support/endpoint.js';
import { exampleLead } from '../support/leads.js';

/** The lead as JSON to this endpoint, as the widget sends it by default. */
const json = (endpoint: string) => ({ endpoint, destination: 'json' as const });

describe('sendLead against a real HTTP endpoint', () => {
  it('POSTs the lead as JSON with its idempotency key, without cookies', async () => {
    const endpoint = new TestEndpoint();
    document.cookie = 'session=should-not-be-sent; path=/';
    const lead = exampleLead();
    const outcome = await sendLead(lead, { target: json(endpoint.url), timeout: 5000 });
    expect(outcome).to.deep.equal({ kind: 'delivered', status: 201, confirmed: true });
    const [request, ...more] = await endpoint.received();
    expect(more).to.have.length(0);
    expect(request.method).to.equal('POST');
    expect(request.url, 'nothing personal in the URL').to.equal(endpoint.url);
    expect(request.headers['content-type']).to.equal('application/json');
    expect(request.headers['idempotency-key']).to.equal(lead.id);
    expect(request.cookie).to.equal(null);
    expect(JSON.parse(request.body)).to.deep.equal(lead);
    document.cookie = 'session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('reports a 4xx as rejected, with the problem in plain words', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 400, headers: { 'Content-Type': 'application/problem+json' }, body: { title: 'Invalid lead', detail: 'contact.email: Invalid email address' } });
    const outcome = await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 5000 });
    expect(outcome).to.deep.equal({ kind: 'rejected', status: 400, problem: 'contact.email: Invalid email address' });
  });

  it('never passes an HTML error page on as the problem', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 422, headers: { 'Content-Type': 'text/html' }, body: '<h1>Nope</h1><script>alert(1)</script>' });
    const outcome = await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 5000 });
    expect(outcome).to.deep.equal({ kind: 'rejected', status: 422, problem: '422 Unprocessable Entity' });
  });

  it('reports 5xx, 408 and 429 as failed (worth retrying), with Retry-After', async () => {
    const endpoint = new TestEndpoint();
    // Chrome itself replays a POST answered 408 on a reused connection, so 408 is scripted
    // more than once: whatever the browser does, the outcome must be a retryable failure.
    await endpoint.script({ status: 503, headers: { 'Retry-After': '1' }, body: { error: 'busy' } }, { status: 429 }, { status: 408 }, { status: 408 }, { status: 408 });
    expect(await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 5000 })).to.deep.equal({
      kind: 'failed',
      reason: 'server',
      status: 503,
      problem: 'busy',
      retryAfter: '1',
    });
    expect(await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 5000 })).to.include({ kind: 'failed', status: 429 });
    expect(await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 5000 })).to.include({ kind: 'failed', status: 408 });
  });

  it('gives up on a hanging endpoint after the timeout', async () => {
    const endpoint = new TestEndpoint();
    await endpoint.script({ status: 201, delayMs: 2000 });
    const outcome = await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 200 });
    expect(outcome).to.deep.equal({ kind: 'failed', reason: 'timeout', problem: 'No answer within 200 ms' });
  });

  it('reports an unreachable endpoint as a network failure', async () => {
    // Port 9 (discard) is closed on the test machine: the connection is refused at once.
    const outcome = await sendLead(exampleLead(), { target: json('http://127.0.0.1:9/leads'), timeout: 5000 });
    expect(outcome.kind).to.equal('failed');
    if (outcome.kind === 'failed') expect(outcome.reason).to.equal('network');
  });
});

describe('sendLead hardening', () => {
  it('never follows a redirect with the lead, so it cannot be replayed to another origin', async () => {
    const endpoint = new TestEndpoint();
    const elsewhere = new TestEndpoint();
    // Same server, other origin: 127.0.0.1 instead of localhost.
    const otherOrigin = `http://127.0.0.1:${location.port}${elsewhere.url}`;
    await endpoint.script({ status: 307, headers: { Location: otherOrigin } });
    const outcome = await sendLead(exampleLead(), { target: json(endpoint.url), timeout: 5000 });
    expect(outcome).to.include({ kind: 'failed', reason: 'network' });
    expect(await endpoint.received()).to.have.length(1);
    expect(await elsewhere.received()).to.deep.equal([]);
  });
});
