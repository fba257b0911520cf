import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../expression/parse';
import { AnalogyEngine, UnknownWordError } from './analogy';
import { runFuzz, type Fuzzer } from './fuzz';
import { storeFromRows } from './test-fixtures';

const WORDS = ['man', 'woman', 'king', 'queen', 'prince', 'apple', 'kings', 'twin', 'twin2'];
const ROWS = [[0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [1, 1, 0.2], [-1, 0.1, 0.1], [1, 1.1, 0], [0.3, 0.3, 0.3], [0.3, 0.3, 0.3]];
const WEIGHTS = ['', '2*', '0.5*', '-1*', '1e30*', '1e31*', '1e-30*', '1e-31*', '1e300*', '1e-300*', '1e308*', '5e-324*', '100*', '0.01*', '1e6*', '1e-6*'];

function makeQuery(f: Fuzzer): string {
  if (f.chance(0.2)) return `${f.pick(WORDS)} : ${f.pick(WORDS)} :: ${f.pick(WORDS)} : ?`;
  let q = '';
  for (let n = 1 + f.int(4); n > 0; n--) q += `${q ? f.pick([' + ', ' - ']) : ''}${f.pick(WEIGHTS)}${f.chance(0.05) ? 'zzz' : f.pick(WORDS)}`;
  return q;
}

describe('AnalogyEngine fuzz', () => {
  it('answers with finite scores or throws its own errors with messages (never a RangeError from the kernel)', async () => {
    const engine = new AnalogyEngine(await storeFromRows(WORDS, ROWS));
    const report = await runFuzz({
      target: 'analogy engine',
      seed: 41,
      cases: 3000,
      make: (f) => ({ q: makeQuery(f), method: f.pick(['3cosadd', '3cosmul'] as const), honest: f.chance(0.3), k: f.pick([1, 3, 10]) }),
      check: ({ q, method, honest, k }) => {
        let r;
        try {
          r = engine.query(q, { method, honest, k });
        } catch (e) {
          const own = e instanceof ExpressionError || e instanceof UnknownWordError || (e instanceof Error && e.constructor === Error);
          if (!own || !(e as Error).message) throw new Error(`threw ${(e as Error).constructor?.name} "${(e as Error).message}"`);
          return;
        }
        if (r.results.length === 0 && r.searched > 3) throw new Error('no results');
        for (const h of r.results) if (!Number.isFinite(h.score)) throw new Error(`score ${h.score} for ${h.word}`);
      },
    });
    expect(report.failures).toEqual([]);
  });
});
