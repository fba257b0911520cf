/**
 * The expression language of the word-analogy explorer: a single word, signed and weighted
 * word arithmetic (`king - man + woman`, `2*king - man`), or an analogy (`man : woman :: king : ?`).
 *
 * A small hand-written lexer and parser: input is never evaluated as code. Plain TypeScript with
 * no Node or DOM APIs, so it runs in the page, in a Web Worker and in Node scripts alike.
 *
 * Columns are 1-based and count UTF-16 code units, like `String` indices and
 * `HTMLInputElement.setSelectionRange`, so a UI can select the offending text directly.
 */

/** One word of an expression with its signed weight. */
export interface Term {
  /** The word as typed (case preserved; lower-casing is the caller's job). */
  word: string;
  /** Signed weight: `king - man` gives king +1 and man -1; `2*king` gives 2. */
  weight: number;
  /** 1-based column of the word's first char; for a quoted word, of its opening quote. */
  column: number;
}

/** What an expression asks for: neighbours of one word, a weighted sum, or an analogy. */
export type ExpressionKind = 'neighbors' | 'arithmetic' | 'analogy';

/** A parsed expression. */
export interface Expression {
  /**
   * `neighbors` when the expression is one word with weight +1 (after merging duplicates),
   * `analogy` for the `a : b :: c : ?` form, otherwise `arithmetic`.
   */
  kind: ExpressionKind;
  /**
   * Signed weights in the order the words first appear as arithmetic; duplicates are merged and
   * dropped when they cancel. `a : b :: c : ?` gives the terms of `b - a + c`.
   */
  terms: Term[];
  /** From `a : b :: c : d` (d given instead of `?`): the expected answer. */
  expect?: string;
  /**
   * Canonical text, e.g. `king - man + woman`, `2*king - man`, `man : woman :: king : ?`.
   * Parsing it again gives an equal expression (columns aside).
   */
  text: string;
}

/**
 * The values a coded error carries for the reader's language: the UI shows the message of its
 * `code` (messages/<locale>/vectors.json, errors.<code>) with these values; `message` stays the
 * English text, for the command line and logs.
 */
export type ErrorParams = Record<string, string | number>;

/** Why an expression cannot be run: one code per kind of mistake (the last three are thrown by lib/vectors/analogy.ts). */
export const EXPRESSION_ERROR_CODES = [
  'empty',
  'unclosedQuote',
  'emptyQuotes',
  'quotedSpace',
  'unexpected',
  'expectedWord',
  'zeroWeight',
  'weightTooLarge',
  'misplacedStar',
  'expectedSign',
  'expectedAnalogyMark',
  'unexpectedInAnalogy',
  'expectedAnswer',
  'weightSumTooLarge',
  'termsCancel',
  'weightAboveFloat32',
  'weightBelowFloat32',
  'cosmulFlat',
] as const;
export type ExpressionErrorCode = (typeof EXPRESSION_ERROR_CODES)[number];

/** A syntax error, with the 1-based column it refers to (also named in the message). */
export class ExpressionError extends Error {
  /** 1-based column (UTF-16 code units) of the problem; 1 for errors about the whole input. */
  readonly column: number;

  /**
   * Creates an error; `message` (English) should already name the column when it is positional,
   * and `params` hold what the message names (`column` is added to them).
   */
  constructor(
    message: string,
    column: number,
    readonly code: ExpressionErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'ExpressionError';
    this.column = column;
    this.params = { ...params, column };
  }
}

/** Shown for empty input: the one error that teaches the syntax rather than pointing at it. */
const EMPTY_MESSAGE = 'type a word or an expression such as: king - man + woman';
const ANALOGY_HINT = ' (an analogy reads a : b :: c : ?)';

/** Characters that end an unquoted word: ASCII hyphen, U+2212 minus and U+2013 en dash are all minus. */
const OPERATOR_CHARS = new Set(['+', '-', '\u2212', '\u2013', '*', ':', '?', '"']);
/** A word needs quotes in canonical text if it holds any operator character. */
const NEEDS_QUOTES = /[+\-\u2212\u2013*:?]/;
/** A numeric literal; only a weight when `*` follows, otherwise it is a word such as `1990`. */
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SPACE = /\s/;

type Token =
  | { type: 'word'; text: string; raw: string; column: number }
  | { type: 'number'; value: number; raw: string; column: number }
  | { type: 'sign'; sign: 1 | -1; raw: string; column: number }
  | { type: 'star' | 'colon' | 'dcolon' | 'question'; raw: string; column: number };

/** A term before duplicates are merged. */
interface RawTerm {
  word: string;
  weight: number;
  column: number;
}

/**
 * Parses an expression of the word-analogy explorer.
 *
 * @throws ExpressionError with a message such as `expected a word after '+' at column 13`.
 */
