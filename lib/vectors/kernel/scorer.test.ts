import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { DOT_I8_WASM_BASE64 } from './dot-i8-wasm';
import { seededRandom } from '../../random';
import { randomStore, randomUnitQuery, type RandomStore } from './random-store';
import { createJsScorer, createScorer, createWasmScorer, decodeBase64, type Scorer } from './scorer';

// ------------------------------------------------------------------------------------------------
// Test data and an independent float64 reference (computed from q and s directly, never through
// either scorer).

function reference(store: RandomStore, query: Float32Array, rows = store.rows): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let d = 0;
    for (let i = 0; i < store.dims; i++) d += store.q[r * store.dims + i] * query[i];
    out[r] = d * store.s[r];
  }
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

/**
 * Error allowed for the WASM kernel. It quantises each query to int16 with the largest |component|
 * m mapped to 32767, so every component is off by at most m / 65534, and by Cauchy-Schwarz (rows
 * are unit vectors) a cosine by at most sqrt(dims) * m / 65534; 1e-6 covers the float32 rounding of
 * the result. For the unit queries here (dims <= 301, m well below 1) that is under 1e-4; the
 * brief's flat 2e-4 is asserted as well. Typical observed errors are a few 1e-6.
 */
function wasmBound(query: Float32Array): number {
  let m = 0;
  for (const v of query) m = Math.max(m, Math.abs(v));
  return Math.min(2e-4, (Math.sqrt(query.length) * m) / 65534 + 1e-6);
}

/** The JS scorer sums in float64 and rounds once to float32: |error| <= 2^-24 * |cos| << 1e-6. */
const JS_BOUND = 1e-6;

function load(scorer: Scorer, store: RandomStore): void {
  scorer.setRows(0, store.q, store.s);
}

const DIMS = [1, 7, 16, 100, 300, 301];
const ROWS = 1003; // not a multiple of 2 or 4 (the kernels' row unroll factors)

// ------------------------------------------------------------------------------------------------

describe('wasm-simd scorer', () => {
  it('is what createScorer picks on Node 20', async () => {
    const scorer = await createScorer(10, 8);
    expect(scorer.kind).toBe('wasm-simd');
    expect(scorer.capacity).toBe(10);
    expect(scorer.dims).toBe(8);
  });

  for (const dims of DIMS) {
    it(`matches a float64 reference, dims ${dims}, 1-4 queries`, async () => {
      const store = randomStore(ROWS, dims, 1000 + dims);
      const scorer = await createWasmScorer(ROWS, dims);
      load(scorer, store);
      const rand = seededRandom(dims);
      for (let nq = 1; nq <= 4; nq++) {
        const queries = Array.from({ length: nq }, () => randomUnitQuery(dims, rand));
        const got = scorer.scores(queries, ROWS);
        expect(got).toHaveLength(nq);
        for (let j = 0; j < nq; j++) {
          expect(got[j]).toBeInstanceOf(Float32Array);
          const err = maxAbsDiff(got[j], reference(store, queries[j]));
          expect(err).toBeLessThanOrEqual(wasmBound(queries[j]));
        }
      }
    });
  }

  it('handles row counts around the unroll factors (1..9 rows) for every query count', async () => {
    const dims = 13;
    const store = randomStore(9, dims, 7);
    const scorer = await createWasmScorer(9, dims);
    load(scorer, store);
    const rand = seededRandom(8);
    for (let rows = 0; rows <= 9; rows++) {
      for (let nq = 1; nq <= 4; nq++) {
        const queries = Array.from({ length: nq }, () => randomUnitQuery(dims, rand));
        const got = scorer.scores(queries, rows);
        for (let j = 0; j < nq; j++) {
          expect(got[j]).toHaveLength(rows);
          expect(maxAbsDiff(got[j], reference(store, queries[j], rows))).toBeLessThanOrEqual(wasmBound(queries[j]));
        }
      }
    }
  });
});

describe('js scorer', () => {
  for (const dims of DIMS) {
    it(`matches a float64 reference, dims ${dims}, 1-4 queries`, () => {
      const store = randomStore(ROWS, dims, 2000 + dims);
      const scorer = createJsScorer(ROWS, dims);
      expect(scorer.kind).toBe('js');
      load(scorer, store);
      const rand = seededRandom(dims + 1);
      for (let nq = 1; nq <= 4; nq++) {
        const queries = Array.from({ length: nq }, () => randomUnitQuery(dims, rand));
        const got = scorer.scores(queries, ROWS);
        expect(got).toHaveLength(nq);
        for (let j = 0; j < nq; j++) {
          expect(maxAbsDiff(got[j], reference(store, queries[j]))).toBeLessThanOrEqual(JS_BOUND);
        }
      }
    });
  }
});

