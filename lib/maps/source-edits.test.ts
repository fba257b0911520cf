import { describe, expect, it } from 'vitest';
import { acceptSuggestion, isolateWords, replaceWordAt } from './source-edits';
import { parseWordSource } from './word-source';

describe('replaceWordAt(query, column, replacement)', () => {
  it('replaces the word at a 1-based column, leaving the rest of the expression', () => {
    expect(replaceWordAt('kingg', 1, 'king')).toBe('king');
    expect(replaceWordAt('kingg - man + woman', 1, 'king')).toBe('king - man + woman');
    expect(replaceWordAt('king - mann + woman', 8, 'man')).toBe('king - man + woman');
    expect(replaceWordAt('2*kingg-man', 3, 'king')).toBe('2*king-man');
  });

  it('replaces a quoted word with its quotes, and quotes a suggestion that needs them', () => {
    expect(replaceWordAt('"x-rayy" + light', 1, 'x-ray')).toBe('"x-ray" + light');
    expect(replaceWordAt('"kingg" + man', 1, 'king')).toBe('king + man');
  });

  it('leaves the query alone for a column outside it', () => {
    expect(replaceWordAt('king', 9, 'queen')).toBe('king');
    expect(replaceWordAt('king', 0, 'queen')).toBe('king');
  });
});

describe('acceptSuggestion(words, column, suggestion)', () => {
  it('fixes the query of a neighbours source and keeps its count', () => {
    expect(acceptSuggestion('neighbors:kingg:50', 1, 'king')).toBe('neighbors:king:50');
  });

  it('returns other sources unchanged', () => {
    expect(acceptSuggestion('top:100', 1, 'king')).toBe('top:100');
    expect(acceptSuggestion('not a source', 1, 'king')).toBe('not a source');
  });
});

describe('isolateWords(words)', () => {
  it('makes a list source of the words, once each, that parses back to them', () => {
    const r = isolateWords(['queen', 'king', 'queen', 'princess']);
    expect(r.words).toBe('list:queen,king,princess');
    expect(parseWordSource(r.words)).toEqual({ kind: 'list', words: ['queen', 'king', 'princess'] });
    expect(r.dropped).toEqual([]);
  });

  it('leaves out words a list cannot hold and names them', () => {
    const r = isolateWords([',', 'king', '1,000', 'new york']);
    expect(r.kept).toEqual(['king']);
    expect(r.dropped).toEqual([',', '1,000', 'new york']);
  });

  it('refuses to isolate nothing, saying what to do', () => {
    expect(() => isolateWords([])).toThrow(/select a word/);
    expect(() => isolateWords([','])).toThrow(/select a word/);
    expect(() => isolateWords([])).toThrow(expect.objectContaining({ code: 'nothingToIsolate' }));
    expect(() => isolateWords(Array.from({ length: 10_001 }, (_, i) => `w${i}`))).toThrow(expect.objectContaining({ code: 'isolateTooMany', params: { max: 10_000, count: 10_001 } }));
  });
});
