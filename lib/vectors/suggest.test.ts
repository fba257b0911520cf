import { describe, expect, it } from 'vitest';
import { SpellingIndex, editDistance } from './suggest';

/**
 * Textbook optimal string alignment distance over code points: the full matrix, no band, no
 * early exit. Independent of the implementation under test, for cross-checks.
 */
function referenceDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    d.push([]);
    for (let j = 0; j <= y.length; j++) {
      if (i === 0 || j === 0) {
        d[i][j] = i + j;
        continue;
      }
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.length][y.length];
}

/** The suggestion rule applied by brute force: every word, reference distance, then sort. */
function bruteForceSuggest(words: readonly string[], word: string, limit: number): string[] {
  const query = word.toLowerCase();
  const bound = Array.from(query).length >= 5 ? 2 : 1;
  const hits: Array<{ id: number; distance: number }> = [];
  words.forEach((w, id) => {
    const distance = referenceDistance(query, w.toLowerCase());
    if (distance <= bound && w !== word) hits.push({ id, distance });
  });
  hits.sort((p, q) => p.distance - q.distance || p.id - q.id);
  const out: string[] = [];
  for (const { id } of hits) if (!out.includes(words[id])) out.push(words[id]);
  return out.slice(0, limit);
}

/** Small seeded PRNG (mulberry32) so the random tests are reproducible. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('editDistance', () => {
  // Worked out by hand.
  const table: Array<[string, string, number]> = [
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['a', 'a', 0],
    ['a', 'b', 1],
    ['teh', 'the', 1], // one transposition
    ['ab', 'ba', 1],
    ['abcdef', 'badcfe', 3], // three separate transpositions
    ['ca', 'abc', 3], // OSA, not unrestricted Damerau-Levenshtein (which gives 2)
    ['kitten', 'sitting', 3],
    ['saturday', 'sunday', 3],
    ['flaw', 'lawn', 2],
    ['book', 'back', 2],
    ['gumbo', 'gambol', 2],
    ['recieve', 'receive', 1],
    ['King', 'king', 1], // case-sensitive
    ['café', 'cafe', 1],
    ['naïve', 'naive', 1],
    ['москва', 'моксва', 1], // transposition in Cyrillic
    ['москва', 'моская', 2],
    ['😀', '😃', 1], // astral characters count once
    ['a😀b', 'ab', 1],
    ['😀😃', '😃😀', 1],
  ];

  it.each(table)('%j vs %j = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('returns maxDistance + 1 when the distance exceeds the bound', () => {
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('kitten', 'sitting', 0)).toBe(1);
    expect(editDistance('abc', 'abcdef', 1)).toBe(2); // rejected on lengths alone
    expect(editDistance('teh', 'the', 0)).toBe(1);
    expect(editDistance('teh', 'the', 1)).toBe(1);
    expect(editDistance('same', 'same', 0)).toBe(0);
    expect(editDistance('', 'abc', 5)).toBe(3);
    expect(editDistance('abcdefgh', 'hgfedcba', 2)).toBe(3);
    // Shifted strings: the alignment runs off the main diagonal the whole way.
    expect(editDistance('abcde', 'bcdef', 2)).toBe(2);
    expect(editDistance('abcde', 'bcdef', 1)).toBe(2);
    expect(editDistance('abcdef', 'cdefgh', 4)).toBe(4);
    expect(editDistance('abcdef', 'cdefgh', 3)).toBe(4);
  });

  it('rejects a bound that is not a non-negative integer', () => {
    expect(() => editDistance('a', 'b', -1)).toThrow(RangeError);
    expect(() => editDistance('a', 'b', 1.5)).toThrow(RangeError);
    expect(() => editDistance('a', 'b', Number.NaN)).toThrow(RangeError);
  });

  it('agrees with the textbook matrix on random pairs, bounded and unbounded', () => {
    const rand = random(7);
    const alphabet = ['a', 'b', 'c', 'é', '😀'];
    const word = () => {
      let s = '';
      const length = Math.floor(rand() * 9);
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    };
    for (let trial = 0; trial < 2000; trial++) {
      const a = word();
      const b = word();
      const exact = referenceDistance(a, b);
      expect(editDistance(a, b)).toBe(exact);
      // Bounds just below, at and above the distance: where early exits can go wrong.
      const bound = Math.max(0, exact - 1 + (trial % 3));
      expect(editDistance(a, b, bound)).toBe(Math.min(exact, bound + 1));
    }
    // Longer strings, built as edits of one another so their distances stay moderate.
    for (let trial = 0; trial < 200; trial++) {
      let a = '';
      for (let i = 0; i < 20 + Math.floor(rand() * 20); i++) a += alphabet[Math.floor(rand() * 3)];
      const chars = Array.from(a);
      for (let e = 0; e < 1 + Math.floor(rand() * 8); e++) {
        chars.splice(Math.floor(rand() * chars.length), rand() < 0.5 ? 1 : 0, alphabet[Math.floor(rand() * 5)]);
      }
      const b = chars.join('');
      const exact = referenceDistance(a, b);
      expect(editDistance(a, b)).toBe(exact);
      expect(editDistance(a, b, 4)).toBe(Math.min(exact, 5));
      expect(editDistance(a, b, exact)).toBe(exact);
      if (exact > 0) expect(editDistance(a, b, exact - 1)).toBe(exact);
    }
  });
});

describe('SpellingIndex.suggest', () => {
  it('ranks by distance first, then by frequency', () => {
    // wordz: word, wordy, words are 1 edit away; sword, works, world are 2.
    const index = new SpellingIndex(['word', 'wordy', 'sword', 'works', 'world', 'words']);
    expect(index.suggest('wordz')).toEqual(['word', 'wordy', 'words', 'sword', 'works']);
    expect(index.suggest('wordz', 10)).toEqual(['word', 'wordy', 'words', 'sword', 'works', 'world']);
  });

  it('breaks ties by vocabulary order', () => {
    expect(new SpellingIndex(['cart', 'card', 'care', 'cat']).suggest('carx')).toEqual([
      'cart',
      'card',
      'care',
    ]);
    expect(new SpellingIndex(['care', 'card', 'cart', 'cat']).suggest('carx')).toEqual([
      'care',
      'card',
      'cart',
    ]);
  });

  it('respects the limit', () => {
    const index = new SpellingIndex(['word', 'wordy', 'sword', 'works', 'world', 'words']);
    expect(index.suggest('wordz', 2)).toEqual(['word', 'wordy']);
    expect(index.suggest('wordz', 1)).toEqual(['word']);
    expect(index.suggest('wordz', 0)).toEqual([]);
    expect(index.suggest('wordz', 2.7)).toEqual(['word', 'wordy']);
  });

  it('never returns the input itself', () => {
    expect(new SpellingIndex(['cat', 'cats', 'bat']).suggest('cat')).toEqual(['cats', 'bat']);
  });

  it('compares case-insensitively and keeps the vocabulary spelling', () => {
    const index = new SpellingIndex(['Paris', 'paris', 'parse']);
    expect(index.suggest('PARIS')).toEqual(['Paris', 'paris', 'parse']);
    expect(index.suggest('paris')).toEqual(['Paris', 'parse']);
    expect(new SpellingIndex(['the', 'tea']).suggest('Teh')).toEqual(['the', 'tea']);
    expect(new SpellingIndex(['Apple', 'apple']).suggest('aple')).toEqual(['Apple', 'apple']);
  });

  it('allows 1 edit below 5 characters, 2 from 5, never 3', () => {
    expect(new SpellingIndex(['abcd']).suggest('axcy')).toEqual([]);
    expect(new SpellingIndex(['abcd']).suggest('axcd')).toEqual(['abcd']);
    expect(new SpellingIndex(['abcde']).suggest('axcye')).toEqual(['abcde']);
    expect(new SpellingIndex(['abcde']).suggest('axyze')).toEqual([]);
    expect(new SpellingIndex(['abc']).suggest('abcde')).toEqual(['abc']);
    expect(new SpellingIndex(['ab']).suggest('abcde')).toEqual([]);
    expect(new SpellingIndex(['abcdefg']).suggest('abcde')).toEqual(['abcdefg']);
    expect(new SpellingIndex(['abcdefgh']).suggest('abcde')).toEqual([]);
    // Delete the first letter, append one: 2 edits, all off the main diagonal.
    expect(new SpellingIndex(['bcdef', 'bcdefg']).suggest('abcde')).toEqual(['bcdef']);
  });

  it('returns each word once', () => {
    expect(new SpellingIndex(['the', 'the', 'thee']).suggest('th')).toEqual(['the']);
  });

  it('handles accents and astral characters', () => {
    expect(new SpellingIndex(['café', 'cafe', 'cage']).suggest('cafè')).toEqual(['café', 'cafe']);
    expect(new SpellingIndex(['ab', '😀😃', '😀']).suggest('😀😀')).toEqual(['😀😃', '😀']);
  });

  it('returns [] when nothing is close, for empty input and for an empty vocabulary', () => {
    expect(new SpellingIndex(['alpha', 'beta']).suggest('zzz')).toEqual([]);
    expect(new SpellingIndex(['a', 'b']).suggest('')).toEqual([]);
    expect(new SpellingIndex([]).suggest('word')).toEqual([]);
  });

  it('matches a brute-force scan on a random vocabulary', () => {
    const rand = random(2024);
    // A small alphabet makes shared prefixes and near misses common, which is what the
    // prefix-sharing and pruning paths need to be exercised.
    const alphabet = ['a', 'b', 'c', 'd', 'e', 'A', 'B', 'é', '😀'];
    const pick = () => alphabet[Math.floor(rand() * (rand() < 0.9 ? 5 : alphabet.length))];
    const randomWord = () => {
      let s = '';
      const length = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < length; i++) s += pick();
      return s;
    };
    const mutate = (w: string) => {
      const chars = Array.from(w);
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (chars.length + 1));
        const op = Math.floor(rand() * 4);
        if (op === 0) chars.splice(at, 0, pick());
        else if (op === 1 && chars.length > 1) chars.splice(Math.min(at, chars.length - 1), 1);
        else if (op === 2 && at < chars.length) chars[at] = pick();
        else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
      }
      return chars.map((c) => (rand() < 0.1 ? c.toUpperCase() : c)).join('');
    };

    const words = Array.from({ length: 2000 }, randomWord);
    const index = new SpellingIndex(words);
    const queries: string[] = [];
    for (let q = 0; q < 100; q++) {
      const source = words[Math.floor(rand() * words.length)];
      queries.push(q % 10 === 0 ? source : q % 2 === 0 ? mutate(source) : randomWord());
    }

    let nonEmpty = 0;
    for (const query of queries) {
      const expected = bruteForceSuggest(words, query, 5);
      expect(index.suggest(query), query).toEqual(expected);
      expect(index.suggest(query, 1000), query).toEqual(bruteForceSuggest(words, query, 1000));
      if (expected.length > 0) nonEmpty++;
    }
    // Guard against a vacuous pass where almost every expected answer is [].
    expect(nonEmpty).toBeGreaterThan(60);
  });
});
