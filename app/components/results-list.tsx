'use client';
import { useTranslations } from 'next-intl';
import type { QueryResult } from '@/lib/vectors/analogy';

interface Props {
  result: QueryResult;
  /** The expected answer to highlight, if any. */
  expect?: string;
  onPick: (word: string) => void;
  testId: string;
}

/** Ranked words with score bars; each word is a button that opens its neighbours. */
export function ResultsList({ result, expect, onPick, testId }: Props) {
  const t = useTranslations('analogy.results');
  const max = Math.max(...result.results.map((h) => Math.abs(h.score)), 1e-9);
  return (
    <ol data-testid={testId} className="space-y-1">
      {result.results.map((h) => {
        const isExpected = expect !== undefined && h.word === expect;
        return (
          <li key={h.word} data-testid="result-item" data-word={h.word} className="flex items-center gap-2 text-sm">
            <span className="w-6 text-right tabular-nums text-zinc-500">{h.rank}</span>
            <button
              type="button"
              onClick={() => onPick(h.word)}
              title={t('show', { word: h.word })}
              className={`w-36 truncate rounded px-1 text-left font-medium hover:bg-sky-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:hover:bg-sky-900 ${
                isExpected ? 'text-emerald-700 dark:text-emerald-400' : ''
              }`}
            >
              {h.word}
              {h.input && <span className="ml-1 text-xs font-normal text-amber-600 dark:text-amber-400">{t('input')}</span>}
            </button>
            <span className="relative h-3 flex-1 rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden>
              <span
                className={`absolute inset-y-0 left-0 rounded ${h.input ? 'bg-amber-400' : isExpected ? 'bg-emerald-500' : 'bg-sky-500'}`}
                style={{ width: `${Math.max(0, (h.score / max) * 100).toFixed(1)}%` }}
              />
            </span>
            <span className="w-14 text-right tabular-nums" data-testid="result-score">{h.score.toFixed(3)}</span>
          </li>
        );
      })}
    </ol>
  );
}
