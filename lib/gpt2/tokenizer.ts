/**
 * GPT-2's tokenizer (gpt-tokenizer's r50k_base, the 50,257-token byte-level BPE) plus what the
 * context page needs on top: each token's piece of text with its character span, and the tokens
 * that make up a target word in a sentence.
 */
import bpeRanks from 'gpt-tokenizer/bpeRanks/r50k_base';
import { encode } from 'gpt-tokenizer/encoding/r50k_base';

/** `<|endoftext|>`: GPT-2's only special token, used here as a beginning-of-text marker. */
export const EOS_TOKEN_ID = 50256;
export const EOS_TEXT = '<|endoftext|>';

export interface TokenPiece {
  id: number;
  /** The token's text as shown (a token holding part of a multi-byte character shows U+FFFD). */
  text: string;
  /** Character span [start, end) in the sentence; tokens that split a character both span it. */
  start: number;
  end: number;
}

/** A target-word occurrence: its characters [charStart, charEnd) and its tokens [tokenStart, tokenEnd). */
export interface WordSpan {
  charStart: number;
  charEnd: number;
  tokenStart: number;
  tokenEnd: number;
}

export interface TokenizedSentence {
  text: string;
  /** Token ids fed to the model: `<|endoftext|>` first when `bos`, then the sentence's tokens. */
  ids: number[];
  /** One per id; the `<|endoftext|>` piece has the empty span [0, 0). */
  pieces: TokenPiece[];
  /** Every occurrence of the target word, in order (token indices count the `<|endoftext|>`). */
  spans: WordSpan[];
}

/** GPT-2 token ids of `text` (no special tokens: `<|endoftext|>` in the text is encoded as plain text). */
export function encodeText(text: string): number[] {
  return encode(text, { disallowedSpecial: new Set() });
}

/** The bytes of every token id, from the package's rank table (index = id; string or raw bytes). */
const TOKEN_TABLE = bpeRanks as (string | number[])[];
const utf8 = new TextEncoder();

function tokenBytes(id: number): Uint8Array {
  const entry = TOKEN_TABLE[id];
  if (entry === undefined) throw new Error(`token id ${id} is not in GPT-2's vocabulary (0-${TOKEN_TABLE.length - 1})`);
  return typeof entry === 'string' ? utf8.encode(entry) : Uint8Array.from(entry);
}

/** One token's text on its own: `<|endoftext|>` for 50256; bytes that end mid-character show U+FFFD. */
export function tokenText(id: number): string {
  if (id === EOS_TOKEN_ID) return EOS_TEXT;
  return new TextDecoder('utf-8').decode(tokenBytes(id));
}

/**
 * Each token's text and character span in `text`, from the tokens' bytes (the ids must encode
 * exactly `text`). A token that holds only part of a multi-byte character (an emoji is often
 * split over two tokens) spans that whole character and shows U+FFFD for the partial bytes.
 * gpt-tokenizer's `decode` is not used here: it keeps a partial character in a shared decoder
 * across calls, so decoding tokens one by one would leak bytes from one call into the next.
 */
export function tokenPieces(text: string, ids: readonly number[]): TokenPiece[] {
  // charAtByte[b]: the UTF-16 index of the character holding byte b of text's UTF-8 (plus the end).
  const charAtByte: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) charAtByte.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  charAtByte.push(text.length);
  const strict = new TextDecoder('utf-8'); // non-streaming: partial bytes become U+FFFD, no state kept
  const pieces: TokenPiece[] = [];
  let at = 0; // byte offset in text
  for (const id of ids) {
    const bytes = tokenBytes(id);
    const endByte = at + bytes.length;
    if (endByte >= charAtByte.length) throw new Error(`tokens ${JSON.stringify(ids)} do not encode the text ${JSON.stringify(text)}`);
    const start = charAtByte[at];
    const last = charAtByte[endByte - 1]; // the character holding the token's last byte
    const end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
    pieces.push({ id, text: strict.decode(bytes), start, end });
    at = endByte;
  }
  if (at !== charAtByte.length - 1) throw new Error(`tokens ${JSON.stringify(ids)} do not encode the text ${JSON.stringify(text)}`);
  return pieces;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Character spans of `word` in `text`: case-insensitive, whole words only (no letter, digit or
 * underscore on either side), whitespace inside `word` matching any run of whitespace.
 */
export function findWord(text: string, word: string): { start: number; end: number }[] {
  const trimmed = word.trim();
  if (!trimmed) return [];
  const body = trimmed.split(/\s+/).map(escapeRegExp).join('\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'giu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Tokens [start, end) whose characters overlap [charStart, charEnd). */
export function tokensOverlapping(pieces: readonly TokenPiece[], charStart: number, charEnd: number): { start: number; end: number } {
  let start = -1;
  let end = -1;
  pieces.forEach((p, i) => {
    if (p.start < charEnd && p.end > charStart) {
      if (start < 0) start = i;
      end = i + 1;
    }
  });
  if (start < 0) throw new Error(`no token covers characters ${charStart}-${charEnd}`);
  return { start, end };
}

/**
 * Tokenizes a sentence for the model and locates `target` in it. With `bos` (the default) the ids
 * start with `<|endoftext|>`, so no sentence's first word sits at position 0, where GPT-2 has no
 * context at all and its residual stream has an outsized norm.
 */
export function tokenizeSentence(text: string, target: string, options: { bos?: boolean } = {}): TokenizedSentence {
  const bos = options.bos ?? true;
  const body = encodeText(text);
  const bodyPieces = tokenPieces(text, body);
  const shift = bos ? 1 : 0;
  const spans = findWord(text, target).map(({ start, end }) => {
    const t = tokensOverlapping(bodyPieces, start, end);
    return { charStart: start, charEnd: end, tokenStart: t.start + shift, tokenEnd: t.end + shift };
  });
  return {
    text,
    ids: bos ? [EOS_TOKEN_ID, ...body] : body,
    pieces: bos ? [{ id: EOS_TOKEN_ID, text: EOS_TEXT, start: 0, end: 0 }, ...bodyPieces] : bodyPieces,
    spans,
  };
}

export type Pooling = 'last' | 'mean';

/**
 * The target's vector from one layer's states [T, D] (row-major): its last sub-token's row
 * (`last`, the default: in a causal model only the last piece has seen the whole word) or the
 * mean of its sub-tokens' rows. Returns D values.
 */
export function poolSpan(states: Float32Array, dims: number, span: { tokenStart: number; tokenEnd: number }, pooling: Pooling): Float32Array {
  const { tokenStart, tokenEnd } = span;
  if (tokenEnd <= tokenStart || tokenEnd * dims > states.length) throw new Error(`token span ${tokenStart}-${tokenEnd} is outside ${states.length / dims} tokens`);
  if (pooling === 'last') return states.slice((tokenEnd - 1) * dims, tokenEnd * dims);
  const out = new Float32Array(dims);
  for (let t = tokenStart; t < tokenEnd; t++) for (let j = 0; j < dims; j++) out[j] += states[t * dims + j];
  for (let j = 0; j < dims; j++) out[j] /= tokenEnd - tokenStart;
  return out;
}
