/**
 * Errors a reader can cause in normal use — a sentence without the target word, a prompt longer
 * than the model reads, a checkpoint that is not GPT-2, a download cut short — carry a `code` and
 * `params`, so the page words them in the reader's language (messages/<locale>/gpt2.json,
 * `errors.<code>`). `message` stays the English sentence the command line and the tests read.
 * Any other error reaches the page as its English message only, shown inside a translated
 * sentence.
 */
import { IncompleteDownloadError } from '../hub/download';
import { HubHttpError, httpReason, NetworkError } from '../hub/http-errors';

/** The codes the pages translate (each is a key of `errors` in messages/<locale>/gpt2.json). */
export const GPT2_ERROR_CODES = [
  // the reader's input
  'emptyTarget',
  'tooFewSentences',
  'targetNotInSentence',
  'tooLong',
  'layersTooLong',
  'emptyPrompt',
  'emptyCandidate',
  'badTemperature',
  // the model
  'notGpt2',
  'wrongVocabulary',
  'notKept',
  'nanWeights',
  // the download
  'network',
  'http',
  'stalled',
  'cut',
  // the page's worker
  'workerFailed',
  'cancelled',
] as const;
export type Gpt2ErrorCode = (typeof GPT2_ERROR_CODES)[number];

/** Values for the message's {arguments}: text and numbers only (they cross postMessage). */
export type ErrorParams = Record<string, string | number>;

/** An error with a code the pages translate; `message` is its English wording. */
export class Gpt2Error extends Error {
  constructor(
    readonly code: Gpt2ErrorCode,
    readonly params: ErrorParams,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The page's own errors about its worker: it did not start (with the browser's words), or a request was cancelled (another model was loaded, the page closed). */
export function workerError(code: 'workerFailed' | 'cancelled', detail = ''): Gpt2Error {
  return code === 'workerFailed'
    ? new Gpt2Error(code, { detail: detail || 'no detail' }, `the GPT-2 worker failed${detail ? `: ${detail}` : ''}`)
    : new Gpt2Error(code, {}, 'cancelled: another model was loaded, or the page closed');
}

/** What the worker posts and the page shows for an error: the English message, and a code when the page can word it. */
export interface ErrorReport {
  message: string;
  code?: Gpt2ErrorCode;
  params?: ErrorParams;
}

/** Megabytes with one decimal, as the loader shows sizes ("?" when unknown). */
const mb = (bytes: number | null) => (bytes === null ? '?' : (bytes / 1e6).toFixed(1));

/** The code of one error (not of its causes), or null. */
function codeOf(e: unknown): Pick<ErrorReport, 'code' | 'params'> | null {
  if (e instanceof Gpt2Error) return { code: e.code, params: e.params };
  if (e instanceof NetworkError) return { code: 'network', params: { host: e.host } };
  if (e instanceof HubHttpError) return { code: 'http', params: { url: e.url, status: e.status, reason: httpReason(e.status, e.code) } };
  if (e instanceof IncompleteDownloadError) {
    return e.stalledFor !== null
      ? { code: 'stalled', params: { host: e.host, seconds: e.stalledFor / 1000, loaded: mb(e.loaded), total: mb(e.total) } }
      : { code: 'cut', params: { loaded: mb(e.loaded), total: mb(e.total) } };
  }
  return null;
}

/**
 * The report of any thrown value: its message, and the code of the first coded error in it or its
 * causes (a download whose check failed wraps the check's error, e.g. "not a GPT-2 checkpoint").
 */
export function errorReport(e: unknown): ErrorReport {
  const message = e instanceof Error ? e.message : String(e);
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) {
    const coded = codeOf(x);
    if (coded) return { message, ...coded };
  }
  return { message };
}
