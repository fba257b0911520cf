import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { candidateToken, highestLogitTokens, predict, predictTop, softmax, tokenProbability, tokenRank } from './next-token';
import { encodeText, tokenText } from './tokenizer';

describe('softmax(logits, temperature)', () => {
  it('matches hand-computed values: logits ln 1, ln 2, ln 3 give 1/6, 2/6, 3/6', () => {
    const p = softmax([0, Math.log(2), Math.log(3)]);
    [1 / 6, 2 / 6, 3 / 6].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14));
  });

  it('temperature 2 takes square roots of the weights; temperature 0.5 squares them', () => {
    const z = [0, Math.log(4), Math.log(9)]; // weights 1, 4, 9
    const hot = softmax(z, 2); // 1, 2, 3
    [1 / 6, 2 / 6, 3 / 6].forEach((v, i) => expect(hot[i]).toBeCloseTo(v, 14));
    const cold = softmax(z, 0.5); // 1, 16, 81
    [1 / 98, 16 / 98, 81 / 98].forEach((v, i) => expect(cold[i]).toBeCloseTo(v, 14));
  });

  it('does not overflow on large logits and sums to 1 over a 50,257-token row', () => {
    expect([...softmax([1000, 1000])]).toEqual([0.5, 0.5]);
    const rand = seededRandom(2);
    const z = Float32Array.from({ length: 50257 }, () => 40 * rand() - 20);
    expect(softmax(z, 0.7).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('refuses a temperature that is not positive', () => {
    expect(() => softmax([1, 2], 0)).toThrow('temperature must be a positive number (got 0)');
    expect(() => softmax([1, 2], -1)).toThrow('positive');
    expect(() => softmax([1, 2], NaN)).toThrow('positive');
  });
});

describe('highestLogitTokens and tokenRank against brute force', () => {
  const rand = seededRandom(5);
  // many ties: logits rounded to 0.5
  const z = Float32Array.from({ length: 3000 }, () => Math.round(20 * rand()) / 2);
  const sorted = [...z.keys()].sort((a, b) => z[b] - z[a] || a - b);

  it('highestLogitTokens returns the k best ids, ties by lower id, with their probabilities', () => {
    const p = softmax(z);
    for (const k of [1, 5, 17, 3000]) {
      const top = highestLogitTokens(z, p, k);
      expect(top.map((t) => t.id)).toEqual(sorted.slice(0, k));
      top.forEach((t) => {
        expect(t.logit).toBe(z[t.id]);
        expect(t.prob).toBe(p[t.id]);
      });
    }
    expect(highestLogitTokens(z, p, 0)).toEqual([]);
  });

  it('predictTop and tokenProbability give exactly softmax’s numbers, without the [V] array', () => {
    const p = softmax(z);
    const top = predictTop(z, 7);
    expect(top).toEqual(predict(z, 7).top);
    for (const id of [0, 5, 2999]) expect(tokenProbability(z, id)).toBe(p[id]);
    expect(tokenProbability(z, 5, 0.5)).toBe(softmax(z, 0.5)[5]);
  });

  it('tokenRank is 1 + the number of strictly higher logits', () => {
    for (const id of [0, 1, 77, 2999, sorted[0], sorted[10]]) {
      const rank = sorted.findIndex((j) => z[j] === z[id]) + 1; // first position holding this logit
      expect(tokenRank(z, id)).toBe(rank);
    }
    expect(tokenRank(z, sorted[0])).toBe(1);
    expect(() => tokenRank(z, 3000)).toThrow('token id 3000 is outside the vocabulary (0-2999)');
  });

  it('predict ranks the same at every temperature and its probabilities follow the temperature', () => {
    const cold = predict(z, 5, 0.3);
    const hot = predict(z, 5, 3);
    expect(cold.top.map((t) => t.id)).toEqual(hot.top.map((t) => t.id));
    expect(cold.top[0].prob).toBeGreaterThan(hot.top[0].prob);
    expect(cold.probs[sorted[0]]).toBe(cold.top[0].prob);
  });
});

describe('candidateToken', () => {
  it('scores the first token and says when the text is several tokens', () => {
    expect(candidateToken(' Mary')).toMatchObject({ ids: [5335], id: 5335, split: false });
    expect(candidateToken(' John').id).toBe(1757);
    expect(candidateToken('Mary').id).toBe(24119); // without the space it is another token
    const cheque = candidateToken(' cheque');
    expect(cheque).toMatchObject({ ids: [1125, 4188], id: 1125, split: true });
    expect(cheque.pieces.map((p) => p.text).join('')).toBe(' cheque');
    expect(() => candidateToken('')).toThrow('Enter a token');
  });
});

describe('tokenText (lib/gpt2/tokenizer.ts)', () => {
  it('gives one id its text: known ids, <|endoftext|>, and U+FFFD for part of a character', () => {
    expect(tokenText(5335)).toBe(' Mary');
    expect(tokenText(3331)).toBe(' bank');
    expect(tokenText(50256)).toBe('<|endoftext|>');
    const emoji = encodeText('🙂'); // split over byte-level tokens
    expect(emoji.length).toBeGreaterThan(1);
    expect(tokenText(emoji[0])).toContain('\uFFFD');
    expect(() => tokenText(50257)).toThrow('token id 50257 is not in GPT-2');
  });
});
