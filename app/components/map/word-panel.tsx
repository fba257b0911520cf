'use client';
/**
 * The selected word: its k nearest neighbours among the map's words (cosine in the original
 * space — the ones ringed on the map), a slider for k, and what to do next: isolate them as a
 * map of their own, re-centre the map on the word, or look it up among all the words.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';
import { withBase } from '@/app/base-path';
import { MAX_MAP_NEIGHBOURS, type MapNeighbours } from '@/lib/maps/map-neighbours';
import type { QueryResult } from '@/lib/vectors/analogy';

interface Props {
  word: string;
  words: readonly string[];
  /** The neighbours on the map, or null when the word is not on it. */
  onMap: MapNeighbours | null;
  k: number;
  onK: (k: number) => void;
  /** Its nearest among all the set's words. */
  overall: QueryResult | null;
  onSelect: (word: string) => void;
  onIsolate: () => void;
  onRecentre: (word: string) => void;
}

/** Slider moves closer together than this make one change (each change redraws the map). */
const SLIDER_SETTLE_MS = 120;

const button = 'rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-zinc-700 dark:hover:bg-zinc-800';
const link = 'text-left text-sky-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-400';

export function WordPanel({ word, words, onMap, k, onK, overall, onSelect, onIsolate, onRecentre }: Props) {
  const t = useTranslations('map.word');
  const [draft, setDraft] = useState(k);
  useEffect(() => setDraft(k), [k]);
  useEffect(() => {
    if (draft === k) return;
    const timer = setTimeout(() => onK(draft), SLIDER_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, k, onK]);

  if (!word) return <p className="text-sm text-zinc-500">{t('hint')}</p>;
  return (
    <section data-testid="word-panel" aria-label={t('label', { word })} className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h2 className="text-base font-semibold">{word}</h2>
      {onMap ? (
        <>
          <label className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            {t.rich('highlight', {
              slider: () => (
                <input type="range" data-testid="neighbours-k" min={1} max={MAX_MAP_NEIGHBOURS} value={draft} onChange={(e) => setDraft(Number(e.target.value))} className="w-28 accent-amber-500" aria-valuetext={t('nearest', { k: draft })} />
              ),
              k: draft,
              n: (c: ReactNode) => <output className="font-mono text-zinc-900 dark:text-zinc-100">{c}</output>,
            })}
          </label>
          <p className="text-xs text-zinc-500">{t('cosine')}</p>
          <ol data-testid="map-neighbours" className="max-h-64 space-y-0.5 overflow-y-auto">
            {onMap.indices.map((i, r) => (
              <li key={i} className="flex justify-between gap-2">
                <button type="button" className={link} onClick={() => onSelect(words[i])}>
                  {words[i]}
                </button>
                <span className="font-mono text-xs text-zinc-500">{onMap.scores[r].toFixed(3)}</span>
              </li>
            ))}
          </ol>
          <button type="button" data-testid="isolate-selection" onClick={onIsolate} className={button}>
            {t('isolate', { word, count: onMap.indices.length })}
          </button>
        </>
      ) : (
        <p className="text-xs text-amber-700 dark:text-amber-400">{t('notOnMap')}</p>
      )}
      <details className="text-xs" open={!onMap}>
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{t('overall')}</summary>
        <ol data-testid="word-neighbours" className="mt-1 space-y-0.5 text-sm">
          {overall?.results.map((h) => (
            <li key={h.word} className="flex justify-between gap-2">
              <button type="button" className={link} onClick={() => onSelect(h.word)}>
                {h.word}
              </button>
              <span className="font-mono text-xs text-zinc-500">{h.score.toFixed(3)}</span>
            </li>
          ))}
        </ol>
      </details>
      <div className="flex flex-wrap gap-2 pt-1">
        <button type="button" data-testid="recentre" onClick={() => onRecentre(word)} className={button}>
          {t('recentre', { word })}
        </button>
        <a href={withBase(`/analogies?q=${encodeURIComponent(word)}`)} className={button}>
          {t('analogies')}
        </a>
      </div>
    </section>
  );
}
