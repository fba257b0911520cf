import { describe, expect, it } from 'vitest';
import { AnalogyEngine, UnknownWordError } from '../vectors/analogy';
import { storeFromRows } from '../vectors/test-fixtures';
import { describeWordSource, formatWordSource, parseWordList, parseWordSource, resolveWords, WordSourceError } from './word-source';

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

describe('describeWordSource', () => {
  it('says what each kind of source shows', () => {
    expect(describeWordSource(parseWordSource('neighbors:king:500'))).toBe('king and its nearest neighbours (500 words)');
    expect(describeWordSource(parseWordSource('top:5000'))).toBe('the 5,000 most frequent words');
    expect(describeWordSource(parseWordSource('list:a'))).toBe('a list of 1 word');
    expect(describeWordSource(parseWordSource('groups:x=a;y=b'))).toBe('2 groups: x, y');
  });
});