describe.each([
  ['wasm-simd', (capacity: number, dims: number) => createWasmScorer(capacity, dims)],
  ['js', async (capacity: number, dims: number) => createJsScorer(capacity, dims)],
] as const)('%s scorer behaviour', (_kind, create) => {
  it('progressive setRows in uneven chunks equals one-shot setRows', async () => {
    const dims = 100;
    const store = randomStore(ROWS, dims, 3);
    const oneShot = await create(ROWS, dims);
    load(oneShot, store);
    const chunked = await create(ROWS, dims);
    // out of order and uneven, as a stream might deliver them
    const cuts = [0, 1, 38, 39, 500, 777, ROWS];
    const order = [3, 0, 5, 1, 4, 2];
    for (const c of order) {
      const a = cuts[c];
      const b = cuts[c + 1];
      chunked.setRows(a, store.q.subarray(a * dims, b * dims), store.s.subarray(a, b));
    }
    const rand = seededRandom(4);
    const queries = [randomUnitQuery(dims, rand), randomUnitQuery(dims, rand), randomUnitQuery(dims, rand)];
    const want = oneShot.scores(queries, ROWS).map((a) => Array.from(a));
    const got = chunked.scores(queries, ROWS).map((a) => Array.from(a));
    expect(got).toEqual(want);
  });

  it('scores only rows [0, rows) when rows < capacity', async () => {
    const dims = 30;
    const capacity = 1000;
    const store = randomStore(capacity, dims, 5);
    const scorer = await create(capacity, dims);
    load(scorer, store);
    const rand = seededRandom(6);
    const queries = [randomUnitQuery(dims, rand), randomUnitQuery(dims, rand)];
    const full = scorer.scores(queries, capacity).map((a) => Array.from(a));
    for (const rows of [0, 1, 333, 998, 999]) {
      const part = scorer.scores(queries, rows);
      expect(part.map((a) => a.length)).toEqual([rows, rows]);
      expect(part.map((a) => Array.from(a))).toEqual(full.map((a) => a.slice(0, rows)));
    }
    // only the first 10 rows loaded so far: scoring those 10 works before the rest arrives
    const early = await create(capacity, dims);
    early.setRows(0, store.q.subarray(0, 10 * dims), store.s.subarray(0, 10));
    const got = early.scores(queries, 10).map((a) => Array.from(a));
    expect(got).toEqual(full.map((a) => a.slice(0, 10)));
  });

  it('scores an all-zero row (scale 0) as exactly 0', async () => {
    const dims = 100;
    const store = randomStore(11, dims, 9);
    store.q.fill(0, 5 * dims, 6 * dims);
    store.s[5] = 0;
    const scorer = await create(11, dims);
    load(scorer, store);
    const rand = seededRandom(10);
    const got = scorer.scores([randomUnitQuery(dims, rand), randomUnitQuery(dims, rand), randomUnitQuery(dims, rand)], 11);
    for (const a of got) {
      expect(Math.abs(a[5])).toBe(0);
      expect(Math.abs(a[4])).toBeGreaterThan(0);
    }
  });

  it('a zero query scores 0 everywhere', async () => {
    const dims = 20;
    const store = randomStore(9, dims, 11);
    const scorer = await create(9, dims);
    load(scorer, store);
    const [a] = scorer.scores([new Float32Array(dims)], 9);
    expect(Array.from(a, Math.abs)).toEqual(new Array(9).fill(0));
  });

  it('does not overflow on extreme rows (all +127 / all -128) and extreme queries', async () => {
    // dims 512 is the largest with full 15-bit queries; 513 and 768 take the reduced query scale.
    for (const dims of [1, 100, 300, 512, 513, 768]) {
      const rows = 3;
      const q = new Int8Array(rows * dims);
      q.fill(127, 0, dims); // row 0: all +127
      q.fill(-128, dims, 2 * dims); // row 1: all -128 (outside the store's -127..127, still exact)
      for (let i = 0; i < dims; i++) q[2 * dims + i] = i % 2 ? 127 : -127; // row 2: alternating
      const s = new Float32Array([1 / (127 * Math.sqrt(dims)), 1 / (128 * Math.sqrt(dims)), 1 / (127 * Math.sqrt(dims))]);
      const store: RandomStore = { rows, dims, q, s };
      const flat = new Float32Array(dims).fill(1 / Math.sqrt(dims)); // maximises sum |q_i * Q_i|
      const spike = new Float32Array(dims);
      spike[dims - 1] = 1; // all weight on one (the last, partly padded) dim
      const negSpike = new Float32Array(dims);
      negSpike[0] = -1;
      const scorer = await create(rows, dims);
      scorer.setRows(0, q, s);
      const queries = [flat, spike, negSpike, flat];
      const got = scorer.scores(queries, rows);
      for (let j = 0; j < queries.length; j++) {
        const want = reference(store, queries[j]);
        expect(maxAbsDiff(got[j], want)).toBeLessThanOrEqual(2e-4);
      }
      expect(got[0][0]).toBeCloseTo(1, 5);
      expect(got[0][1]).toBeCloseTo(-1, 5);
    }
  });

  it('rejects bad arguments', async () => {
    const scorer = await create(4, 3);
    const v = new Float32Array([1, 0, 0]);
    expect(() => scorer.scores([], 1)).toThrow(RangeError);
    expect(() => scorer.scores([v, v, v, v, v], 1)).toThrow(RangeError);
    expect(() => scorer.scores([new Float32Array(2)], 1)).toThrow(RangeError);
    expect(() => scorer.scores([v], 5)).toThrow(RangeError);
    expect(() => scorer.scores([new Float32Array([NaN, 0, 0])], 1)).toThrow(RangeError);
    expect(() => scorer.setRows(3, new Int8Array(6), new Float32Array(2))).toThrow(RangeError);
    expect(() => scorer.setRows(0, new Int8Array(5), new Float32Array(2))).toThrow(RangeError);
  });
});

