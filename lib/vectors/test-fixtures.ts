/** Builds small in-memory stores from float rows for unit tests (through the real format code). */
import { quantiseRow } from './format';
import { createJsScorer, createWasmScorer } from './kernel/scorer';
import { VectorStore } from './store';

export async function storeFromRows(words: string[], rows: number[][], kernel: 'js' | 'wasm' = 'wasm'): Promise<VectorStore> {
  const dims = rows[0].length;
  const q = new Int8Array(words.length * dims);
  const scales = new Float32Array(words.length);
  rows.forEach((row, i) => {
    const r = quantiseRow(row, q.subarray(i * dims, (i + 1) * dims));
    scales[i] = r.scale;
  });
  const scorer = kernel === 'js' ? createJsScorer(words.length, dims) : await createWasmScorer(words.length, dims);
  const info = { name: 'fixture', title: 'fixture', count: words.length, dims, lowercase: words.every((w) => w === w.toLowerCase()) };
  return VectorStore.complete(info, words, q, scales, scorer);
}
