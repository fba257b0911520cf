/**
 * Edits of a map's word source that the page offers as one click: take a "did you mean"
 * suggestion into the query, or isolate some words of the map as a new map of their own (a
 * `list:` source, so the URL reproduces it).
 */
import { formatWordSource, MAX_LIST, parseWordSource, WordSourceError } from './word-source';

/** Characters that end an unquoted word of an expression (see lib/expression/parse.ts), and white space. */
const WORD_END = /[\s+\-\u2212\u2013*:?"]/;

/**
 * `query` with the word starting at `column` (1-based, as UnknownWordError reports it; a quoted
 * word's column is its opening quote) replaced by `replacement`, quoted when it needs to be.
 * A column outside the query leaves it unchanged.
 */
export function replaceWordAt(query: string, column: number, replacement: string): string {
  const start = column - 1;
  if (!(Number.isInteger(start) && start >= 0 && start < query.length)) return query;
  let end = start;
  if (query[start] === '"') {
    const close = query.indexOf('"', start + 1);
    end = close < 0 ? query.length : close + 1;
  } else {
    while (end < query.length && !WORD_END.test(query[end])) end++;
  }
  const text = WORD_END.test(replacement) ? `"${replacement}"` : replacement;
  return query.slice(0, start) + text + query.slice(end);
}

/**
 * The word source `words` (a neighbours source) with its unknown word replaced by a suggestion.
 * Anything else (another kind of source, unparsable text) comes back unchanged.
 */
export function acceptSuggestion(words: string, column: number, suggestion: string): string {
  try {
    const source = parseWordSource(words);
    if (source.kind !== 'neighbors') return words;
    return formatWordSource({ ...source, query: replaceWordAt(source.query, column, suggestion) });
  } catch {
    return words;
  }
}

/** A word the `list:` form cannot carry: it splits on commas and white space. */
const UNLISTABLE = /[\s,]/;

/**
 * A `list:` source (text form) of these words, for "isolate selection". Words the list form
 * cannot hold (with a comma or white space, such as the token ",") are left out and returned in
 * `dropped`; an empty result or one over MAX_LIST words throws a WordSourceError saying what to do.
 */
export function isolateWords(words: readonly string[]): { words: string; kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w)) continue;
    seen.add(w);
    (UNLISTABLE.test(w) || w === '' ? dropped : kept).push(w);
  }
  if (kept.length === 0) throw new WordSourceError('nothing to isolate: select a word (click a point) or search for words first', 'nothingToIsolate');
  if (kept.length > MAX_LIST) throw new WordSourceError(`at most ${MAX_LIST.toLocaleString('en')} words per map; narrow the search to isolate ${kept.length.toLocaleString('en')}`, 'isolateTooMany', { max: MAX_LIST, count: kept.length });
  return { words: formatWordSource({ kind: 'list', words: kept }), kept, dropped };
}