export function parseExpression(input: string): Expression {
  const tokens = tokenize(input);
  if (tokens.length === 0) throw new ExpressionError(EMPTY_MESSAGE, 1, 'empty');

  const end = input.length + 1;
  const isAnalogy = tokens.some((t) => t.type === 'colon' || t.type === 'dcolon');
  if (isAnalogy) return parseAnalogy(tokens, end);

  const terms = mergeTerms(parseArithmetic(tokens, end));
  const kind: ExpressionKind =
    terms.length === 1 && terms[0].weight === 1 ? 'neighbors' : 'arithmetic';
  return { kind, terms, text: formatTerms(terms) };
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    const column = i + 1;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    switch (ch) {
      case '+':
        tokens.push({ type: 'sign', sign: 1, raw: ch, column });
        i++;
        continue;
      case '-':
      case '\u2212':
      case '\u2013':
        tokens.push({ type: 'sign', sign: -1, raw: ch, column });
        i++;
        continue;
      case '*':
        tokens.push({ type: 'star', raw: ch, column });
        i++;
        continue;
      case '?':
        tokens.push({ type: 'question', raw: ch, column });
        i++;
        continue;
      case ':':
        if (input[i + 1] === ':') {
          tokens.push({ type: 'dcolon', raw: '::', column });
          i += 2;
        } else {
          tokens.push({ type: 'colon', raw: ch, column });
          i++;
        }
        continue;
      case '"': {
        const close = input.indexOf('"', i + 1);
        if (close < 0) throw new ExpressionError(`unclosed quote at column ${column}`, column, 'unclosedQuote');
        const text = input.slice(i + 1, close);
        if (text === '') throw new ExpressionError(`empty quotes at column ${column}`, column, 'emptyQuotes');
        const space = text.search(SPACE);
        if (space >= 0) {
          // Vocabulary tokens never contain spaces, so a spaced phrase can never be found.
          const at = i + 2 + space;
          throw new ExpressionError(`a quoted word cannot contain spaces at column ${at}`, at, 'quotedSpace');
        }
        tokens.push({ type: 'word', text, raw: input.slice(i, close + 1), column });
        i = close + 1;
        continue;
      }
    }

    // A number is a weight only when `*` follows; otherwise numerals like `1990` are words.
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(input);
    if (match) {
      let j = i + match[0].length;
      while (j < input.length && SPACE.test(input[j])) j++;
      if (input[j] === '*') {
        tokens.push({ type: 'number', value: Number(match[0]), raw: match[0], column });
        i += match[0].length;
        continue;
      }
    }

    let j = i;
    while (j < input.length && !SPACE.test(input[j]) && !OPERATOR_CHARS.has(input[j])) j++;
    const text = input.slice(i, j);
    tokens.push({ type: 'word', text, raw: text, column });
    i = j;
  }
  return tokens;
}

/** `expected a word after 'X'`, pointing where the word was expected: the token found there, or the end. */
function expectedWord(previous: Token | undefined, found: Token | undefined, end: number): ExpressionError {
  if (!previous) {
    // Only reachable with a token present: empty input is reported before parsing.
    const at = found ? found.column : 1;
    return new ExpressionError(`unexpected '${found?.raw ?? ''}' at column ${at}`, at, 'unexpected', { token: found?.raw ?? '' });
  }
  const at = found ? found.column : end;
  return new ExpressionError(`expected a word after '${previous.raw}' at column ${at}`, at, 'expectedWord', { token: previous.raw });
}

function parseArithmetic(tokens: Token[], end: number): RawTerm[] {
  const terms: RawTerm[] = [];
  let pos = 0;
  while (pos < tokens.length) {
    let weight = 1;
    let t: Token | undefined = tokens[pos];
    if (t.type === 'sign') {
      weight = t.sign;
      pos++;
    } else if (terms.length > 0) {
      throw unexpectedAfterTerm(t);
    }

    t = tokens[pos];
    if (t?.type === 'number') {
      if (t.value === 0) {
        throw new ExpressionError(`a weight cannot be zero at column ${t.column}`, t.column, 'zeroWeight');
      }
      if (!Number.isFinite(t.value)) {
        throw new ExpressionError(`weight '${t.raw}' is too large at column ${t.column}`, t.column, 'weightTooLarge', { token: t.raw });
      }
      weight *= t.value;
      pos += 2; // the lexer only makes a number token when a '*' follows it
      t = tokens[pos];
    }

    if (t?.type !== 'word') throw expectedWord(tokens[pos - 1], t, end);
    terms.push({ word: t.text, weight, column: t.column });
    pos++;
  }
  return terms;
}