describe('wasm/js agreement on a larger store', () => {
  it('agree within the wasm bound for 3 queries (3CosMul shape)', async () => {
    const dims = 100;
    const rows = 20_001;
    const store = randomStore(rows, dims, 12);
    const wasm = await createWasmScorer(rows, dims);
    const js = createJsScorer(rows, dims);
    load(wasm, store);
    load(js, store);
    const rand = seededRandom(13);
    const queries = [randomUnitQuery(dims, rand), randomUnitQuery(dims, rand), randomUnitQuery(dims, rand)];
    const a = wasm.scores(queries, rows);
    const b = js.scores(queries, rows);
    for (let j = 0; j < 3; j++) expect(maxAbsDiff(a[j], b[j])).toBeLessThanOrEqual(wasmBound(queries[j]));
  });
});

describe('embedded wasm binary', () => {
  it('is exactly what wabt compiles from dot-i8.wat (no drift)', async () => {
    const wabt = await wabtInit();
    const source = readFileSync(fileURLToPath(new URL('./dot-i8.wat', import.meta.url)), 'utf8');
    // Same options as scripts/build-wasm.mjs.
    const mod = wabt.parseWat('dot-i8.wat', source, { simd: true });
    try {
      mod.validate();
      const bytes = mod.toBinary({ log: false, write_debug_names: false }).buffer;
      expect(Buffer.from(bytes).toString('base64')).toBe(DOT_I8_WASM_BASE64);
      expect(WebAssembly.validate(new Uint8Array(bytes))).toBe(true);
    } finally {
      mod.destroy();
    }
  });

  it('decodes base64 the same way with atob and with the fallback decoder', () => {
    const want = Array.from(Buffer.from(DOT_I8_WASM_BASE64, 'base64'));
    expect(Array.from(decodeBase64(DOT_I8_WASM_BASE64))).toEqual(want);
    expect(Array.from(decodeBase64(DOT_I8_WASM_BASE64, false))).toEqual(want);
    for (const text of ['', 'QQ==', 'QUI=', 'QUJD', 'AP8A/w==']) {
      expect(Array.from(decodeBase64(text, false))).toEqual(Array.from(Buffer.from(text, 'base64')));
    }
  });

  it('uses standard SIMD only (compiles with relaxed-simd disabled)', async () => {
    const wabt = await wabtInit();
    const source = readFileSync(fileURLToPath(new URL('./dot-i8.wat', import.meta.url)), 'utf8');
    const mod = wabt.parseWat('dot-i8.wat', source, { simd: true, relaxed_simd: false });
    try {
      expect(() => mod.validate()).not.toThrow();
    } finally {
      mod.destroy();
    }
    expect(source).not.toMatch(/\.relaxed_/); // relaxed-simd opcodes look like f32x4.relaxed_madd
  });
});

describe('countRank: rank counting over the kernel\'s own scores', () => {
  it('matches a brute-force count on its outputs, with ties, tails and NaN-free data', async () => {
    for (const rows of [1, 3, 4, 5, 37, 1000]) {
      const dims = 16;
      const store = randomStore(rows, dims, 77 + rows);
      const wasm = await createWasmScorer(rows, dims);
      wasm.setRows(0, store.q, store.s);
      const rand = seededRandom(rows);
      const [scores] = wasm.scores([randomUnitQuery(dims, rand)], rows);
      // Force ties: copy a few scores onto others.
      for (let i = 1; i < rows; i += 7) scores[i] = scores[i - 1];
      for (const id of [0, rows >> 1, rows - 1]) {
        const t = scores[id];
        let want = 0;
        for (let i = 0; i < rows; i++) if (scores[i] > t || (scores[i] === t && i < id)) want++;
        expect(wasm.countRank(scores, rows, t, id)).toBe(want);
        // An array outside kernel memory takes the JS path and agrees.
        expect(wasm.countRank(Float32Array.from(scores), rows, t, id)).toBe(want);
      }
    }
  });
});
