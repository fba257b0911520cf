import { translatorFor } from '../i18n/translate';
import { describe, expect, it } from 'vitest';
import { ExpressionError, type ErrorParams } from '../expression/parse';
import { MESSAGES } from '../i18n/messages';
import { AnalogyEngine, MAX_RESULTS, QUERY_ERROR_CODES, QueryError, UnknownWordError } from './analogy';
import { COSMUL_EPSILON } from './methods';
import { storeFromRows } from './test-fixtures';

// A hand-made 3-d space: axis 0 = royalty, axis 1 = male, axis 2 = female.
const WORDS = ['man', 'woman', 'king', 'queen', 'prince', 'apple', 'kings'];
const ROWS = [
  [0, 1, 0], // man
  [0, 0, 1], // woman
  [1, 1, 0], // king
  [1, 0, 1], // queen
  [1, 1, 0.2], // prince
  [-1, 0.1, 0.1], // apple
  [1, 1.1, 0], // kings
];

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const cos = (a: number[], b: number[]) => unit(a).reduce((s, x, i) => s + x * unit(b)[i], 0);
const row = (w: string) => ROWS[WORDS.indexOf(w)];

describe('AnalogyEngine on a hand-made space', () => {
  it('3CosAdd: king - man + woman = queen, with the cosine of queen and the normalised sum', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('king - man + woman', { k: 3 });
    expect(r.results[0].word).toBe('queen');
    // By hand: v = û(king) − û(man) + û(woman) = (0.7071, −0.2929, 1), |v| = 1.2592;
    // cos(queen, v) = (0.7071·0.7071 + 1·0.7071) / 1.2592 = 0.9586.
    expect(r.results[0].score).toBeCloseTo(0.9586, 2);
    expect(r.results.map((h) => h.word)).not.toContain('king');
    expect(r.results.map((h) => h.word)).not.toContain('woman');
  });

  it('honest mode keeps the input words and reports where each ranks', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('king - man + woman', { k: 7, honest: true });
    // By hand: cos(woman, v) = 1/1.2592 = 0.794, second after queen; cos(man, v) = −0.2929/1.2592
    // = −0.233 is 6th, above only apple (cos = −0.50).
    expect(r.results.slice(0, 2).map((h) => h.word)).toEqual(['queen', 'woman']);
    expect(r.results[1].input).toBe(true);
    const ranks = Object.fromEntries(r.inputs.map((i) => [i.word, i.rank]));
    expect(ranks.woman).toBe(2);
    expect(ranks.man).toBe(6);
    // The input ranks are the same whether or not the list hides them.
    expect(engine.query('king - man + woman', { k: 3 }).inputs).toEqual(r.inputs);
  });

  it('3CosMul equals a brute-force evaluation of the formula for every candidate', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('king - man + woman', { method: '3cosmul', k: 7, honest: true });
    const brute = WORDS.map((w) => {
      const s = (x: string) => (1 + cos(row(w), row(x))) / 2;
      return { word: w, score: (s('king') * s('woman')) / (s('man') + COSMUL_EPSILON) };
    }).sort((a, b) => b.score - a.score);
    expect(r.results.map((h) => h.word)).toEqual(brute.map((b) => b.word));
    r.results.forEach((h, i) => expect(h.score).toBeCloseTo(brute[i].score, 2));
  });

  it('weights scale terms: 2*king - man counts king twice', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('2*king - man', { k: 7, honest: true });
    const v = [0, 1, 2].map((i) => 2 * unit(row('king'))[i] - unit(row('man'))[i]);
    const brute = WORDS.map((w) => ({ w, s: cos(row(w), v) })).sort((a, b) => b.s - a.s);
    expect(r.results.map((h) => h.word)).toEqual(brute.map((b) => b.w));
  });

  it('a single word gives its neighbours by cosine, without itself unless honest', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('king', { k: 2 });
    expect(r.kind).toBe('neighbors');
    expect(r.method).toBe('cosine');
    expect(r.results.map((h) => h.word)).toEqual(['kings', 'prince']);
    expect(engine.neighbors('king', { k: 1, honest: true }).results[0].word).toBe('king');
  });

  it('reports the rank of an expected answer, from ?expect= or from "a : b :: c : d"', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    expect(engine.query('man : woman :: king : queen').expected).toMatchObject({ word: 'queen', rank: 1 });
    const prince = engine.query('king - man + woman', { expect: 'prince' }).expected!;
    expect(prince.rank).toBeGreaterThan(1);
    expect(engine.query('king - man + woman', { expect: 'woman' }).expected).toMatchObject({ rank: null, reason: expect.stringContaining('input word') });
    expect(engine.query('king - man + woman', { expect: 'zebra' }).expected).toMatchObject({ rank: null, reason: 'not in vocabulary' });
  });

  it('reports each word of a several-word claim with the same rule as the expected answer', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('king', { expect: 'kings', expectAlso: ['prince', 'apple', 'king', 'zebra'] });
    expect(r.alsoExpected!.map((e) => e.word)).toEqual(['prince', 'apple', 'king', 'zebra']);
    for (const e of r.alsoExpected!.slice(0, 2)) expect(e).toEqual(engine.query('king', { expect: e.word }).expected);
    expect(r.alsoExpected![1].rank).toBeGreaterThan(r.alsoExpected![0].rank!); // apple is far from king, prince near
    expect(r.alsoExpected![2]).toMatchObject({ rank: null, reason: expect.stringContaining('input word') });
    expect(r.alsoExpected![3]).toMatchObject({ rank: null, reason: 'not in vocabulary' });
    expect(engine.query('king', { expect: 'kings' }).alsoExpected).toBeUndefined();
  });

  it('lower-cases input for a lower-case vocabulary and says so', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('King - Man + Woman');
    expect(r.lowercased).toBe(true);
    expect(r.expression).toBe('king - man + woman');
    expect(r.results[0].word).toBe('queen');
  });

  it('an unknown word raises UnknownWordError with its column and close spellings', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    let error: unknown;
    try {
      engine.query('kign - man + woman');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownWordError);
    const e = error as UnknownWordError;
    expect(e.message).toContain('not in vocabulary');
    expect(e.column).toBe(1);
    expect(e.suggestions).toContain('king');
    expect(() => engine.query('king - + woman')).toThrow(ExpressionError);
  });

  it('the vocabulary limit restricts both candidates and input words', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const r = engine.query('king - man + woman', { vocab: 5, k: 10 });
    expect(r.searched).toBe(5);
    expect(r.results.map((h) => h.word)).toEqual(['queen', 'prince']);
    expect(() => engine.query('apple', { vocab: 5 })).toThrow(/outside the 5 most frequent/);
  });

  it('the JS and WASM kernels give the same answers', async () => {
    const wasm = new AnalogyEngine(await storeFromRows(WORDS, ROWS, 'wasm'));
    const js = new AnalogyEngine(await storeFromRows(WORDS, ROWS, 'js'));
    for (const method of ['3cosadd', '3cosmul'] as const) {
      const a = wasm.query('king - man + woman', { method, k: 7, honest: true });
      const b = js.query('king - man + woman', { method, k: 7, honest: true });
      expect(a.results.map((h) => h.word)).toEqual(b.results.map((h) => h.word));
      a.results.forEach((h, i) => expect(h.score).toBeCloseTo(b.results[i].score, 3));
    }
  });

  it('weights float32 cannot carry are refused with the term, its column and the fix', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    for (const method of ['3cosadd', '3cosmul'] as const) {
      const big = (() => {
        try {
          engine.query('queen + 1e300*king', { method });
        } catch (e) {
          return e as ExpressionError;
        }
      })();
      expect(big).toBeInstanceOf(ExpressionError);
      expect(big!.message).toBe(
        'weight 1e+300 on "king" at column 15 is too large: the vectors are float32, so a weight can be at most 1e30 in size; divide every weight by the same number (3CosAdd\'s answer stays the same)',
      );
      expect(big!.column).toBe(15);
      expect(() => engine.query('1e-40*king', { method })).toThrow(/weight 1e-40 on "king" at column 7 is too small: .* at least 1e-30 in size; multiply every weight/);
    }
  });

  it('tiny and huge weights within the limits give the same 3CosAdd answer as weights near 1', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const plain = engine.query('king - man + woman', { k: 7, honest: true }).results.map((h) => h.word);
    for (const w of ['1e-25', '1e25']) {
      const r = engine.query(`${w}*king - ${w}*man + ${w}*woman`, { k: 7, honest: true });
      expect(r.results.map((h) => h.word)).toEqual(plain);
    }
  });

  it('3CosMul refuses weights that make every score 0 or 1 instead of ranking by word order', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    expect(() => engine.query('1e6*king - man', { method: '3cosmul' })).toThrow(/^3CosMul cannot rank the words: every score is 0 .*weight 1e\+6 on "king" at column 5 .*use weights between 0.01 and 100, or 3CosAdd$/);
    expect(() => engine.query('1e-20*king - 1e-20*man', { method: '3cosmul' })).toThrow(/3CosMul cannot rank the words: every score is 0.999999 \(/);
    expect(engine.query('2*king - man', { method: '3cosmul' }).results.length).toBeGreaterThan(0);
  });

  it(`the number of results is bounded (1 to ${MAX_RESULTS})`, async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    expect(() => engine.query('king', { k: 1e9 })).toThrow(`the number of results must be a whole number from 1 to 10,000, got 1000000000`);
    expect(() => engine.query('king', { k: 0 })).toThrow(/from 1 to 10,000, got 0/);
    expect(engine.query('king', { k: MAX_RESULTS }).results).toHaveLength(WORDS.length - 1);
  });
});

