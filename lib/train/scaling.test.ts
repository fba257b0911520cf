import { describe, expect, it } from 'vitest';
import { parseQuestions } from '../vectors/analogy-benchmark';
import { corpusFromPlainText } from './corpus';
import { analogyScore, pairRecall, VectorIndex } from './evaluate';
import { pretrainedPoint, scalingReference } from './scaling';

const QUESTIONS = parseQuestions([': family', 'boy girl brother sister', 'boy girl king queen', 'man woman king queen', ': rare', 'boy girl zebra unicorn'].join('\n'));

describe('what more data buys: the shared yardstick', () => {
  const corpus = corpusFromPlainText(Array.from({ length: 5 }, () => 'boy girl brother sister man woman king queen the').join('\n'));

  it('asks only the questions whose words the whole corpus knows, and their related pairs', () => {
    const ref = scalingReference(corpus, 5, QUESTIONS);
    expect(ref.questions.map((q) => q.line)).toEqual([2, 3, 4]);
    expect(ref.pairs).toEqual([
      ['boy', 'girl'],
      ['brother', 'sister'],
      ['king', 'queen'],
      ['man', 'woman'],
    ]);
  });

  it('scores a pretrained set on those words only, each word its own vector; a missing word makes its questions wrong', async () => {
    const ref = scalingReference(corpus, 5, QUESTIONS);
    // 2-D vectors where girl − boy = sister − brother = queen − king = woman − man
    const table: Record<string, number[]> = { boy: [1, 0], girl: [1, 1], brother: [2, 0], sister: [2, 1], man: [3, 0], woman: [3, 1], king: [4, 0], queen: [4, 1], the: [0, -1] };
    const row = new Float32Array(2);
    const vectorOf = (w: string) => (table[w] ? (row.set(table[w]), row) : null);
    const point = await pretrainedPoint('toy', 1e9, 2, ref, vectorOf);
    expect(point.vocab).toBe(9);
    const direct = await VectorIndex.create(ref.candidates, Float32Array.from(ref.candidates.flatMap((w) => table[w])), 2);
    expect(point.analogy.correct).toBe(analogyScore(direct, ref.questions).correct);
    expect(point.pairs.hits).toBe(pairRecall(direct, ref.pairs).hits);
    expect(point.pairs.hits).toBeGreaterThan(0);
    expect(point.analogy.total).toBe(3);
    expect(point.pairs.known).toBe(4);
    // without "queen" two of the three questions cannot be answered
    const noQueen = await pretrainedPoint('toy', 1e9, 2, ref, (w) => (w === 'queen' ? null : vectorOf(w)));
    expect(noQueen.analogy.attempted).toBe(1);
    expect(noQueen.analogy.accuracy).toBeLessThanOrEqual(1 / 3);
    expect(noQueen.pairs.known).toBe(3);
  });
});
