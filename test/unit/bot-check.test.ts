import { expect } from '@open-wc/testing';
import { spamReason } from '../../src/form/bot-check.js';

/** Keystroke times `gap` ms apart. */
const typed = (count: number, gap: number) => Array.from({ length: count }, (_, index) => 1000 + index * gap);

describe('spamReason', () => {
  it('lets a person through however quickly they choose and click: nothing typed, nothing timed', () => {
    expect(spamReason({ honeypot: '', keystrokes: [], minimumFillTime: 2000 })).to.equal(undefined);
  });

  it('lets a fast typist through (60 ms a key) and a single pasted or autofilled value (no keystrokes)', () => {
    expect(spamReason({ honeypot: '', keystrokes: [typed(20, 60), []], minimumFillTime: 2000 })).to.equal(undefined);
  });

  it('refuses text typed faster than anyone types (under 20 ms a key by default)', () => {
    expect(spamReason({ honeypot: '', keystrokes: [typed(10, 60), typed(20, 2)], minimumFillTime: 2000 })).to.equal('too-fast');
    expect(spamReason({ honeypot: '', keystrokes: [typed(20, 19)], minimumFillTime: 2000 })).to.equal('too-fast');
    expect(spamReason({ honeypot: '', keystrokes: [typed(20, 20)], minimumFillTime: 2000 })).to.equal(undefined);
  });

  it('does not judge a few keys, which a person can press together', () => {
    expect(spamReason({ honeypot: '', keystrokes: [typed(4, 0)], minimumFillTime: 2000 })).to.equal(undefined);
    expect(spamReason({ honeypot: '', keystrokes: [typed(5, 0)], minimumFillTime: 2000 })).to.equal('too-fast');
  });

  it('turns the time trap off with min-fill-ms 0, never the honeypot', () => {
    expect(spamReason({ honeypot: '', keystrokes: [typed(20, 0)], minimumFillTime: 0 })).to.equal(undefined);
    expect(spamReason({ honeypot: 'x', keystrokes: [], minimumFillTime: 0 })).to.equal('honeypot');
  });
});
