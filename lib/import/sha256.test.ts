import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('Sha256', () => {
  it('gives the known digests of "", "abc" and the 448-bit FIPS example', () => {
    const text = (s: string) => new Sha256().update(new TextEncoder().encode(s)).hex();
    expect(text('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto for every length around the block and padding edges, fed in odd chunks', () => {
    const data = new Uint8Array(1000).map((_, i) => (i * 131 + 7) & 0xff);
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const bytes = data.subarray(0, length);
      for (const chunk of [1, 3, 7, 64, 100, length]) {
        const hash = new Sha256();
        for (let at = 0; at < length; at += chunk) hash.update(bytes.subarray(at, at + chunk));
        expect(hash.hex(), `${length} bytes in chunks of ${chunk}`).toBe(node(bytes));
      }
    }
  });

  it('refuses input after the digest', () => {
    const hash = new Sha256();
    hash.hex();
    expect(() => hash.update(new Uint8Array(1))).toThrow('update after digest');
  });
});
