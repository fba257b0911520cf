'use client';
/** A short ranked list of words with their cosine scores; the words a claim names are marked. */
import type { Hit } from '@/lib/vectors/analogy';
import { useWalkNumbers } from './use-walk-numbers';

export function WordList({ hits, marked = [], testId }: { hits: Hit[]; marked?: readonly string[]; testId: string }) {
  const n = useWalkNumbers();
  return (
    <ol data-testid={testId} className="grid grid-cols-1 gap-x-6 gap-y-0.5 sm:grid-cols-2">
      {hits.map((h) => {
        const named = marked.includes(h.word);
        return (
          <li key={h.word} data-testid="walk-word" data-word={h.word} className="flex items-baseline gap-2">
            <span className="w-5 text-right text-xs tabular-nums text-zinc-500">{n.int(h.rank)}</span>
            <span className={`flex-1 truncate ${named ? 'font-semibold text-emerald-700 dark:text-emerald-400' : ''}`}>{h.word}</span>
            <span className="text-xs tabular-nums text-zinc-500">{n.fixed(h.score, 3)}</span>
          </li>
        );
      })}
    </ol>
  );
}
