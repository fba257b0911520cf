import { describe, expect, it } from 'vitest';
import { parseQuestions, resolveQuestions, scoreAnswers, sectionsOf } from './analogy-benchmark';

const FILE = `: capitals
Athens Greece Berlin Germany
athens greece Paris France
: plurals
cat cats dog dogs
bad line here
cat cats zebra zebras
`;

describe('the gensim analogy protocol', () => {
  it('parses sections and upper-cases words; lines without 4 words are skipped', () => {
    const q = parseQuestions(FILE);
    expect(q.map((x) => x.section)).toEqual(['capitals', 'capitals', 'plurals', 'plurals']);
    expect(q[1].words).toEqual(['ATHENS', 'GREECE', 'PARIS', 'FRANCE']);
    expect(q[3].line).toBe(7);
    expect(sectionsOf(q)).toEqual(['capitals', 'plurals']);
  });

  it('skips questions with a word outside the first N words and counts them', () => {
    const words = ['athens', 'greece', 'berlin', 'germany', 'paris', 'france', 'cat', 'cats', 'dog', 'dogs', 'zebra', 'zebras'];
    const q = parseQuestions(FILE);
    expect(resolveQuestions(q, words, 100).skipped).toBe(0);
    const limited = resolveQuestions(q, words, 10); // zebra, zebras are words 11 and 12
    expect(limited.skipped).toBe(1);
    expect(limited.attempted.map((a) => [a.a, a.b, a.c, a.expected])).toEqual([
      [0, 1, 2, 3],
      [0, 1, 4, 5],
      [6, 7, 8, 9],
    ]);
  });

  it('matches case-insensitively with the most frequent spelling winning', () => {
    const words = ['Athens', 'athens', 'greece', 'berlin', 'germany'];
    const { attempted } = resolveQuestions(parseQuestions(': s\nathens greece berlin germany\n'), words, 5);
    expect(attempted[0].a).toBe(0);
  });

  it('scores accuracy overall and per section', () => {
    const words = ['athens', 'greece', 'berlin', 'germany', 'paris', 'france', 'cat', 'cats', 'dog', 'dogs'];
    const q = parseQuestions(FILE);
    const { attempted, skipped } = resolveQuestions(q, words, 10);
    const score = scoreAnswers(attempted, [3, 4, 9], skipped, sectionsOf(q)); // 2nd answer wrong
    expect(score).toEqual({ accuracy: 2 / 3, correct: 2, attempted: 3, skipped: 1, sections: { capitals: 0.5, plurals: 1 } });
  });
});
