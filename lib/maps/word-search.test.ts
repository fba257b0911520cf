import { translatorFor } from '../i18n/translate';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { matchWords, parseWordSearch, WORD_SEARCH_PROBLEMS, wordMatches } from './word-search';

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

  it('a refused pattern carries the code and values of the page’s message, in both languages', () => {
    expect(parseWordSearch('//')).toMatchObject({ code: 'emptyRegex' });
    expect(parseWordSearch('/^k')).toMatchObject({ code: 'unclosedRegex', params: { example: '/^k/' } });
    expect(parseWordSearch('/k/g')).toMatchObject({ code: 'badFlags', params: { flags: 'g' } });
    expect(parseWordSearch(`/${'a'.repeat(300)}/`)).toMatchObject({ code: 'regexTooLong', params: { length: 300, max: 200 } });
    expect(parseWordSearch('/(/')).toMatchObject({ code: 'badRegex', params: { reason: expect.stringMatching(/group/i) } });
    for (const locale of ['en', 'zh'] as const) {
      const t = translatorFor(locale, 'map.search.problems');
      for (const code of WORD_SEARCH_PROBLEMS) expect(MESSAGES[locale].map, code).toHaveProperty(['search', 'problems', code]);
      const s = parseWordSearch(`/${'a'.repeat(300)}/`);
      if (s.kind === 'invalid') expect(t(s.code, s.params)).toBe(locale === 'en' ? s.message : '正则表达式有 300 个字符；最多 200 个');
    }
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
