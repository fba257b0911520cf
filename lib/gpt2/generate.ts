/**
 * Text that continues: append the chosen next token to the prompt and run again, token by token.
 * No key/value cache: each step reruns the whole sequence, fetches only `next_logits` (the last
 * position's unembedding) and asks for no logit-lens position (NO_LENS), so a step costs one
 * forward pass of the current length plus one row of the unembedding.
 */
import { NO_LENS } from './graph-contract';
import { tokenizePrompt } from './layers-run';
import { checkContextLength, type Gpt2Session } from './runtime';
import { checkSampling, sampleToken, type SamplingOptions } from './sampling';
import { tokenProbability } from './next-token';
import { seededRandom } from '../random';
import { EOS_TOKEN_ID, tokenText } from './tokenizer';

/** Longest continuation one request may ask for. */
export const MAX_NEW_TOKENS = 200;

export interface GenerateRequest {
  prompt: string;
  /** New tokens to add, 1..MAX_NEW_TOKENS. */
  maxTokens: number;
  sampling: SamplingOptions;
  /** Seeds the draws: the same prompt, options and seed give the same text. */
  seed: number;
}

export interface GeneratedToken {
  id: number;
  text: string;
  /** Its probability at the step's temperature, before top-k/top-p. */
  prob: number;
  /** Time of this step's forward pass, ms. */
  ms: number;
}

export interface GenerateResult {
  /** The prompt's ids as the model read them (`<|endoftext|>` first). */
  promptIds: number[];
  tokens: GeneratedToken[];
  /** Why it stopped: the count was reached, the caller stopped it, the model ended the text, or the context is full. */
  stop: 'length' | 'stopped' | 'eos' | 'context';
  totalMs: number;
}

type Session = Pick<Gpt2Session, 'run' | 'config'>;

/**
 * Generates up to `maxTokens` tokens. `onToken` sees each one as it comes; `stopped()` is asked
 * before every step (the worker answers after letting a pending "stop" message in).
 */
export async function generate(
  session: Session,
  request: GenerateRequest,
  onToken: (token: GeneratedToken, index: number) => void = () => undefined,
  stopped: () => boolean | Promise<boolean> = () => false,
): Promise<GenerateResult> {
  checkSampling(request.sampling);
  if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1 || request.maxTokens > MAX_NEW_TOKENS) {
    throw new Error(`the number of tokens to add must be a whole number from 1 to ${MAX_NEW_TOKENS} (got ${request.maxTokens})`);
  }
  const { nPositions } = session.config;
  const { ids: promptIds } = tokenizePrompt(request.prompt, nPositions);
  const ids = [...promptIds];
  const random = seededRandom(request.seed);
  const tokens: GeneratedToken[] = [];
  const t0 = performance.now();
  let stop: GenerateResult['stop'] = 'length';
  while (tokens.length < request.maxTokens) {
    if (await stopped()) {
      stop = 'stopped';
      break;
    }
    if (ids.length >= nPositions) {
      stop = 'context';
      break;
    }
    checkContextLength(ids.length, nPositions, 'text');
    const t1 = performance.now();
    const logits = (await session.run(ids, ['next_logits'], { lens_position: NO_LENS })).next_logits.data;
    const id = sampleToken(logits, request.sampling, random);
    const token = { id, text: tokenText(id), prob: tokenProbability(logits, id, request.sampling.temperature), ms: performance.now() - t1 };
    tokens.push(token);
    ids.push(id);
    onToken(token, tokens.length - 1);
    if (id === EOS_TOKEN_ID) {
      stop = 'eos';
      break;
    }
  }
  return { promptIds, tokens, stop, totalMs: performance.now() - t0 };
}
