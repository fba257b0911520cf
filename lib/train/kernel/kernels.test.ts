import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernel, generatedPath, KERNELS } from '../../../scripts/train-build-wasm';
import { corpusFromPlainText } from '../corpus';
import { Mulberry32 } from '../rng';
import { createJsEngine } from '../sgns';
import { buildVocabulary, tokenStream } from '../vocab';
import { createRowDots, jsRowDots } from './dots';
import { createWasmEngine } from './sgns-kernel';

describe('training kernels (WebAssembly SIMD)', () => {
  it.each(KERNELS)('$name-wasm.ts is the compiled $name.wat (run npx tsx scripts/train-build-wasm.ts after editing it)', async ({ name, constant }) => {
    expect(readFileSync(generatedPath(name), 'utf8')).toBe(await compileKernel(name, constant));
  });

  it('the WebAssembly engine makes the same draws as the JavaScript engine and ends with the same vectors (within float rounding)', async () => {
    const rng = new Mulberry32(8);
    const lines = Array.from({ length: 300 }, () => Array.from({ length: 2 + (rng.next() % 20) }, () => `w${Math.floor(30 / (1 + (rng.next() % 30)))}`).join(' '));
    const corpus = corpusFromPlainText(lines.join('\n'));
    const vocab = buildVocabulary(corpus, { minCount: 2, sample: 2e-2 });
    const stream = tokenStream(corpus, vocab);
    // dims 10: rows padded to 12 floats in the kernel
    const setup = { vocab, stream, dims: 10, window: 4, negative: 3, seed: 99 };
    const js = createJsEngine(setup);
    const wasm = await createWasmEngine(setup);
    for (const [from, to, alpha] of [
      [0, 120, 0.025],
      [120, stream.ends.length, 0.02],
      [0, stream.ends.length, 0.01],
    ]) {
      const a = js.train(from, to, alpha);
      const b = wasm.train(from, to, alpha);
      expect(b.kept).toBe(a.kept);
      expect(b.pairs).toBe(a.pairs);
      expect(b.loss).toBeCloseTo(a.loss, 0);
      expect(Math.abs(b.loss - a.loss) / a.loss).toBeLessThan(1e-4);
      expect(wasm.rngState).toBe(js.rngState);
    }
    const va = js.vectors();
    const vb = wasm.vectors();
    let worst = 0;
    for (let i = 0; i < va.length; i++) worst = Math.max(worst, Math.abs(va[i] - vb[i]));
    expect(worst).toBeLessThan(1e-4);
    // training moved them well beyond that
    expect(Math.max(...va.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('the WebAssembly engine is deterministic for a seed', async () => {
    const corpus = corpusFromPlainText(Array.from({ length: 100 }, (_, i) => `a b c d e${i % 5} f${i % 3} a c`).join('\n'));
    const vocab = buildVocabulary(corpus, { minCount: 1, sample: 1e-3 });
    const stream = tokenStream(corpus, vocab);
    const run = async () => {
      const e = await createWasmEngine({ vocab, stream, dims: 8, window: 5, negative: 5, seed: 1 });
      e.train(0, stream.ends.length, 0.025);
      return e.vectors();
    };
    expect(await run()).toEqual(await run());
  });

  it('dots4 gives the dot products of up to 4 queries with every row (odd dims, padding)', async () => {
    const rng = new Mulberry32(4);
    const n = 37;
    const dims = 13;
    const rows = Float32Array.from({ length: n * dims }, () => rng.next() / 2 ** 32 - 0.5);
    const queries = Array.from({ length: 3 }, () => Float32Array.from({ length: dims }, () => rng.next() / 2 ** 32 - 0.5));
    const wasm = await createRowDots(rows, n, dims);
    expect(wasm.kind).toBe('wasm-simd');
    const got = wasm.dots(queries).map((a) => Array.from(a));
    const want = jsRowDots(rows, n, dims).dots(queries).map((a) => Array.from(a));
    got.forEach((row, j) => row.forEach((x, r) => expect(x).toBeCloseTo(want[j][r], 5)));
    expect(() => wasm.dots([])).toThrow(/1 to 4 queries/);
  });
});
