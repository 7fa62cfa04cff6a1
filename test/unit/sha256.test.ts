import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { sha256Hex } from '../../src/consent/sha256.js';

// FIPS 180-4 / NIST test vectors, plus non-ASCII text.
const vectors: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
];

describe('sha256Hex', () => {
  for (const [text, digest] of vectors) {
    it(`hashes ${JSON.stringify(text.slice(0, 12))} with crypto.subtle and without`, async () => {
      expect(await sha256Hex(text)).to.equal(digest);
      expect(await sha256Hex(text, null)).to.equal(digest);
    });
  }

  it('agrees with crypto.subtle on any text (fallback for plain-http pages)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        expect(await sha256Hex(text, null)).to.equal(await sha256Hex(text));
      }),
      { numRuns: 300 },
    );
  });
});
