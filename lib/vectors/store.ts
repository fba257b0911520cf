/**
 * An in-memory vector set: words, their int8 unit rows and a scoring kernel. Runs in Node (CLI)
 * and in the browser worker, where rows arrive progressively (most frequent first) and queries
 * can run over the rows loaded so far.
 */
import type { Scorer } from './kernel/scorer';
import { dequantiseRow } from './kernels';

export interface StoreInfo {
  name: string;
  title: string;
  count: number;
  dims: number;
  /** Every word is lower-case: lower-case the user's input before lookup. */
  lowercase: boolean;
}

export class VectorStore {
  /** Rows [0, loadedRows) are usable. */
  loadedRows = 0;
  /** word → first row; built by buildIndex(), until then lookups scan the word list. */
  private index?: Map<string, number>;

  /**
   * @param words all `count` words, in row order
   * @param q     int8 rows, count × dims (filled progressively)
   * @param scales per-row scales (filled progressively)
   */
  constructor(
    readonly info: StoreInfo,
    readonly words: readonly string[],
    readonly q: Int8Array,
    readonly scales: Float32Array,
    readonly scorer: Scorer,
  ) {
    if (words.length !== info.count) throw new Error(`expected ${info.count} words, got ${words.length}`);
    if (q.length < info.count * info.dims || scales.length < info.count) throw new Error('row arrays are smaller than count × dims');
  }

  /**
   * Builds the word → row map (≈ 0.2 s for 341k words). The browser defers it until the rows
   * have loaded, so the first answer does not wait for it; until then lookups scan the words in
   * frequency order, which finds common words within microseconds.
   */
  buildIndex(): void {
    const index = new Map<string, number>();
    // First occurrence wins, so a word maps to its most frequent row.
    for (let i = this.words.length - 1; i >= 0; i--) index.set(this.words[i], i);
    this.index = index;
  }

  /** Store for fully loaded rows (Node): copies them into the kernel in one go. */
  static complete(info: StoreInfo, words: readonly string[], q: Int8Array, scales: Float32Array, scorer: Scorer): VectorStore {
    const store = new VectorStore(info, words, q, scales, scorer);
    store.addRows(0, info.count);
    store.buildIndex();
    return store;
  }

  /** Marks rows [start, end) of `q`/`scales` as filled and hands them to the kernel. */
  addRows(start: number, end: number): void {
    const dims = this.info.dims;
    this.scorer.setRows(start, this.q.subarray(start * dims, end * dims), this.scales.subarray(start, end));
    this.loadedRows = Math.max(this.loadedRows, end);
  }

  /** How the user's word is looked up (lower-cased for lower-case sets, trimmed). */
  normalise(word: string): string {
    const w = word.trim();
    return this.info.lowercase ? w.toLowerCase() : w;
  }

  /** Row id of an already normalised word among the loaded rows, or -1. */
  id(word: string, limit = this.loadedRows): number {
    const i = this.rowOf(word);
    return i < limit ? i : -1;
  }

  /** Row id of a word in the whole set, loaded or not, or -1. */
  rowOf(word: string): number {
    return this.index ? (this.index.get(word) ?? -1) : this.words.indexOf(word);
  }

  /** The dequantised unit vector of row `id`. */
  unitVector(id: number): Float32Array {
    const dims = this.info.dims;
    return dequantiseRow(this.q.subarray(id * dims, (id + 1) * dims), this.scales[id]);
  }
}
