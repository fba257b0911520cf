import { describe, expect, it } from 'vitest';
import { matchWords, parseWordSearch, wordMatches } from './word-search';

const WORDS = ['king', 'kingdom', 'kong', 'Kristang', 'queen', 'viking', 'k.g', 'kg'];

describe('parseWordSearch', () => {
  it('empty text is no search; plain text is a lower-cased prefix', () => {
    expect(parseWordSearch('   ')).toEqual({ kind: 'empty' });
    expect(parseWordSearch(' KIN ')).toEqual({ kind: 'prefix', prefix: 'kin' });
  });

  it('text between slashes is a regular expression, flags after the closing slash', () => {
    const s = parseWordSearch('/^k.*g$/');
    expect(s.kind).toBe('regex');
    expect(matchWords(WORDS, s)).toEqual([0, 2, 6, 7]);
    expect(matchWords(WORDS, parseWordSearch('/^k.*g$/i'))).toEqual([0, 2, 3, 6, 7]);
  });

  it('an invalid pattern says so and never throws', () => {
    for (const bad of ['/(/', '/[a-/', '/a{2,1}/', '/*/', '/\\/']) {
      const s = parseWordSearch(bad);
      expect(s.kind, bad).toBe('invalid');
      if (s.kind === 'invalid') expect(s.message).toMatch(/regular expression/);
    }
    expect(parseWordSearch('//')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/empty/) });
    expect(parseWordSearch('/^k')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/closing slash/) });
    expect(parseWordSearch('/k/g')).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/flags "g"/) });
    expect(parseWordSearch(`/${'a'.repeat(300)}/`)).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/at most 200/) });
  });

  it('a prefix is literal text: regular-expression characters in it match themselves', () => {
    expect(matchWords(WORDS, parseWordSearch('k.'))).toEqual([6]);
  });
});

describe('matchWords / wordMatches', () => {
  it('no search or an invalid one matches nothing, and gives null for "no highlight"', () => {
    expect(matchWords(WORDS, parseWordSearch(''))).toBeNull();
    expect(matchWords(WORDS, parseWordSearch('/(/'))).toBeNull();
    expect(wordMatches('king', parseWordSearch('/(/'))).toBe(false);
  });

  it('the same pattern gives the same answer on every call (no lastIndex state)', () => {
    const s = parseWordSearch('/ing/');
    expect([wordMatches('king', s), wordMatches('king', s), wordMatches('viking', s)]).toEqual([true, true, true]);
  });

  it('a prefix search ignores case', () => {
    expect(matchWords(WORDS, parseWordSearch('kr'))).toEqual([3]);
  });
});
