/** Messages between the UI and its workers: the vectors worker (vectors.worker.ts) and the import worker (import.worker.ts). */
import type { ErrorParams } from '../expression/parse';
import type { ImportProgress, SkippedRows } from '../import/import-rows';
import type { VectorFormat } from '../import/readers';
import type { MapParams, MapProgress, MapResult } from '../maps/compute-map';
import type { WordSource } from '../maps/word-source';
import type { QueryOptions, QueryResult } from '../vectors/analogy';
import type { LoadProgress } from '../vectors/fetch-set';
import type { Manifest } from '../vectors/format';
import type { LatencyReport } from '../vectors/latency';
import type { Method } from '../vectors/methods';

export interface SetInfo {
  name: string;
  title: string;
  count: number;
  dims: number;
  lowercase: boolean;
  source: string;
  licence: string;
}

export type WorkerRequest =
  | { id: number; type: 'open'; baseUrl: string }
  /** Opens a set kept in this browser (lib/vectors/local-sets.ts). */
  | { id: number; type: 'open-local'; name: string }
  | { id: number; type: 'query'; input: string; options: QueryOptions }
  | { id: number; type: 'neighbors'; word: string; options: Omit<QueryOptions, 'method'> }
  | { id: number; type: 'latency'; runs: number; method: Method }
  /** Projects a set of words; a newer 'map' request cancels one still running. */
  | { id: number; type: 'map'; source: WordSource; params: MapParams }
  /** k-means clusters (in the original space) of the last map's words. */
  | { id: number; type: 'clusters'; k: number; seed: number }
  | { id: number; type: 'cancel'; target: number };

/** An error as it crosses the worker boundary (Error subclasses do not survive postMessage). */
export interface WireError {
  kind: 'expression' | 'unknown-word' | 'cancelled' | 'import' | 'other';
  /** In English: shown as the detail of an error without a code, and in logs. */
  message: string;
  /**
   * For errors a reader can make (a typo, an unknown word, a bad word list): what went wrong, as
   * the key of its message (vectors.errors.<code>), and the values that message names.
   */
  code?: string;
  params?: ErrorParams;
  /** Where in an imported file ("line 12", "byte offset 345"). */
  where?: string;
  column?: number;
  word?: string;
  suggestions?: string[];
}

export type WorkerResponse =
  | { id: number; type: 'opened'; info: SetInfo }
  | { id: number; type: 'result'; result: QueryResult }
  | { id: number; type: 'latency'; report: LatencyReport }
  | { id: number; type: 'map-progress'; progress: MapProgress }
  | { id: number; type: 'map'; map: MapResult }
  | { id: number; type: 'clusters'; assignment: Int32Array }
  | { id: number; type: 'error'; error: WireError }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'load-error'; error: WireError };

/** What the page asks of the import worker. */
export type ImportRequest =
  | {
      type: 'import';
      file: File;
      name: string;
      title: string;
      licence: string;
      format: 'auto' | VectorFormat;
      /** Replace a set of that name kept in this browser. */
      replace: boolean;
      /** The server's set names, which a kept set may not take. */
      serverNames: string[];
    }
  | { type: 'cancel' };

export type ImportResponse =
  /** `ms` since the import started. */
  | { type: 'progress'; progress: ImportProgress; ms: number }
  /** `bytes`: what the kept set's files take. */
  | { type: 'done'; manifest: Manifest; skipped: SkippedRows; ms: number; bytes: number }
  | { type: 'error'; error: WireError };
