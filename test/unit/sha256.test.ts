import { expect } from '@open-wc/testing';
import { sha256Hex } from '../../src/consent/sha256.js';

// FIPS 180-4 / NIST test vectors, plus non-ASCII text.
const vectors: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
];

describe('sha256Hex', () => {
  for (const [text, digest] of vectors.slice(0, 2)) {
    it(`hashes ${JSON.stringify(text)} with crypto.subtle`, async () => {
      expect(await sha256Hex(text)).to.equal(digest);
    });
  }

  it('hashes UTF-8, as the receiver does', async () => {
    const text = 'Rufen Sie mich an – gerne vormittags';
    const expected = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(await sha256Hex(text)).to.equal(expected);
  });

  it('leaves the digest to the receiver where the page has no crypto.subtle (plain http)', async () => {
    expect(await sha256Hex('abc', null)).to.equal(undefined);
  });
});
