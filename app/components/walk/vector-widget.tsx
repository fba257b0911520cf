'use client';
/**
 * The frame of the word-vector steps' widgets: they answer as soon as the most frequent words are
 * in (the vectors stream in, most frequent first), say so while the rest loads, and answer again
 * over all words once the download is complete.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';
import type { QueryResult } from '@/lib/vectors/analogy';
import type { WireError } from '@/lib/worker/protocol';
import { useErrorText } from '../error-message';
import { useWalkNumbers } from './use-walk-numbers';
import { useWalkVectors, type WalkVectors } from './walk-vectors';

export type Ask = (vectors: WalkVectors) => Promise<QueryResult[]>;

/**
 * Runs `ask` once the first words are searchable and again when all are in; `name` marks the
 * first result for benchmarks (performance.mark(`walk:${name}`)).
 */
function useVectorAnswers(name: string, ask: Ask): { results: QueryResult[] | null; error: WireError | null; vectors: WalkVectors | null } {
  const { vectors, markAnswered } = useWalkVectors();
  const [results, setResults] = useState<QueryResult[] | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const searchable = vectors !== null && vectors.state.info !== undefined && vectors.state.rows > 0;
  const ready = vectors?.state.status === 'ready';
  useEffect(() => {
    if (!vectors || !searchable) return;
    let live = true;
    ask(vectors).then(
      (r) => {
        if (!live) return;
        if (performance.getEntriesByName(`walk:${name}`).length === 0) performance.mark(`walk:${name}`, { detail: { searched: r[0]?.searched, total: r[0]?.total } });
        setResults(r);
        setError(null);
        markAnswered();
      },
      (e: WireError) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // Reruns when the first words arrive and when all are in, not on every progress update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchable, ready, vectors?.query]);
  return { results, error, vectors };
}

interface Props {
  step: string;
  ask: Ask;
  children: (results: QueryResult[]) => ReactNode;
}

export function VectorWidget({ step, ask, children }: Props) {
  const t = useTranslations('walk.vectors');
  const errorText = useErrorText();
  const n = useWalkNumbers();
  const { results, error, vectors } = useVectorAnswers(step, ask);
  const partial = results?.[0] && results[0].searched < results[0].total ? results[0] : null;
  // The download's own error is shown by the status line above the steps; here only that the step cannot answer.
  const loadFailed = vectors?.state.status === 'error';
  return (
    <div data-testid="walk-vector-widget" data-step={step} data-status={results ? (partial ? 'partial' : 'done') : error ? 'error' : 'loading'} aria-live="polite" className="space-y-2 text-sm">
      {!results && !error && <p className="text-zinc-500">{loadFailed ? t('failed', { error: errorText({ message: vectors.state.error ?? '', code: vectors.state.errorCode }) }) : t('waiting')}</p>}
      {error && (
        <p role="alert" className="rounded border border-red-400 bg-red-50 p-2 text-red-900 dark:bg-red-950 dark:text-red-100">
          {t('failed', { error: errorText(error) })}
        </p>
      )}
      {results && children(results)}
      {partial && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('partial', { searched: n.int(partial.searched), total: n.int(partial.total) })}</p>}
    </div>
  );
}
