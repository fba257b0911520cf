import { describe, expect, it } from 'vitest';
import { corpusFromPlainText } from './corpus';
import { Mulberry32 } from './rng';
import { buildVocabulary, CUM_DOMAIN, cumulativeTable, guideTable, keepProbabilities, KEEP_SCALE, negativeFor, tokenStream } from './vocab';

describe('sub-sampling', () => {
  it('keeps a word with probability (√(z/t) + 1)·t/z, z = count/retained, capped at 1 (gensim 4.2)', () => {
    const counts = Uint32Array.from([50_000, 5_000, 1_000, 100, 5]);
    const retained = 1_000_000;
    const { keep, expectedKept } = keepProbabilities(counts, retained, 1e-3);
    // by hand: t·retained = 1000; count 50,000 → (√50 + 1)/50 = 0.161421…; 5,000 → (√5 + 1)/5 = 0.647213…
    expect(keep[0] / KEEP_SCALE).toBeCloseTo((Math.sqrt(50) + 1) / 50, 9);
    expect(keep[1] / KEEP_SCALE).toBeCloseTo((Math.sqrt(5) + 1) / 5, 9);
    // count 1,000 = t·retained: (1 + 1)·1 = 2 → capped at 1
    expect(keep[2]).toBe(KEEP_SCALE);
    expect(keep[3]).toBe(KEEP_SCALE);
    expect(expectedKept).toBeCloseTo(50_000 * 0.16142135623730951 + 5_000 * 0.6472135954999579 + 1_000 + 100 + 5, 6);
    // sample 0: everything is kept
    expect(Array.from(keepProbabilities(counts, retained, 0).keep)).toEqual(Array(5).fill(KEEP_SCALE));
  });

  it('kept tokens follow keep[]: the engines keep a token when keep[w] ≥ a uniform 32-bit draw', () => {
    const { keep } = keepProbabilities(Uint32Array.from([40_000]), 1_000_000, 1e-3);
    const rng = new Mulberry32(7);
    let kept = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) if (keep[0] >= rng.next()) kept++;
    const p = (Math.sqrt(40) + 1) / 40;
    expect(Math.abs(kept / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe('negative sampling table', () => {
  const counts = Uint32Array.from([1000, 400, 90, 30, 7, 5, 5]);

  it('cumTable[w] = round(Σ_{v≤w} count_v^0.75 / Σ count^0.75 × (2^31 − 1)) (gensim make_cum_table)', () => {
    const table = cumulativeTable(counts);
    const powers = Array.from(counts, (c) => c ** 0.75);
    const total = powers.reduce((s, x) => s + x, 0);
    let running = 0;
    powers.forEach((p, w) => {
      running += p;
      expect(table[w]).toBe(Math.round((running / total) * CUM_DOMAIN));
    });
    expect(table[table.length - 1]).toBe(CUM_DOMAIN);
  });

  it('the guide table gives the same word as a binary search, for every bucket edge and random draws', () => {
    const table = cumulativeTable(counts);
    const guide = guideTable(table);
    const bisect = (r: number) => {
      let lo = 0;
      let hi = table.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (table[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const rng = new Mulberry32(3);
    const probes = [0, 1, CUM_DOMAIN - 1, ...Array.from(table, (c) => c - 1), ...Array.from(table, (c) => Math.min(c, CUM_DOMAIN - 1))];
    for (let i = 0; i < 20_000; i++) probes.push((rng.next() >>> 1) % CUM_DOMAIN);
    for (const r of probes) expect(negativeFor(r, table, guide)).toBe(bisect(r));
  });

  it('draws words in proportion to count^0.75', () => {
    const table = cumulativeTable(counts);
    const guide = guideTable(table);
    const rng = new Mulberry32(11);
    const seen = new Float64Array(counts.length);
    const n = 400_000;
    for (let i = 0; i < n; i++) seen[negativeFor((rng.next() >>> 1) % CUM_DOMAIN, table, guide)]++;
    const total = Array.from(counts, (c) => c ** 0.75).reduce((s, x) => s + x, 0);
    counts.forEach((c, w) => {
      const p = c ** 0.75 / total;
      expect(Math.abs(seen[w] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });
});

describe('vocabulary and token stream', () => {
  it('keeps words seen minCount times, most frequent first, and removes the others before windows are taken', () => {
    const c = corpusFromPlainText('a b a c\nb a rare\nrare2\na b');
    const vocab = buildVocabulary(c, { minCount: 2, sample: 0 });
    expect(vocab.words).toEqual(['a', 'b']);
    expect(vocab.retained).toBe(7);
    const stream = tokenStream(c, vocab);
    expect(Array.from(stream.ids, (id) => vocab.words[id]).join(' ')).toBe('a b a b a a b');
    expect(Array.from(stream.ends)).toEqual([3, 5, 7]); // the sentence "rare2" is gone
    expect(Array.from(stream.rawEnds)).toEqual([4, 8, 10]); // its token still counts for progress
    expect(() => buildVocabulary(c, { minCount: 99, sample: 0 })).toThrow(/no word occurs 99 times/);
  });
});
