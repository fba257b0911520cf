'use client';
import type { LoadState } from '../hooks/use-vectors';

const MB = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Download progress of the vector set, in bytes of the total, and rows searchable so far. */
export function LoadProgress({ state, onRetry }: { state: LoadState; onRetry?: () => void }) {
  if (state.status === 'error') {
    return (
      <div role="alert" data-testid="load-error" className="space-y-2 rounded border border-red-400 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        <p>
          Could not load the vectors: {state.error}. If the set is missing on a server you run, run <code>npm run prepare:glove</code> (or re-import it) and reload.
        </p>
        {onRetry && (
          <button type="button" data-testid="load-retry" onClick={onRetry} className="rounded border border-red-400 px-3 py-1 hover:bg-red-100 dark:hover:bg-red-900">
            Try again
          </button>
        )}
      </div>
    );
  }
  const frac = state.total ? state.loaded / state.total : 0;
  if (state.status === 'ready') {
    return (
      <p data-testid="load-ready" className="text-xs text-zinc-500 dark:text-zinc-400">
        {state.rows.toLocaleString('en')} words loaded in {((state.ms ?? 0) / 1000).toFixed(1)} s ({MB(state.total)} MB)
      </p>
    );
  }
  return (
    <div data-testid="load-progress" className="space-y-1">
      <div
        role="progressbar"
        aria-label="Loading word vectors"
        aria-valuemin={0}
        aria-valuemax={state.total || 1}
        aria-valuenow={state.loaded}
        className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(frac * 100).toFixed(1)}%` }} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Loading vectors: {MB(state.loaded)} of {state.total ? MB(state.total) : '…'} MB
        {state.rows > 0 && ` · the ${state.rows.toLocaleString('en')} most frequent words are searchable already`}
      </p>
    </div>
  );
}
