/**
 * Query latency measurement shared by the Node benchmark and the browser's speed page, so both
 * time the same code path: whole 3CosAdd/3CosMul queries over every loaded word, and the
 * kernel pass alone.
 */
import type { Expression } from '../expression/parse';
import { seededRandom } from '../random';
import type { AnalogyEngine } from './analogy';
import type { Method } from './methods';

export interface LatencyReport {
  words: number;
  dims: number;
  method: Method;
  runs: number;
  kernel: string;
  /** Whole query: lookup, kernel pass, top-10, ranks of the input words. */
  queryMedianMs: number;
  queryP90Ms: number;
  /** One kernel pass alone (cosines of one query with every word). */
  kernelPassMedianMs: number;
}

/**
 * Times `runs` analogy queries "b - a + c" on word triples drawn with a fixed seed from the
 * 10,000 most frequent words (after 5 warm-up queries).
 */
export function measureLatency(engine: AnalogyEngine, runs = 200, method: Method = '3cosadd'): LatencyReport {
  const { store } = engine;
  const pool = Math.min(10_000, store.loadedRows);
  const rand = seededRandom(42);
  const pick = () => store.words[Math.floor(rand() * pool)];
  // Built directly rather than parsed: GloVe has words such as '"' that would need quoting.
  const triple = (): Expression => {
    const [b, a, c] = [pick(), pick(), pick()];
    if (a === b || b === c || a === c) return triple();
    const terms = [
      { word: b, weight: 1, column: 1 },
      { word: a, weight: -1, column: 1 },
      { word: c, weight: 1, column: 1 },
    ];
    return { kind: 'arithmetic', terms, text: `${b} - ${a} + ${c}` };
  };
  const expressions = Array.from({ length: runs + 5 }, triple);

  for (const e of expressions.slice(runs)) engine.run(e, { method });
  const whole = expressions.slice(0, runs).map((e) => {
    const t = performance.now();
    engine.run(e, { method, k: 10 });
    return performance.now() - t;
  });
  const query = store.unitVector(0);
  const kernel = Array.from({ length: runs }, () => {
    const t = performance.now();
    store.scorer.scores([query], store.loadedRows);
    return performance.now() - t;
  });
  return {
    words: store.loadedRows,
    dims: store.info.dims,
    method,
    runs,
    kernel: store.scorer.kind,
    queryMedianMs: quantile(whole, 0.5),
    queryP90Ms: quantile(whole, 0.9),
    kernelPassMedianMs: quantile(kernel, 0.5),
  };
}

/** The p-quantile (0..1) of xs, nearest-rank, rounded to microseconds for ms inputs. */
export function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(3));
}
