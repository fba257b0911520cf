'use client';
/**
 * Why the requested map could not be made. An unknown word is named once, with its close
 * spellings as buttons that put the spelling into the query and draw the map again.
 */
import type { WireError } from '@/lib/worker/protocol';

interface Props {
  error: WireError;
  /** The suggestion chosen for the unknown word at error.column. */
  onSuggestion: (column: number, word: string) => void;
}

export function MapError({ error, onSuggestion }: Props) {
  const unknown = error.kind === 'unknown-word' && error.word !== undefined;
  const suggestions = unknown ? (error.suggestions ?? []) : [];
  return (
    <div role="alert" data-testid="map-error" className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p>
        {unknown ? (
          <>
            No map: <strong className="font-mono">{error.word}</strong> is not in the vocabulary of these vectors.
            {suggestions.length === 0 && ' Check the spelling, or try another word.'}
          </>
        ) : (
          <>No map: {error.message}</>
        )}
      </p>
      {suggestions.length > 0 && (
        <p className="flex flex-wrap items-center gap-2">
          Did you mean
          {suggestions.map((s) => (
            <button
              key={s}
              type="button"
              data-testid="map-suggestion"
              onClick={() => onSuggestion(error.column ?? 1, s)}
              className="rounded border border-red-300 px-2 font-mono hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 dark:border-red-700 dark:hover:bg-red-900"
            >
              {s}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
