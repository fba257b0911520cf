/**
 * Which words a map shows: the neighbours of a word or expression, the most frequent words, a
 * typed list, or named groups (each drawn in its own colour). One text form serves the CLI's
 * `--words-from` and the page's URL:
 *
 *   neighbors:king:500      the word (or expression) and its nearest neighbours, 500 words in all
 *   top:5000                the 5,000 most frequent words
 *   list:paris,berlin,rome  these words
 *   groups:countries=france,germany;capitals=paris,berlin
 *
 * (`file:PATH` is read by the CLI and becomes a list or groups, see parseWordList.)
 */
import type { ErrorParams } from '../expression/parse';
import type { AnalogyEngine } from '../vectors/analogy';

export const MAX_NEIGHBOURS = 5000;
export const MAX_TOP = 10000;
export const MAX_LIST = 10000;
export const DEFAULT_NEIGHBOURS = 500;

export interface WordGroup {
  name: string;
  words: string[];
}

export type WordSource =
  | { kind: 'neighbors'; query: string; n: number }
  | { kind: 'top'; n: number }
  | { kind: 'list'; words: string[] }
  | { kind: 'groups'; groups: WordGroup[] };

/** What is wrong with a map's words, as a code (and its values) for the UI; `message` is the English text. */
export const WORD_SOURCE_ERROR_CODES = [
  'neighborsNeedQuery',
  'topNeedsNumber',
  'listNeedsWords',
  'groupNeedsForm',
  'groupsNeedWords',
  'unknownSource',
  'emptyList',
  'noWordsInVectors',
  'countRange',
  'tooManyWords',
  'axesNeedX',
  'axisWordUnknown',
  'nothingToIsolate',
  'isolateTooMany',
] as const;
export type WordSourceErrorCode = (typeof WORD_SOURCE_ERROR_CODES)[number];

export class WordSourceError extends Error {
  override name = 'WordSourceError';

  constructor(
    message: string,
    readonly code: WordSourceErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(message);
  }
}

/** Parses the text form above; throws WordSourceError with a message that shows the right form. */
export function parseWordSource(spec: string): WordSource {
  const text = spec.trim();
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  switch (kind) {
    case 'neighbors':
    case 'neighbours': {
      // The query may itself contain ':' (man : woman :: king : ?), so the count is the last field, if numeric.
      const m = /^(.*?):\s*(\d+)\s*$/.exec(rest);
      const query = (m ? m[1] : rest).trim();
      if (!query) throw new WordSourceError('neighbors: needs a word or expression, e.g. "neighbors:king:500"', 'neighborsNeedQuery');
      return { kind: 'neighbors', query, n: count(m ? Number(m[2]) : DEFAULT_NEIGHBOURS, 2, MAX_NEIGHBOURS, 'neighbors') };
    }
    case 'top':
      if (!/^\s*\d+\s*$/.test(rest)) throw new WordSourceError('top: needs a number, e.g. "top:5000"', 'topNeedsNumber');
      return { kind: 'top', n: count(Number(rest), 2, MAX_TOP, 'top') };
    case 'list': {
      const words = splitWords(rest);
      if (words.length === 0) throw new WordSourceError('list: needs words, e.g. "list:paris,berlin,rome"', 'listNeedsWords');
      return { kind: 'list', words: limitList(words) };
    }
    case 'groups': {
      const groups: WordGroup[] = [];
      for (const part of rest.split(';')) {
        if (!part.trim()) continue;
        const eq = part.indexOf('=');
        if (eq < 0) throw new WordSourceError(`groups: "${part.trim()}" needs the form name=word,word`, 'groupNeedsForm', { part: part.trim() });
        const words = splitWords(part.slice(eq + 1));
        groups.push({ name: part.slice(0, eq).trim() || `group ${groups.length + 1}`, words });
      }
      if (groups.every((g) => g.words.length === 0)) throw new WordSourceError('groups: needs words, e.g. "groups:countries=france,germany;capitals=paris,berlin"', 'groupsNeedWords');
      limitList(groups.flatMap((g) => g.words));
      return { kind: 'groups', groups };
    }
    default:
      throw new WordSourceError(`unknown word source "${spec}": use neighbors:WORD:N, top:N, list:W1,W2,… or groups:NAME=W1,W2;NAME=…`, 'unknownSource', { spec });
  }
}

