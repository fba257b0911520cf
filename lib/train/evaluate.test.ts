import { describe, expect, it } from 'vitest';
import { parseQuestions } from '../vectors/analogy-benchmark';
import { analogyScore, neighbourOverlap, pairRecall, relatedPairs, topK, VectorIndex } from './evaluate';

const WORDS = ['king', 'queen', 'man', 'woman', 'apple', 'pear'];
// royal/common on axis 0, male/female on axis 1, fruit on axis 2
const VECTORS = Float32Array.from([1, 1, 0, 1, -1, 0, 0.2, 1, 0, 0.2, -1, 0, 0, 0, 1, 0.1, 0.1, 1]);

describe('evaluate', () => {
  it('topK(scores, k, exclude) gives the k best rows, best first, skipping the excluded', () => {
    expect(Array.from(topK(Float32Array.from([0.1, 0.9, 0.5, 0.9, -1]), 3, [1]))).toEqual([3, 2, 0]);
    expect(Array.from(topK(Float32Array.from([0.3]), 5))).toEqual([0]);
  });

  it('nearest neighbours by cosine, the word itself excluded; [] for an unknown word', async () => {
    const index = await VectorIndex.create(WORDS, VECTORS, 3);
    expect(index.nearest('apple', 1).map((n) => n.word)).toEqual(['pear']);
    expect(index.nearest('apple', 1)[0].score).toBeCloseTo(1 / Math.sqrt(1.02) , 5);
    expect(index.nearest('zebra', 3)).toEqual([]);
  });

  it("analogies with gensim's protocol: 3CosAdd, question words excluded, unknown words skipped", async () => {
    const index = await VectorIndex.create(WORDS, VECTORS, 3);
    const questions = parseQuestions([': royal', 'man woman king queen', 'woman man queen king', 'man woman king pear', 'man woman king zebra'].join('\n'));
    const score = analogyScore(index, questions);
    expect(score).toMatchObject({ correct: 2, attempted: 3, skipped: 1 });
    expect(score.accuracy).toBeCloseTo(2 / 3, 12);
  });

  it('related pairs and their recall at k; overlap of two indexes', async () => {
    const questions = parseQuestions([': x', 'man woman king queen', 'king queen man woman', 'apple pear man woman'].join('\n'));
    expect(relatedPairs(questions)).toEqual([
      ['man', 'woman'],
      ['king', 'queen'],
      ['apple', 'pear'],
    ]);
    const index = await VectorIndex.create(WORDS, VECTORS, 3);
    expect(pairRecall(index, [...relatedPairs(questions), ['apple', 'zebra']], 1)).toMatchObject({ hits: 1, known: 3, total: 4 }); // apple → pear
    expect(neighbourOverlap(index, index, WORDS, 2)).toEqual({ overlap: 1, probes: 6 });
    const shuffled = await VectorIndex.create(WORDS, VECTORS.map((_, i) => VECTORS[(i + 3) % VECTORS.length]), 3);
    expect(neighbourOverlap(index, shuffled, WORDS, 2).overlap).toBeLessThan(1);
  });
});