describe('errors the page words in the reader’s language', () => {
  /** The error `run` throws, and its message as the page shows it in English and in Chinese (vectors.errors.<code>). */
  function worded(run: () => unknown): { error: Error & { code: string; params: ErrorParams }; en: string; zh: string } {
    try {
      run();
    } catch (error) {
      const e = error as Error & { code: string; params: ErrorParams };
      const say = (locale: 'en' | 'zh') => translatorFor(locale, 'vectors.errors')(e.code, e.params);
      return { error: e, en: say('en'), zh: say('zh') };
    }
    throw new Error('expected an error');
  }

  it('an unknown word: its code, the word and its column (the suggestions travel apart, as buttons)', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const { error, en, zh } = worded(() => engine.query('king - man + wmoan'));
    expect(error).toBeInstanceOf(UnknownWordError);
    expect(error).toMatchObject({ code: 'unknownWord', params: { word: 'wmoan', column: 14 } });
    expect(en).toBe('“wmoan” (column 14) is not in vocabulary');
    expect(zh).toBe('“wmoan”（第 14 列）不在词表中');
  });

  it('a word outside the words searched, and weights float32 cannot carry', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const outside = worded(() => engine.query('apple', { vocab: 5 }));
    expect(outside.error).toBeInstanceOf(QueryError);
    expect(outside.error).toMatchObject({ code: 'outsideSearched', params: { word: 'apple', count: 5 } });
    expect(outside.en.replace(/[“”]/g, '"')).toBe(outside.error.message);
    expect(outside.zh).toBe('“apple”不在所搜索的 5 个最常用词之内');
    const tiny = worded(() => engine.query('1e-40*king - man'));
    expect(tiny.error).toMatchObject({ code: 'weightBelowFloat32', params: { weight: '1e-40', word: 'king', column: 7 } });
    expect(tiny.en.replace(/[“”]/g, '"').replace(/’/g, "'")).toBe(tiny.error.message);
    expect(tiny.zh).toContain('第 7 列“king”上的权重 1e-40 太小');
    const flat = worded(() => engine.query('1e6*king - man', { method: '3cosmul' }));
    expect(flat.error).toMatchObject({ code: 'cosmulFlat', params: { score: '0', weight: '1e+6', word: 'king', column: 5 } });
    expect(flat.en.replace(/[“”]/g, '"')).toBe(flat.error.message);
  });

  it('every code has its message in both languages', () => {
    for (const code of QUERY_ERROR_CODES) {
      expect(MESSAGES.en.vectors, code).toHaveProperty(['errors', code]);
      expect(MESSAGES.zh.vectors, code).toHaveProperty(['errors', code]);
    }
  });
});