/** The text form of a source (round-trips through parseWordSource; used in URLs). */
export function formatWordSource(source: WordSource): string {
  switch (source.kind) {
    case 'neighbors':
      return `neighbors:${source.query}:${source.n}`;
    case 'top':
      return `top:${source.n}`;
    case 'list':
      return `list:${source.words.join(',')}`;
    case 'groups':
      return `groups:${source.groups.map((g) => `${g.name}=${g.words.join(',')}`).join(';')}`;
  }
}

/**
 * A word list typed, pasted or read from a file: words separated by commas, spaces or new lines.
 * A line "Name: w1, w2" starts a group; when there is any group the result is a groups source.
 * Lines starting with # are comments.
 */
export function parseWordList(text: string): WordSource {
  const groups: WordGroup[] = [];
  const loose: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([^:,]+):(.*)$/.exec(line);
    if (m) groups.push({ name: m[1].trim(), words: splitWords(m[2]) });
    else loose.push(...splitWords(line));
  }
  if (groups.length === 0) {
    if (loose.length === 0) throw new WordSourceError('the word list is empty', 'emptyList');
    return { kind: 'list', words: limitList(loose) };
  }
  if (loose.length) groups.unshift({ name: 'other', words: loose });
  limitList(groups.flatMap((g) => g.words));
  return { kind: 'groups', groups };
}

/** The words of a source resolved against a vector set: row ids, group of each point, what was missing. */
export interface ResolvedWords {
  words: string[];
  ids: number[];
  /** Index into groupNames for each point (all 0 when there are no groups). */
  group: number[];
  groupNames: string[];
  /** Words of a list or group that the set does not have (skipped, reported). */
  missing: string[];
  /** For a neighbours map: the word or expression at its centre. */
  center?: string;
}

/**
 * Resolves a source to rows of the engine's set. Unknown words in a neighbours query throw the
 * engine's UnknownWordError (with suggestions); unknown words in a list are skipped and reported.
 * Duplicates keep their first occurrence.
 */
export function resolveWords(engine: AnalogyEngine, source: WordSource): ResolvedWords {
  const store = engine.store;
  const out: ResolvedWords = { words: [], ids: [], group: [], groupNames: [''], missing: [] };
  const seen = new Set<number>();
  const add = (id: number, group: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.ids.push(id);
    out.words.push(store.words[id]);
    out.group.push(group);
  };
  const addWords = (words: string[], group: number) => {
    for (const w of words) {
      const id = store.id(store.normalise(w));
      if (id < 0) out.missing.push(w);
      else add(id, group);
    }
  };
  switch (source.kind) {
    case 'top':
      for (let id = 0; id < Math.min(source.n, store.loadedRows); id++) add(id, 0);
      break;
    case 'list':
      addWords(source.words, 0);
      break;
    case 'groups':
      out.groupNames = source.groups.map((g) => g.name);
      source.groups.forEach((g, i) => addWords(g.words, i));
      break;
    case 'neighbors': {
      // Honest mode keeps the input words: one word comes first among its own neighbours.
      const result = engine.query(source.query, { k: source.n, honest: true });
      for (const hit of result.results) add(store.id(hit.word), 0);
      out.center = result.expression;
      break;
    }
  }
  if (out.ids.length === 0) throw new WordSourceError(`none of these words are in the vectors: ${out.missing.slice(0, 10).join(', ')}`, 'noWordsInVectors', { words: out.missing.slice(0, 10).join(', '), count: out.missing.length });
  return out;
}

function splitWords(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

function count(n: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new WordSourceError(`${what}: the count must be a whole number from ${min} to ${max.toLocaleString('en')}, got ${n}`, 'countRange', { what, min, max, n });
  return n;
}

function limitList(words: string[]): string[] {
  if (words.length > MAX_LIST) throw new WordSourceError(`at most ${MAX_LIST.toLocaleString('en')} words per map, got ${words.length.toLocaleString('en')}`, 'tooManyWords', { max: MAX_LIST, count: words.length });
  return words;
}
