import { expect } from '@open-wc/testing';
import { LeadCourier, type Settlement } from '../../src/delivery/courier.js';
import { takeLock, whileLocked } from '../../src/delivery/lock.js';
import { LeadOutbox } from '../../src/delivery/outbox.js';
import { defaultRetryPolicy } from '../../src/delivery/retry-policy.js';
import { TestEndpoint } from '../support/endpoint.js';
import { exampleLead } from '../support/leads.js';
import { clearStoredState } from '../support/page-state.js';

/** The courier against a real HTTP endpoint and the real localStorage: a copy first, delivered once, removed when done. */

const once = { ...defaultRetryPolicy, retries: 0 };

/** Queued copies are only ever sent to an absolute http(s) URL, as the widget resolves it. */
const jsonTo = (endpoint: TestEndpoint) => ({ endpoint: new URL(endpoint.url, location.href).href, destination: 'json' as const });

function settlementsOf(courier: LeadCourier): Settlement[] {
  const settled: Settlement[] = [];
  courier.addEventListener('settled', (event) => settled.push((event as CustomEvent<Settlement>).detail));
  return settled;
}

describe('LeadCourier', () => {
  beforeEach(clearStoredState);
  afterEach(clearStoredState);

  it('delivers a capture and keeps no copy once the endpoint has the lead', async () => {
    const endpoint = new TestEndpoint();
    const courier = new LeadCourier(new LeadOutbox());
    const lead = exampleLead({ id: crypto.randomUUID() });
    const { settlement, kept } = await courier.capture(lead, { target: jsonTo(endpoint), timeout: 5000, policy: once });
    expect({ kind: settlement.kind, kept }).to.deep.equal({ kind: 'delivered', kept: true });
    expect(courier.outbox.has(lead.id)).to.equal(false);
    expect(await endpoint.received()).to.have.length(1);
  });

  it("with the lead's lock reserved, keeps the copy and sends in the caller's task, then lets the lock go", async () => {
    const endpoint = new TestEndpoint();
    const courier = new LeadCourier(new LeadOutbox());
    const lead = exampleLead({ id: crypto.randomUUID() });
    const reserved = takeLock(lead.id);
    expect(await reserved.state).to.equal('held');
    const capture = courier.capture(lead, { target: jsonTo(endpoint), timeout: 5000, policy: once }, reserved);
    // Synchronously: asking for the lock again would have waited for the browser first.
    expect(courier.outbox.has(lead.id)).to.equal(true);
    expect((await capture).settlement.kind).to.equal('delivered');
    expect(await endpoint.received()).to.have.length(1);
    expect(await navigator.locks.request(`lead-capture:${lead.id}`, async () => 'free')).to.equal('free');
  });

  it("lets go of a reservation made for another lead, and takes the lead's own lock", async () => {
    const endpoint = new TestEndpoint();
    const courier = new LeadCourier(new LeadOutbox());
    const lead = exampleLead({ id: crypto.randomUUID() });
    const other = takeLock(crypto.randomUUID());
    expect(await other.state).to.equal('held');
    let release!: () => void;
    const elsewhere = whileLocked(lead.id, () => new Promise<void>((resolve) => (release = resolve)));
    // Another tab holds this lead's lock: the capture must not send it, whatever it holds itself.
    const { settlement } = await courier.capture(lead, { target: jsonTo(endpoint), timeout: 5000, policy: once }, other);
    release();
    await elsewhere;
    expect(settlement.kind).to.equal('queued');
    expect(await navigator.locks.request(`lead-capture:${other.name}`, async () => 'free')).to.equal('free');
    expect(await endpoint.received()).to.have.length(0);
  });

  it('queues what could not be delivered, and a flush delivers it exactly once, however often it is asked', async () => {
    const endpoint = new TestEndpoint();
    const courier = new LeadCourier(new LeadOutbox());
    const settled = settlementsOf(courier);
    const lead = exampleLead({ id: crypto.randomUUID() });
    await endpoint.script({ status: 503 });
    const { settlement } = await courier.capture(lead, { target: jsonTo(endpoint), timeout: 5000, policy: once });
    expect(settlement.kind).to.equal('queued');
    await Promise.all([courier.flush(), courier.flush(), courier.flush()]);
    expect(settled.map(({ kind, lead: { id } }) => [kind, id])).to.deep.equal([['delivered', lead.id]]);
    const received = await endpoint.received();
    expect(received).to.have.length(2);
    expect(received.map((request) => request.headers['idempotency-key'])).to.deep.equal([lead.id, lead.id]);
    expect(courier.outbox.has(lead.id)).to.equal(false);
  });

  it('drops a queued lead the endpoint finally refuses, and says so', async () => {
    const endpoint = new TestEndpoint();
    const courier = new LeadCourier(new LeadOutbox());
    const settled = settlementsOf(courier);
    const lead = exampleLead({ id: crypto.randomUUID() });
    courier.outbox.put(lead, jsonTo(endpoint));
    await endpoint.script({ status: 422, body: { message: 'no thanks' } });
    await courier.flush();
    expect(settled.map(({ kind }) => kind)).to.deep.equal(['rejected']);
    expect(courier.outbox.has(lead.id)).to.equal(false);
  });
});