function unexpectedAfterTerm(t: Token): ExpressionError {
  const at = t.column;
  switch (t.type) {
    case 'star':
      return new ExpressionError(
        `unexpected '*' at column ${at}: a weight goes before its word, as in 2*king`,
        at,
        'misplacedStar',
      );
    case 'word':
    case 'number':
      return new ExpressionError(`expected '+' or '-' before '${t.raw}' at column ${at}`, at, 'expectedSign', { token: t.raw });
    default:
      return new ExpressionError(`unexpected '${t.raw}' at column ${at}`, at, 'unexpected', { token: t.raw });
  }
}

function parseAnalogy(tokens: Token[], end: number): Expression {
  let pos = 0;
  const word = (): Token & { type: 'word' } => {
    const t = tokens[pos];
    if (t?.type !== 'word') throw expectedWord(tokens[pos - 1], t, end);
    pos++;
    return t;
  };
  const punctuation = (type: 'colon' | 'dcolon', raw: string): void => {
    const t = tokens[pos];
    if (t?.type === type) {
      pos++;
      return;
    }
    if (!t) throw new ExpressionError(`expected '${raw}' at column ${end}${ANALOGY_HINT}`, end, 'expectedAnalogyMark', { token: raw });
    throw new ExpressionError(`unexpected '${t.raw}' at column ${t.column}${ANALOGY_HINT}`, t.column, 'unexpectedInAnalogy', { token: t.raw });
  };

  const a = word();
  punctuation('colon', ':');
  const b = word();
  punctuation('dcolon', '::');
  const c = word();

  let expect: string | undefined;
  if (pos < tokens.length) {
    // `a : b :: c` is accepted as `a : b :: c : ?`.
    punctuation('colon', ':');
    const t = tokens[pos];
    if (t?.type === 'word') expect = t.text;
    else if (t?.type !== 'question') {
      const at = t ? t.column : end;
      throw new ExpressionError(`expected a word or '?' after ':' at column ${at}`, at, 'expectedAnswer');
    }
    pos++;
    const extra = tokens[pos];
    if (extra) {
      throw new ExpressionError(
        `unexpected '${extra.raw}' at column ${extra.column}${ANALOGY_HINT}`,
        extra.column,
        'unexpectedInAnalogy',
        { token: extra.raw },
      );
    }
  }

  // a is to b as c is to ?  =>  b - a + c, in the order it would be written as arithmetic.
  const terms = mergeTerms([
    { word: b.text, weight: 1, column: b.column },
    { word: a.text, weight: -1, column: a.column },
    { word: c.text, weight: 1, column: c.column },
  ]);
  const text = `${quote(a.text)} : ${quote(b.text)} :: ${quote(c.text)} : ${
    expect === undefined ? '?' : quote(expect)
  }`;
  return expect === undefined ? { kind: 'analogy', terms, text } : { kind: 'analogy', terms, expect, text };
}

/** Adds up the weights of repeated words (first occurrence keeps its place and column). */
function mergeTerms(raw: RawTerm[]): Term[] {
  const merged: Term[] = [];
  const magnitude: number[] = [];
  const index = new Map<string, number>();
  for (const r of raw) {
    const at = index.get(r.word);
    if (at === undefined) {
      index.set(r.word, merged.length);
      merged.push({ word: r.word, weight: r.weight, column: r.column });
      magnitude.push(Math.abs(r.weight));
    } else {
      merged[at].weight += r.weight;
      magnitude[at] += Math.abs(r.weight);
    }
  }
  for (const t of merged) {
    if (!Number.isFinite(t.weight)) {
      throw new ExpressionError(
        `the weights of '${t.word}' add up to too large a number at column ${t.column}`,
        t.column,
        'weightSumTooLarge',
        { word: t.word },
      );
    }
  }
  // Relative tolerance: 0.1*x + 0.2*x - 0.3*x leaves rounding residue, not a real weight.
  const kept = merged.filter((t, i) => Math.abs(t.weight) > magnitude[i] * 4 * Number.EPSILON);
  if (kept.length === 0) {
    throw new ExpressionError('the terms cancel out: nothing is left to search for', 1, 'termsCancel');
  }
  return kept;
}

function formatTerms(terms: Term[]): string {
  return terms
    .map((t, i) => {
      const magnitude = Math.abs(t.weight);
      // String() round-trips every finite double and only ever prints forms NUMBER accepts.
      const body = (magnitude === 1 ? '' : `${String(magnitude)}*`) + quote(t.word);
      if (i === 0) return t.weight < 0 ? `-${body}` : body;
      return (t.weight < 0 ? ' - ' : ' + ') + body;
    })
    .join('');
}

function quote(word: string): string {
  return NEEDS_QUOTES.test(word) ? `"${word}"` : word;
}
