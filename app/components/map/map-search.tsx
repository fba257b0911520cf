'use client';
/**
 * The search box: highlight the words that start with some letters, or that match a regular
 * expression written between slashes; then isolate the matches as a map of their own.
 */
import { useTranslations } from 'next-intl';
import type { Ref } from 'react';
import type { WordSearch } from '@/lib/maps/word-search';

interface Props {
  ref?: Ref<HTMLInputElement>;
  text: string;
  search: WordSearch;
  /** Matches on the current map, or null without a (valid) search. */
  matchCount: number | null;
  onChange: (text: string) => void;
  onIsolate: () => void;
}

export function MapSearch({ ref, text, search, matchCount, onChange, onIsolate }: Props) {
  const t = useTranslations('map.search');
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <label className="flex min-w-0 flex-wrap items-center gap-2">
        {t('label')}
        <input
          ref={ref}
          data-testid="map-search"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          placeholder={t('placeholder')}
          aria-describedby="map-search-help"
          aria-invalid={search.kind === 'invalid'}
          spellCheck={false}
          className="w-64 max-w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <span id="map-search-help" className="text-xs text-zinc-500">
        {t('help')}
      </span>
      {search.kind === 'invalid' && (
        <span role="alert" data-testid="search-error" className="basis-full text-red-700 dark:text-red-300">
          {t(`problems.${search.code}`, search.params)}
        </span>
      )}
      {matchCount !== null && (
        <span role="status" className="flex items-center gap-2">
          <span data-testid="match-count">{t('matches', { count: matchCount })}</span>
          {matchCount > 0 && (
            <button type="button" data-testid="isolate-matches" onClick={onIsolate} className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:hover:bg-zinc-800">
              {t('isolate', { count: matchCount })}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
