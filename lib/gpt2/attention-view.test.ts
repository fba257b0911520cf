import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { attentionHead, attentionThumbnails } from './attention-view';

function randomAttn(L: number, H: number, T: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  return Float32Array.from({ length: L * H * T * T }, rand);
}

describe('attentionHead', () => {
  it('copies head (l, h) out of [L, H, T, T]', () => {
    const [L, H, T] = [2, 3, 5];
    const attn = randomAttn(L, H, T, 1);
    const head = attentionHead(attn, H, T, 1, 2);
    expect(head.length).toBe(T * T);
    for (let q = 0; q < T; q++) for (let k = 0; k < T; k++) expect(head[q * T + k]).toBe(attn[((1 * H + 2) * T + q) * T + k]);
    expect(head.buffer).not.toBe(attn.buffer);
    expect(() => attentionHead(attn, H, T, 2, 0)).toThrow('head 2.0 is outside the attention tensor (2 layers × 3 heads)');
    expect(() => attentionHead(attn, H, T, 0, 3)).toThrow('outside');
  });
});

describe('attentionThumbnails', () => {
  it('is the attention itself when T <= the maximum size', () => {
    const attn = randomAttn(2, 2, 6, 2);
    const { size, data } = attentionThumbnails(attn, 2, 2, 6, 32);
    expect(size).toBe(6);
    expect(data).toEqual(attn);
  });

  it('averages blocks of queries × keys, against a brute-force mean over each cell', () => {
    const [L, H, T, S] = [2, 3, 13, 5]; // 13 positions into 5 cells: uneven blocks of 2 and 3
    const attn = randomAttn(L, H, T, 3);
    const { size, data } = attentionThumbnails(attn, L, H, T, S);
    expect(size).toBe(S);
    const cellOf = (t: number) => {
      for (let c = S - 1; c >= 0; c--) if (Math.floor((c * T) / S) <= t) return c; // the last cell starting at or before t
      return 0;
    };
    for (let m = 0; m < L * H; m++) {
      for (let i = 0; i < S; i++) {
        for (let j = 0; j < S; j++) {
          let sum = 0;
          let n = 0;
          for (let q = 0; q < T; q++) for (let k = 0; k < T; k++) if (cellOf(q) === i && cellOf(k) === j) (sum += attn[(m * T + q) * T + k]), n++;
          expect(data[(m * S + i) * S + j]).toBeCloseTo(sum / n, 6);
        }
      }
    }
  });

  it('keeps a causal pattern: cells above the diagonal stay 0, and a row of cells holds 1/block of attention', () => {
    const T = 40;
    const attn = new Float32Array(T * T);
    for (let q = 0; q < T; q++) for (let k = 0; k <= q; k++) attn[q * T + k] = 1 / (q + 1);
    const { size, data } = attentionThumbnails(attn, 1, 1, T, 8); // blocks of 5 × 5
    for (let i = 0; i < size; i++) {
      for (let j = i + 1; j < size; j++) expect(data[i * size + j]).toBe(0);
      // Σ_j mean over a 5 × 5 block = (1/25) · (5 query rows, each summing to 1) = 1/5
      expect(data.subarray(i * size, (i + 1) * size).reduce((a, b) => a + b, 0)).toBeCloseTo(1 / 5, 6);
    }
  });
});
