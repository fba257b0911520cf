'use client';
/** Small pieces the training panels share: buttons, a progress bar, notes, an error line, number formats. */
import { useFormatter, useTranslations } from 'next-intl';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { TrainErrorCode } from '@/lib/worker/train-protocol';

export const field = 'rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900';

export function Button({ primary = false, className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { primary?: boolean }) {
  const look = primary
    ? 'bg-sky-700 text-white hover:bg-sky-800'
    : 'border border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800';
  return <button type="button" className={`rounded px-3 py-1.5 font-medium disabled:opacity-50 ${look} ${className}`} {...props} />;
}

export function ProgressBar({ value, label, testId }: { value: number; label: string; testId?: string }) {
  return (
    <div className="space-y-1" data-testid={testId}>
      <div className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)} aria-label={label}>
        <div className="h-full bg-sky-600" style={{ width: `${Math.min(100, value * 100)}%` }} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{label}</p>
    </div>
  );
}

export function Note({ children }: { children: ReactNode }) {
  return <p className="max-w-3xl text-xs text-zinc-600 dark:text-zinc-400">{children}</p>;
}

/** A job's failure as the worker reported it, in the reader's language. */
export interface TrainFailure {
  code: TrainErrorCode;
  params: Record<string, string | number>;
}

export function ErrorLine({ error }: { error?: TrainFailure }) {
  const t = useTranslations('train.errors');
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-300">
      {t(error.code, error.params)}
    </p>
  );
}

/** Number formats of the panels, following the locale: fixed digits and percentages. */
export function useNumbers() {
  const format = useFormatter();
  return {
    fixed: (x: number, digits: number) => format.number(x, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    percent: (x: number, digits = 1) => format.number(x, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }),
    integer: (x: number) => format.number(Math.round(x)),
  };
}
