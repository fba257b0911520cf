/**
 * The context page's computation, independent of the worker: tokenise every sentence, refuse
 * what the model cannot read, run each sentence once for its residual stream, pick the target's
 * vector per layer and the context tokens for the baseline, and compute the layer similarities.
 */
import { layerSimilarity, type SimilarityReport } from './layer-similarity';
import { Gpt2Error } from './errors';
import { checkContextLength } from './runtime';
import { poolSpan, tokenizeSentence, type Pooling, type TokenizedSentence } from './tokenizer';
import type { Gpt2Config } from './weights';

export interface ContextVectors {
  sentences: TokenizedSentence[];
  layers: number;
  dims: number;
  /** [layers, sentences, dims] */
  targets: Float32Array;
  report: SimilarityReport;
  runMs: number;
  mathMs: number;
}

/** Runs one token sequence and returns its residual stream `resid` [L+1, T, D]. */
export type ResidRunner = (ids: number[]) => Promise<Float32Array>;

/** Tokenises and checks every sentence before any model work; throws a message naming the sentence. */
export function prepareSentences(target: string, sentences: readonly string[], config: Gpt2Config): TokenizedSentence[] {
  if (!target.trim()) throw new Gpt2Error('emptyTarget', {}, 'Enter a target word.');
  if (sentences.length < 2) throw new Gpt2Error('tooFewSentences', {}, 'Enter at least two sentences to compare.');
  return sentences.map((text, i) => {
    const s = tokenizeSentence(text, target);
    checkContextLength(s.ids.length, config.nPositions, { sentence: i + 1 });
    if (s.spans.length === 0) {
      throw new Gpt2Error('targetNotInSentence', { sentence: i + 1, target: target.trim() }, `Sentence ${i + 1} does not contain "${target.trim()}" as a whole word.`);
    }
    return s;
  });
}

export async function contextVectors(
  run: ResidRunner,
  config: Gpt2Config,
  request: { target: string; sentences: readonly string[]; senses: (string | null)[]; pooling: Pooling },
): Promise<ContextVectors> {
  const sentences = prepareSentences(request.target, request.sentences, config);
  const layers = config.nLayer + 1;
  const D = config.nEmbd;
  const S = sentences.length;
  const targets = new Float32Array(layers * S * D);
  const contextRows: Float32Array[] = []; // per context token: [layers, D]
  const contextSentence: number[] = [];

  const t0 = performance.now();
  const resids: Float32Array[] = [];
  for (const s of sentences) resids.push(await run(s.ids));
  const runMs = performance.now() - t0;

  const t1 = performance.now();
  sentences.forEach((s, i) => {
    const T = s.ids.length;
    const resid = resids[i];
    if (resid.length !== layers * T * D) throw new Error(`resid for sentence ${i + 1} has ${resid.length} values, expected ${layers} × ${T} × ${D}`);
    const span = s.spans[0];
    for (let l = 0; l < layers; l++) targets.set(poolSpan(resid.subarray(l * T * D, (l + 1) * T * D), D, span, request.pooling), (l * S + i) * D);
    // Context tokens: all but <|endoftext|> (position 0) and the tokens of any occurrence of the target.
    const isTarget = (t: number) => s.spans.some((sp) => t >= sp.tokenStart && t < sp.tokenEnd);
    for (let t = 1; t < T; t++) {
      if (isTarget(t)) continue;
      const row = new Float32Array(layers * D);
      for (let l = 0; l < layers; l++) row.set(resid.subarray((l * T + t) * D, (l * T + t + 1) * D), l * D);
      contextRows.push(row);
      contextSentence.push(i);
    }
  });
  // context: [layers, N, D]
  const N = contextRows.length;
  const context = new Float32Array(layers * N * D);
  contextRows.forEach((row, n) => {
    for (let l = 0; l < layers; l++) context.set(row.subarray(l * D, (l + 1) * D), (l * N + n) * D);
  });
  const report = layerSimilarity({ layers, sentences: S, dims: D, targets, senses: request.senses, context, contextSentence: Int32Array.from(contextSentence) });
  return { sentences, layers, dims: D, targets, report, runMs, mathMs: performance.now() - t1 };
}
