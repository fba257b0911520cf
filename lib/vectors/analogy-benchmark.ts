/**
 * The analogy benchmark protocol of gensim's KeyedVectors.evaluate_word_analogies, independent
 * of how the answers are computed: case-insensitive, candidates restricted to the `vocab` most
 * frequent words, questions with any word outside them skipped (and counted), the three
 * question words excluded from the answers.
 */

export interface AnalogyQuestion {
  section: string;
  /** a : b :: c : expected (upper-cased words, as gensim compares them). */
  words: [string, string, string, string];
  /** 1-based line in the questions file. */
  line: number;
}

/** Parses the word2vec questions-words.txt format (": section" lines, then "a b c d" lines). */
export function parseQuestions(text: string): AnalogyQuestion[] {
  const out: AnalogyQuestion[] = [];
  let section = '';
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith(':')) {
      section = line.slice(1).trim();
      return;
    }
    const words = line.split(/\s+/);
    if (words.length !== 4) return; // gensim skips invalid lines too
    if (!section) throw new Error(`questions file: line ${i + 1} comes before any ": section" line`);
    out.push({ section, words: words.map((w) => w.toUpperCase()) as AnalogyQuestion['words'], line: i + 1 });
  });
  return out;
}

export interface ResolvedQuestion {
  question: AnalogyQuestion;
  a: number;
  b: number;
  c: number;
  expected: number;
}

/**
 * Maps questions to row ids within the first `vocab` words; the most frequent row wins when
 * two words differ only by case. Returns the attempted questions and the skipped count.
 */
export function resolveQuestions(questions: readonly AnalogyQuestion[], words: readonly string[], vocab: number): { attempted: ResolvedQuestion[]; skipped: number } {
  const okVocab = new Map<string, number>();
  for (let i = Math.min(vocab, words.length) - 1; i >= 0; i--) okVocab.set(words[i].toUpperCase(), i);
  const attempted: ResolvedQuestion[] = [];
  let skipped = 0;
  for (const q of questions) {
    const ids = q.words.map((w) => okVocab.get(w));
    if (ids.some((id) => id === undefined)) {
      skipped++;
      continue;
    }
    const [a, b, c, expected] = ids as number[];
    attempted.push({ question: q, a, b, c, expected });
  }
  return { attempted, skipped };
}

export interface BenchmarkScore {
  accuracy: number;
  correct: number;
  attempted: number;
  skipped: number;
  /** Accuracy per section (null for a section with no attempted question). */
  sections: Record<string, number | null>;
}

/** Scores predicted row ids (one per attempted question) the way gensim does: exact row match. */
export function scoreAnswers(attempted: readonly ResolvedQuestion[], predicted: ArrayLike<number>, skipped: number, sectionOrder: readonly string[]): BenchmarkScore {
  const per = new Map<string, { correct: number; total: number }>(sectionOrder.map((s) => [s, { correct: 0, total: 0 }]));
  let correct = 0;
  attempted.forEach((q, i) => {
    const s = per.get(q.question.section) ?? { correct: 0, total: 0 };
    per.set(q.question.section, s);
    s.total++;
    if (predicted[i] === q.expected) {
      s.correct++;
      correct++;
    }
  });
  const sections: Record<string, number | null> = {};
  for (const [name, s] of per) sections[name] = s.total ? s.correct / s.total : null;
  return { accuracy: attempted.length ? correct / attempted.length : 0, correct, attempted: attempted.length, skipped, sections };
}

/** Section names in file order. */
export function sectionsOf(questions: readonly AnalogyQuestion[]): string[] {
  return [...new Set(questions.map((q) => q.section))];
}
