'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { LoadState } from '../hooks/use-vectors';

/** Download progress of the vector set, in bytes of the total, and rows searchable so far. */
export function LoadProgress({ state, onRetry }: { state: LoadState; onRetry?: () => void }) {
  const t = useTranslations('vectors.load');
  const errors = useTranslations('vectors.errors');
  const format = useFormatter();
  const MB = (bytes: number) => format.number(bytes / 1e6, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const code = (chunks: ReactNode) => <code>{chunks}</code>;
  if (state.status === 'error') {
    const coded = state.errorCode && errors.has(state.errorCode);
    return (
      <div role="alert" data-testid="load-error" className="space-y-2 rounded border border-red-400 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        <p>{coded ? t.rich('failed', { reason: errors(state.errorCode!), code }) : t.rich('failedDetail', { detail: state.error ?? '', code })}</p>
        {onRetry && (
          <button type="button" data-testid="load-retry" onClick={onRetry} className="rounded border border-red-400 px-3 py-1 hover:bg-red-100 dark:hover:bg-red-900">
            {t('retry')}
          </button>
        )}
      </div>
    );
  }
  const frac = state.total ? state.loaded / state.total : 0;
  if (state.status === 'ready') {
    return (
      <p data-testid="load-ready" className="text-xs text-zinc-500 dark:text-zinc-400">
        {t('ready', { rows: state.rows, seconds: format.number((state.ms ?? 0) / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), size: MB(state.total) })}
      </p>
    );
  }
  const progress = { loaded: MB(state.loaded), total: state.total ? MB(state.total) : '…', rows: state.rows };
  return (
    <div data-testid="load-progress" className="space-y-1">
      <div
        role="progressbar"
        aria-label={t('label')}
        aria-valuemin={0}
        aria-valuemax={state.total || 1}
        aria-valuenow={state.loaded}
        className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(frac * 100).toFixed(1)}%` }} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{state.rows > 0 ? t('progressRows', progress) : t('progress', progress)}</p>
    </div>
  );
}
