/**
 * A tokenised corpus for training: sentences of word ids over a word list, in typed arrays.
 *
 * Two readers turn text into one:
 *  - the Brown corpus's tagged form ("The/at jury/nn said/vbd ./."), one sentence a line: tags
 *    dropped, words lower-cased, only tokens with a letter or a digit kept;
 *  - plain text, one sentence a line, tokens split on whitespace, lower-cased (the same filter).
 * Sentences left with no token are dropped. Word ids are assigned most-frequent-first, so a
 * vocabulary with a minimum count is a prefix of the word list.
 */
import { seededRandom } from '../random';

export interface Corpus {
  /** Every distinct word, most frequent first (ties: first appearance first). */
  words: string[];
  /** counts[i]: occurrences of words[i]. */
  counts: Uint32Array; // [types]
  /** The tokens as word ids, sentence after sentence. */
  ids: Uint32Array; // [tokens]
  /** sentenceEnds[s]: the token offset where sentence s ends (exclusive); the last is ids.length. */
  sentenceEnds: Uint32Array; // [sentences]
}

/** A token is kept when it has at least one letter or digit (drops "``", ",", "--"…). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The words of one tagged Brown line ("word/tag" tokens), lower-cased, tags dropped. */
export function taggedLineTokens(line: string): string[] {
  const out: string[] = [];
  for (const token of line.split(/\s+/)) {
    if (token === '') continue;
    const slash = token.lastIndexOf('/');
    const word = (slash > 0 ? token.slice(0, slash) : token).toLowerCase();
    if (WORDLIKE.test(word)) out.push(word);
  }
  return out;
}

/** The words of one plain-text line: whitespace-separated, lower-cased, with a letter or digit. */
export function plainLineTokens(line: string): string[] {
  const out: string[] = [];
  for (const token of line.split(/\s+/)) {
    if (token === '') continue;
    const word = token.toLowerCase();
    if (WORDLIKE.test(word)) out.push(word);
  }
  return out;
}

/** Collects sentences of words and numbers them most-frequent-first in finish(). */
export class CorpusBuilder {
  private readonly idOf = new Map<string, number>();
  private readonly firstWords: string[] = [];
  private counts = new Uint32Array(1024);
  private ids = new Uint32Array(1 << 16);
  private tokens = 0;
  private readonly ends: number[] = [];

  /** Adds one sentence; an empty one is skipped. */
  add(sentence: readonly string[]): void {
    if (sentence.length === 0) return;
    if (this.tokens + sentence.length > this.ids.length) this.ids = grow(this.ids, this.tokens + sentence.length);
    for (const word of sentence) {
      let id = this.idOf.get(word);
      if (id === undefined) {
        id = this.firstWords.length;
        this.idOf.set(word, id);
        this.firstWords.push(word);
        if (id >= this.counts.length) this.counts = grow(this.counts, id + 1);
      }
      this.counts[id]++;
      this.ids[this.tokens++] = id;
    }
    this.ends.push(this.tokens);
  }

  /** The corpus, ids renumbered so that id 0 is the most frequent word. */
  finish(): Corpus {
    const types = this.firstWords.length;
    const order = Array.from({ length: types }, (_, i) => i).sort((a, b) => this.counts[b] - this.counts[a] || a - b);
    const renumber = new Uint32Array(types);
    order.forEach((old, i) => (renumber[old] = i));
    const ids = new Uint32Array(this.tokens);
    for (let t = 0; t < this.tokens; t++) ids[t] = renumber[this.ids[t]];
    return {
      words: order.map((i) => this.firstWords[i]),
      counts: Uint32Array.from(order, (i) => this.counts[i]),
      ids,
      sentenceEnds: Uint32Array.from(this.ends),
    };
  }
}

function grow(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** The Brown corpus from the text of its tagged files (each non-blank line is a sentence). */
export function corpusFromTaggedTexts(texts: Iterable<string>): Corpus {
  const builder = new CorpusBuilder();
  for (const text of texts) for (const line of text.split('\n')) builder.add(taggedLineTokens(line));
  return builder.finish();
}

/** A corpus from plain text, one sentence a line. */
export function corpusFromPlainText(text: string): Corpus {
  const builder = new CorpusBuilder();
  for (const line of text.split('\n')) builder.add(plainLineTokens(line));
  return builder.finish();
}

/** Number of sentences. */
export function sentenceCount(corpus: Corpus): number {
  return corpus.sentenceEnds.length;
}

/**
 * The first round(fraction × sentences) sentences of a fixed seeded shuffle, kept in corpus
 * order: every genre and text contributes in proportion, and a smaller fraction is always a
 * subset of a larger one with the same seed (1/8 ⊂ 1/4 ⊂ 1/2 ⊂ all).
 */
export function corpusFraction(corpus: Corpus, fraction: number, seed = 1): Corpus {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const n = sentenceCount(corpus);
  if (fraction === 1) return corpus;
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const chosen = order.subarray(0, Math.max(1, Math.round(fraction * n))).sort();
  const builder = new CorpusBuilder();
  for (const s of chosen) {
    const start = s === 0 ? 0 : corpus.sentenceEnds[s - 1];
    builder.add(Array.from(corpus.ids.subarray(start, corpus.sentenceEnds[s]), (id) => corpus.words[id]));
  }
  return builder.finish();
}
