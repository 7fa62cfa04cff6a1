import { expect } from '@open-wc/testing';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from '../../src/delivery/retry-policy.js';

describe('backoffDelay', () => {
  it('doubles from the base delay, half of it jittered', () => {
    const policy = { ...defaultRetryPolicy, baseDelay: 1000, maxDelay: 60_000 };
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 0))).to.deep.equal([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 1))).to.deep.equal([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the maximum delay', () => {
    const policy = { ...defaultRetryPolicy, baseDelay: 1000, maxDelay: 5000 };
    expect(backoffDelay(10, policy, () => 1)).to.equal(5000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('1', now)).to.equal(1000);
    expect(parseRetryAfter(' 120 ', now)).to.equal(120_000);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).to.equal(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).to.equal(undefined);
    expect(parseRetryAfter('', now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter('-5', now)).to.equal(undefined);
  });
});
