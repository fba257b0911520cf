import { describe, expect, it } from 'vitest';
import { EOS_TOKEN_ID, encodeText, findWord, poolSpan, tokenPieces, tokenizeSentence } from './tokenizer';

describe('encodeText (GPT-2 r50k_base)', () => {
  it('gives the known GPT-2 ids', () => {
    expect(encodeText('Hello world')).toEqual([15496, 995]);
    expect(encodeText(' Hello world')).toEqual([18435, 995]);
    expect(encodeText('I sat on the river bank.')).toEqual([40, 3332, 319, 262, 7850, 3331, 13]);
  });

  it('encodes "<|endoftext|>" typed in a sentence as plain text, never as the special token', () => {
    const ids = encodeText('a <|endoftext|> b');
    expect(ids).not.toContain(EOS_TOKEN_ID);
    expect(tokenPieces('a <|endoftext|> b', ids).map((p) => p.text).join('')).toBe('a <|endoftext|> b');
  });
});

describe('tokenPieces', () => {
  it('gives each token its text and character span', () => {
    const text = 'Unbelievably, the bank';
    const pieces = tokenPieces(text, encodeText(text));
    expect(pieces.map((p) => p.text)).toEqual(['Un', 'bel', 'iev', 'ably', ',', ' the', ' bank']);
    for (const p of pieces) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('gives both halves of a character split over two tokens the whole character', () => {
    const text = 'naïve café 😀 ok';
    const ids = encodeText(text);
    const pieces = tokenPieces(text, ids);
    expect(ids).toHaveLength(6); // the emoji's 4 bytes are split as " " + 3 bytes | 1 byte
    const emoji = text.indexOf('😀');
    const split = pieces.filter((p) => p.end === emoji + 2);
    expect(split).toHaveLength(2);
    expect(split[0].start).toBe(emoji - 1); // the first half also carries the space
    expect(split[0].text).toBe(' \uFFFD');
    expect(split[1]).toMatchObject({ start: emoji, text: '\uFFFD' });
    expect(pieces.find((p) => p.text === ' ok')).toMatchObject({ start: emoji + 2, end: emoji + 5 });
    // No state leaks between calls: the same ids give the same pieces again.
    expect(tokenPieces(text, ids)).toEqual(pieces);
  });

  it('rejects ids that do not encode the text', () => {
    expect(() => tokenPieces('Hello world', [15496])).toThrow(/do not encode/);
    expect(() => tokenPieces('Hi', [15496, 995])).toThrow(/do not encode/);
  });
});

describe('findWord', () => {
  it('matches whole words, case-insensitively, every occurrence', () => {
    const text = "Bank robbers fled the bank's banks by the river BANK.";
    expect(findWord(text, 'bank').map((m) => text.slice(m.start, m.end))).toEqual(['Bank', 'bank', 'BANK']);
  });

  it('matches multi-word targets across any whitespace, and regex characters literally', () => {
    expect(findWord('time  flies like an arrow', 'time flies')).toEqual([{ start: 0, end: 11 }]);
    expect(findWord('costs $5 (maybe)', '(maybe)')).toEqual([{ start: 9, end: 16 }]);
    expect(findWord('anything', '')).toEqual([]);
  });
});

describe('tokenizeSentence', () => {
  it('starts with <|endoftext|> and locates the target tokens after it', () => {
    const s = tokenizeSentence('I sat on the river bank.', 'bank');
    expect(s.ids).toEqual([EOS_TOKEN_ID, 40, 3332, 319, 262, 7850, 3331, 13]);
    expect(s.pieces[0]).toMatchObject({ id: EOS_TOKEN_ID, text: '<|endoftext|>' });
    expect(s.spans).toEqual([{ charStart: 19, charEnd: 23, tokenStart: 6, tokenEnd: 7 }]);
    expect(s.ids[s.spans[0].tokenStart]).toBe(3331); // " bank"
  });

  it('gives a word split into several tokens all of its tokens', () => {
    const s = tokenizeSentence('Unbelievably, yes.', 'unbelievably', { bos: false });
    expect(s.spans).toEqual([{ charStart: 0, charEnd: 12, tokenStart: 0, tokenEnd: 4 }]);
  });

  it('returns no span when the target is absent', () => {
    expect(tokenizeSentence('The river runs.', 'bank').spans).toEqual([]);
  });
});

describe('poolSpan', () => {
  // states: 3 tokens × 2 dims
  const states = Float32Array.from([1, 2, 3, 4, 5, 9]);
  it('takes the last sub-token by default, or the mean of the span', () => {
    expect([...poolSpan(states, 2, { tokenStart: 0, tokenEnd: 2 }, 'last')]).toEqual([3, 4]);
    expect([...poolSpan(states, 2, { tokenStart: 1, tokenEnd: 3 }, 'mean')]).toEqual([4, 6.5]);
  });
  it('rejects a span outside the states', () => {
    expect(() => poolSpan(states, 2, { tokenStart: 2, tokenEnd: 4 }, 'last')).toThrow(/outside 3 tokens/);
  });
});
