import { expect } from '@open-wc/testing';
import { LeadOutbox } from '../../src/delivery/outbox.js';
import { withExclusiveLock, lockBusy } from '../../src/delivery/lock.js';
import { exampleLead } from '../support/leads.js';

const day = 24 * 60 * 60 * 1000;

function clearOutboxKeys(): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith('lead-capture:')) localStorage.removeItem(key);
}

describe('LeadOutbox (real localStorage)', () => {
  beforeEach(clearOutboxKeys);
  afterEach(clearOutboxKeys);

  it('keeps a lead under a namespaced, versioned key and returns it', () => {
    const outbox = new LeadOutbox();
    const lead = exampleLead();
    expect(outbox.put(lead, 'https://example.com/api/leads', 1000)).to.equal(true);
    expect(Object.keys(localStorage)).to.include(`lead-capture:v1:lead:${lead.id}`);
    expect(outbox.has(lead.id)).to.equal(true);
    expect(outbox.stocktake(2000)).to.deep.equal({
      pending: [{ lead, endpoint: 'https://example.com/api/leads', queuedAt: 1000, expiresAt: 1000 + 7 * day }],
      expired: [],
    });
  });

  it('removes a delivered lead at once', () => {
    const outbox = new LeadOutbox();
    const lead = exampleLead();
    outbox.put(lead, 'https://example.com/api/leads');
    outbox.remove(lead.id);
    expect(outbox.has(lead.id)).to.equal(false);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:'))).to.deep.equal([]);
  });

  it('drops expired leads and reports them', () => {
    const outbox = new LeadOutbox(undefined, day);
    const old = exampleLead({ id: '6f1c9f3e-0b6a-4d6f-9d0e-2f1a3b4c5d6e' });
    const fresh = exampleLead();
    outbox.put(old, 'https://example.com/a', 0);
    outbox.put(fresh, 'https://example.com/a', day);
    const { pending, expired } = outbox.stocktake(day + 1);
    expect(pending.map((entry) => entry.lead.id)).to.deep.equal([fresh.id]);
    expect(expired.map((entry) => entry.lead.id)).to.deep.equal([old.id]);
    expect(outbox.has(old.id)).to.equal(false);
  });

  it('drops entries that are not valid leads or would be sent to a non-http URL', () => {
    const outbox = new LeadOutbox();
    const lead = exampleLead();
    localStorage.setItem('lead-capture:v1:lead:garbage', '{not json');
    localStorage.setItem('lead-capture:v1:lead:tampered', JSON.stringify({ lead: { ...lead, id: 'x' }, endpoint: 'https://e.example', queuedAt: 0, expiresAt: Date.now() + day }));
    localStorage.setItem('lead-capture:v1:lead:elsewhere', JSON.stringify({ lead, endpoint: 'javascript:alert(1)', queuedAt: 0, expiresAt: Date.now() + day }));
    expect(outbox.stocktake().pending).to.deep.equal([]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:'))).to.deep.equal([]);
  });

  it('reports false, without throwing, when storage refuses the write', () => {
    const full = {
      setItem() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(new LeadOutbox(() => full).put(exampleLead(), 'https://example.com/a')).to.equal(false);
    expect(new LeadOutbox(() => undefined).put(exampleLead(), 'https://example.com/a')).to.equal(false);
  });
});

describe('withExclusiveLock', () => {
  it('lets only one holder in at a time, without waiting', async () => {
    let release!: () => void;
    const held = withExclusiveLock('test-lock', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await withExclusiveLock('test-lock', async () => 'second')).to.equal(lockBusy);
    release();
    expect(await held).to.equal('first');
    expect(await withExclusiveLock('test-lock', async () => 'third')).to.equal('third');
  });
});
