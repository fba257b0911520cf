'use client';
/**
 * Why the requested map could not be made. An unknown word is named once, with its close
 * spellings as buttons that put the spelling into the query and draw the map again.
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { WireError } from '@/lib/worker/protocol';
import { useErrorText } from '../error-message';

interface Props {
  error: WireError;
  /** The suggestion chosen for the unknown word at error.column. */
  onSuggestion: (column: number, word: string) => void;
}

export function MapError({ error, onSuggestion }: Props) {
  const t = useTranslations('map.error');
  const common = useTranslations('common');
  const errorText = useErrorText();
  const unknown = error.kind === 'unknown-word' && error.word !== undefined;
  const suggestions = unknown ? (error.suggestions ?? []) : [];
  return (
    <div role="alert" data-testid="map-error" className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p>
        {unknown
          ? t.rich(suggestions.length === 0 ? 'unknownNoSuggestions' : 'unknown', { word: error.word!, w: (c: ReactNode) => <strong className="font-mono">{c}</strong> })
          : t('other', { reason: errorText(error) })}
      </p>
      {suggestions.length > 0 && (
        <p className="flex flex-wrap items-center gap-2">
          {common('didYouMean')}
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
