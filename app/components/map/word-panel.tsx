'use client';
/** The clicked word: its nearest neighbours in the original space (not on the map), and actions. */
import { withBase } from '@/app/base-path';
import type { QueryResult } from '@/lib/vectors/analogy';

interface Props {
  word: string;
  onMap: boolean;
  neighbours: QueryResult | null;
  onSelect: (word: string) => void;
  onRecentre: (word: string) => void;
}

export function WordPanel({ word, onMap, neighbours, onSelect, onRecentre }: Props) {
  if (!word) return <p className="text-sm text-zinc-500">Click a point to see its nearest neighbours in all 100 dimensions.</p>;
  return (
    <section data-testid="word-panel" aria-label={`Neighbours of ${word}`} className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h2 className="text-base font-semibold">{word}</h2>
      {!onMap && <p className="text-xs text-amber-700 dark:text-amber-400">Not on this map.</p>}
      <p className="text-xs text-zinc-500">Nearest in 100-d (cosine):</p>
      <ol data-testid="word-neighbours" className="space-y-0.5">
        {neighbours?.results.map((h) => (
          <li key={h.word} className="flex justify-between gap-2">
            <button type="button" className="text-left text-sky-700 hover:underline dark:text-sky-400" onClick={() => onSelect(h.word)}>
              {h.word}
            </button>
            <span className="font-mono text-xs text-zinc-500">{h.score.toFixed(3)}</span>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2 pt-1">
        <button type="button" data-testid="recentre" onClick={() => onRecentre(word)} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Re-centre the map on {word}
        </button>
        <a href={withBase(`/?q=${encodeURIComponent(word)}`)} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Open in analogies
        </a>
      </div>
    </section>
  );
}
