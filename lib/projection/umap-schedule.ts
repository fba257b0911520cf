/**
 * Cooperative scheduling for long projections in a Web Worker (or Node): work in slices of a few
 * tens of milliseconds, then give the event loop a turn so a cancel message can arrive.
 */

/** The error a cancelled projection rejects with (name 'AbortError', like fetch's). */
export function abortError(): Error {
  const e = new Error('projection cancelled');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** One event-loop turn (a macrotask, so queued messages and abort events run first). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Milliseconds of work between two yields: short enough for a prompt cancel, long enough that the ~1–4 ms a setTimeout(0) costs stays small. */
export const SLICE_MS = 50;
