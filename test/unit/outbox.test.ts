import { expect } from '@open-wc/testing';
import { LeadOutbox } from '../../src/delivery/outbox.js';
import { takeLock, whileLocked } from '../../src/delivery/lock.js';
import { exampleLead } from '../support/leads.js';

const json = (endpoint: string) => ({ endpoint, destination: 'json' as const });

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
    expect(outbox.put(lead, json('https://example.com/api/leads'), 1000)).to.equal(true);
    expect(Object.keys(localStorage)).to.include(`lead-capture:v1:lead:${lead.id}`);
    expect(outbox.has(lead.id)).to.equal(true);
    expect(outbox.stocktake(2000)).to.deep.equal({
      pending: [{ lead, target: json('https://example.com/api/leads'), queuedAt: 1000 }],
      overdue: [],
      unreadable: 0,
    });
  });

  it('removes a delivered lead at once', () => {
    const outbox = new LeadOutbox();
    const lead = exampleLead();
    outbox.put(lead, json('https://example.com/api/leads'));
    outbox.remove(lead.id);
    expect(outbox.has(lead.id)).to.equal(false);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:'))).to.deep.equal([]);
  });

  it('sorts leads past their time to live as overdue, without dropping them: a slow clock may have aged them', () => {
    const outbox = new LeadOutbox(undefined, day);
    const old = exampleLead({ id: '6f1c9f3e-0b6a-4d6f-9d0e-2f1a3b4c5d6e' });
    const fresh = exampleLead();
    outbox.put(old, json('https://example.com/a'), 0);
    outbox.put(fresh, json('https://example.com/a'), day);
    const { pending, overdue } = outbox.stocktake(day + 1);
    expect(pending.map((entry) => entry.lead.id)).to.deep.equal([fresh.id]);
    expect(overdue.map((entry) => entry.lead.id)).to.deep.equal([old.id]);
    expect(outbox.has(old.id)).to.equal(true);
  });

  it('counts a queue time in the future from now: a fast clock does not stretch the time to live', () => {
    const outbox = new LeadOutbox(undefined, day);
    const lead = exampleLead();
    outbox.put(lead, json('https://example.com/a'), 30 * day);
    expect(outbox.stocktake(1000).pending.map((entry) => entry.queuedAt)).to.deep.equal([1000]);
    // Stored as such: the next stocktake, a day later, finds it overdue rather than 30 days younger.
    expect(outbox.stocktake(1000 + day).overdue.map((entry) => entry.lead.id)).to.deep.equal([lead.id]);
  });

  it('removes and counts entries that are not valid leads or would be sent to a non-http URL', () => {
    const outbox = new LeadOutbox();
    const lead = exampleLead();
    localStorage.setItem('lead-capture:v1:lead:garbage', '{not json');
    localStorage.setItem('lead-capture:v1:lead:tampered', JSON.stringify({ lead: { ...lead, id: 'x' }, endpoint: 'https://e.example', queuedAt: 0 }));
    localStorage.setItem('lead-capture:v1:lead:elsewhere', JSON.stringify({ lead, endpoint: 'javascript:alert(1)', queuedAt: 0 }));
    expect(outbox.stocktake()).to.deep.equal({ pending: [], overdue: [], unreadable: 3 });
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:'))).to.deep.equal([]);
  });

  it('repairs an entry stored under another key, so it can be removed once delivered', () => {
    const outbox = new LeadOutbox();
    const lead = exampleLead();
    localStorage.setItem('lead-capture:v1:lead:00000000-0000-4000-8000-000000000000', JSON.stringify({ lead, target: json('https://e.example/a'), queuedAt: 5 }));
    expect(outbox.stocktake(10).pending.map((entry) => entry.lead.id)).to.deep.equal([lead.id]);
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lead-capture:'))).to.deep.equal([`lead-capture:v1:lead:${lead.id}`]);
    outbox.remove(lead.id);
    expect(outbox.stocktake().pending).to.deep.equal([]);
  });

  it('reports false, without throwing, when storage refuses the write', () => {
    const full = {
      setItem() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    } as unknown as Storage;
    expect(new LeadOutbox(() => full).put(exampleLead(), json('https://example.com/a'))).to.equal(false);
    expect(new LeadOutbox(() => undefined).put(exampleLead(), json('https://example.com/a'))).to.equal(false);
  });
});

describe('whileLocked', () => {
  it('lets only one holder in at a time, without waiting', async () => {
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = whileLocked('test-lock', () => {
      entered();
      return new Promise<string>((resolve) => (release = () => resolve('first')));
    });
    await inside;
    expect(await whileLocked('test-lock', async () => 'second')).to.equal('busy');
    release();
    expect(await held).to.equal('first');
    expect(await whileLocked('test-lock', async () => 'third')).to.equal('third');
  });
});

describe('takeLock', () => {
  /** Waits (not ifAvailable) for the lock: settles only once nobody holds it. */
  const freed = (name: string) => navigator.locks.request(`lead-capture:${name}`, async () => 'free');

  it('holds the lock from the grant until released: nobody else takes it meanwhile', async () => {
    const lock = takeLock('reserved-lock');
    expect(lock.settled).to.equal(undefined);
    expect(await lock.state).to.equal('held');
    expect(lock.settled).to.equal('held');
    expect(await whileLocked('reserved-lock', async () => 'taken')).to.equal('busy');
    lock.release();
    expect(await freed('reserved-lock')).to.equal('free');
  });

  it('released before the answer, is never held and keeps nothing', async () => {
    const lock = takeLock('released-early');
    lock.release();
    expect(await lock.state).not.to.equal('held');
    expect(await freed('released-early')).to.equal('free');
  });

  it('is busy while someone else holds the lock', async () => {
    const first = takeLock('contested');
    expect(await first.state).to.equal('held');
    const second = takeLock('contested');
    expect(await second.state).to.equal('busy');
    first.release();
  });
});

describe('locks where Web Locks refuse (opaque origins) or are missing', () => {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks')!;
  afterEach(() => Object.defineProperty(Navigator.prototype, 'locks', original));

  it('runs the task anyway when the lock request throws', async () => {
    Object.defineProperty(Navigator.prototype, 'locks', {
      configurable: true,
      get: () => ({ request: () => Promise.reject(new DOMException('Access denied', 'SecurityError')) }),
    });
    expect(await whileLocked('refused', async () => 'sent')).to.equal('sent');
    expect(await takeLock('refused').state).to.equal('unavailable');
  });

  it('says unavailable without the API, runs the task anyway, and runs it once when the task itself fails', async () => {
    Object.defineProperty(Navigator.prototype, 'locks', { configurable: true, get: () => undefined });
    expect(await takeLock('missing').state).to.equal('unavailable');
    expect(await whileLocked('missing', async () => 'sent')).to.equal('sent');
    Object.defineProperty(Navigator.prototype, 'locks', original);
    let runs = 0;
    const failing = whileLocked('failing', async () => {
      runs += 1;
      throw new Error('task failed');
    });
    await failing.then(
      () => expect.fail('should reject'),
      (error: Error) => expect(error.message).to.equal('task failed'),
    );
    expect(runs).to.equal(1);
  });
});
