import { translatorFor } from '../i18n/translate';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { AnalogyEngine, UnknownWordError } from '../vectors/analogy';
import { storeFromRows } from '../vectors/test-fixtures';
import { formatWordSource, parseWordList, parseWordSource, resolveWords, WORD_SOURCE_ERROR_CODES, WordSourceError } from './word-source';

describe('parseWordSource', () => {
  it('reads each form and round-trips through formatWordSource', () => {
    const cases = ['neighbors:king:500', 'top:5000', 'list:paris,berlin,rome', 'groups:countries=france,germany;capitals=paris,berlin'];
    for (const text of cases) expect(formatWordSource(parseWordSource(text))).toBe(text);
    expect(parseWordSource('neighbors:king:500')).toEqual({ kind: 'neighbors', query: 'king', n: 500 });
    expect(parseWordSource('groups:a=x, y;b=z')).toEqual({ kind: 'groups', groups: [{ name: 'a', words: ['x', 'y'] }, { name: 'b', words: ['z'] }] });
  });

  it('keeps colons inside an expression and defaults the count', () => {
    expect(parseWordSource('neighbors:man : woman :: king : ?:100')).toEqual({ kind: 'neighbors', query: 'man : woman :: king : ?', n: 100 });
    expect(parseWordSource('neighbours:king - man')).toEqual({ kind: 'neighbors', query: 'king - man', n: 500 });
  });

  it('rejects malformed sources with a message that shows the right form', () => {
    expect(() => parseWordSource('king')).toThrow(/use neighbors:WORD:N/);
    expect(() => parseWordSource('top:lots')).toThrow(WordSourceError);
    expect(() => parseWordSource('top:10001')).toThrow(/from 2 to 10,000/);
    expect(() => parseWordSource('neighbors:king:5001')).toThrow(/from 2 to 5,000/);
    expect(() => parseWordSource('neighbors::20')).toThrow(/needs a word/);
    expect(() => parseWordSource('list:')).toThrow(/needs words/);
    expect(() => parseWordSource('groups:oops')).toThrow(/name=word/);
  });
});

describe('parseWordList', () => {
  it('makes a list, or groups when lines are named', () => {
    expect(parseWordList('cat, dog\nmouse  horse\n# a comment\n')).toEqual({ kind: 'list', words: ['cat', 'dog', 'mouse', 'horse'] });
    expect(parseWordList('pets: cat, dog\nfarm: cow\nlion')).toEqual({
      kind: 'groups',
      groups: [
        { name: 'other', words: ['lion'] },
        { name: 'pets', words: ['cat', 'dog'] },
        { name: 'farm', words: ['cow'] },
      ],
    });
    expect(() => parseWordList('\n# nothing\n')).toThrow(/empty/);
    expect(() => parseWordList(Array.from({ length: 10001 }, (_, i) => `w${i}`).join(' '))).toThrow(/at most 10,000/);
  });
});

describe('resolveWords', () => {
  // A hand-made 2-D space: cosines to "a" (1, 0) fall in the order b, c, d, e.
  const words = ['a', 'b', 'c', 'd', 'e'];
  const rows = [
    [1, 0],
    [0.9, 0.1],
    [0.7, 0.3],
    [0.2, 0.8],
    [-1, 0.1],
  ];

  it('takes a word and its nearest neighbours, the word first', async () => {
    const engine = new AnalogyEngine(await storeFromRows(words, rows));
    const r = resolveWords(engine, { kind: 'neighbors', query: 'a', n: 3 });
    expect(r.words).toEqual(['a', 'b', 'c']);
    expect(r.ids).toEqual([0, 1, 2]);
    expect(r.center).toBe('a');
  });

  it('takes the most frequent rows, lists with missing words, and groups without duplicates', async () => {
    const engine = new AnalogyEngine(await storeFromRows(words, rows));
    expect(resolveWords(engine, { kind: 'top', n: 2 }).words).toEqual(['a', 'b']);
    const list = resolveWords(engine, { kind: 'list', words: ['E', 'zz', 'c'] });
    expect(list.words).toEqual(['e', 'c']);
    expect(list.missing).toEqual(['zz']);
    const groups = resolveWords(engine, { kind: 'groups', groups: [{ name: 'g1', words: ['a', 'b'] }, { name: 'g2', words: ['b', 'd'] }] });
    expect(groups.words).toEqual(['a', 'b', 'd']);
    expect(groups.group).toEqual([0, 0, 1]);
    expect(groups.groupNames).toEqual(['g1', 'g2']);
  });

  it('throws for an unknown centre word, and when no word is known', async () => {
    const engine = new AnalogyEngine(await storeFromRows(words, rows));
    expect(() => resolveWords(engine, { kind: 'neighbors', query: 'zzz', n: 3 })).toThrow(UnknownWordError);
    expect(() => resolveWords(engine, { kind: 'list', words: ['x', 'y'] })).toThrow(/none of these words/);
  });
});

/** The error `run` throws, as the page words it in English and in Chinese (vectors.errors.<code>). */
function worded(run: () => unknown): { error: WordSourceError; en: string; zh: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WordSourceError);
    const e = error as WordSourceError;
    const say = (locale: 'en' | 'zh') => translatorFor(locale, 'vectors.errors')(e.code, e.params);
    return { error: e, en: say('en'), zh: say('zh') };
  }
  throw new Error('expected an error');
}

describe('WordSourceError codes', () => {
  it('every code has its message in both languages', () => {
    for (const code of WORD_SOURCE_ERROR_CODES) {
      expect(MESSAGES.en.vectors, code).toHaveProperty(['errors', code]);
      expect(MESSAGES.zh.vectors, code).toHaveProperty(['errors', code]);
    }
  });

  it('carries what its message names, so the page can say it in the reader’s language', () => {
    const range = worded(() => parseWordSource('top:10001'));
    expect(range.error).toMatchObject({ code: 'countRange', params: { what: 'top', min: 2, max: 10000, n: 10001 } });
    expect(range.en).toBe(range.error.message); // the English message is the one the command line prints
    expect(range.zh).toBe('top: 数量必须是 2 到 10,000 之间的整数，现在是 10001');
    const form = worded(() => parseWordSource('groups:oops'));
    expect(form.error).toMatchObject({ code: 'groupNeedsForm', params: { part: 'oops' } });
    expect(form.zh).toContain('“oops”需要写成 name=word,word 的形式');
    for (const bad of ['king', 'neighbors::20', 'list:', 'top:lots', 'groups:x=']) {
      const { en, zh } = worded(() => parseWordSource(bad));
      expect(en, bad).not.toMatch(/[{}]/);
      expect(zh, bad).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(worded(() => parseWordList('# only a comment')).error.code).toBe('emptyList');
  });
});
