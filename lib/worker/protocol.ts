/** Messages between the UI and the vectors worker (lib/worker/vectors.worker.ts). */
import type { MapParams, MapProgress, MapResult } from '../maps/compute-map';
import type { WordSource } from '../maps/word-source';
import type { QueryOptions, QueryResult } from '../vectors/analogy';
import type { LoadProgress } from '../vectors/fetch-set';
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
  kind: 'expression' | 'unknown-word' | 'cancelled' | 'other';
  message: string;
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
