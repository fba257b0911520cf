'use client';
/** A short ranked list of words with their cosine scores; the words a claim names are marked. */
import type { Hit } from '@/lib/vectors/analogy';

export function WordList({ hits, marked = [], testId }: { hits: Hit[]; marked?: readonly string[]; testId: string }) {
  return (
    <ol data-testid={testId} className="grid grid-cols-1 gap-x-6 gap-y-0.5 sm:grid-cols-2">
      {hits.map((h) => {
        const named = marked.includes(h.word);
        return (
          <li key={h.word} data-testid="walk-word" data-word={h.word} className="flex items-baseline gap-2">
            <span className="w-5 text-right text-xs tabular-nums text-zinc-500">{h.rank}</span>
            <span className={`flex-1 truncate ${named ? 'font-semibold text-emerald-700 dark:text-emerald-400' : ''}`}>{h.word}</span>
            <span className="text-xs tabular-nums text-zinc-500">{h.score.toFixed(3)}</span>
          </li>
        );
      })}
    </ol>
  );
}
