'use client';
/** How an import in the browser is going: bytes of the file read, rows so far and time; then its error or its result. */
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { ImportProgress, SkippedRows } from '@/lib/import/import-rows';
import type { Manifest } from '@/lib/vectors/format';
import type { WireError } from '@/lib/worker/protocol';

/** Sizes, durations and positions in the reader's language. */
function useImportText() {
  const t = useTranslations('vectors.import');
  const format = useFormatter();
  const oneDecimal = (n: number) => format.number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return {
    t,
    MB: (bytes: number) => oneDecimal(bytes / 1e6),
    seconds: (ms: number) => t('seconds', { seconds: oneDecimal(ms / 1000) }),
    /** A position the readers name in English ("line 12", "byte offset 345"), in the reader's words. */
    where: (where: string) => {
      const line = /^line (\d+)$/.exec(where);
      if (line) return t('where.line', { line: Number(line[1]) });
      const offset = /^byte offset (\d+)$/.exec(where);
      return offset ? t('where.byte', { offset: Number(offset[1]) }) : where;
    },
  };
}

/** The progress bar and its figures; `ms` is the time since the import started. */
export function ImportProgressView({ fileName, totalBytes, progress, ms }: { fileName: string; totalBytes: number; progress?: ImportProgress; ms: number }) {
  const { t, MB, seconds } = useImportText();
  const read = progress?.bytesRead ?? 0;
  const frac = totalBytes ? read / totalBytes : 0;
  const rows = progress?.rows ?? 0;
  const parts = [
    t('progress.read', { read: MB(read), total: MB(totalBytes), percent: frac }),
    rows > 0 && ms > 0 ? t('progress.rowsRate', { rows, rate: Math.round((rows / ms) * 1000) }) : t('progress.rows', { rows }),
    seconds(ms),
    ...(progress ? [progress.format] : []),
  ];
  return (
    <div data-testid="import-progress" data-bytes={read} data-rows={rows} className="space-y-1">
      <div role="progressbar" aria-label={t('progress.label', { file: fileName })} aria-valuemin={0} aria-valuemax={totalBytes || 1} aria-valuenow={read} className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(frac * 100).toFixed(1)}%` }} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{parts.join(' · ')}</p>
    </div>
  );
}

/**
 * Why the import stopped. Messages from the readers (in English) start with the position
 * ("line 12: …") and may suggest a command-line option: here that is the Format choice.
 */
export function ImportErrorView({ fileName, error }: { fileName: string; error: WireError }) {
  const { t, where } = useImportText();
  const errors = useTranslations('vectors.errors');
  if (error.kind === 'cancelled') {
    return (
      <p role="status" data-testid="import-error" data-kind="cancelled" className="text-sm">
        {t('cancelled')}
      </p>
    );
  }
  const message = error.message.replace(/--format ([a-z0-9-]+)/g, (_, format: string) => t('formatChoice', { format }));
  const at = error.where && message.startsWith(`${error.where}: `) ? error.where : null;
  const detail = error.code && errors.has(error.code) ? errors(error.code, error.params) : at ? message.slice(at.length + 2) : message;
  return (
    <p role="alert" data-testid="import-error" data-where={error.where ?? ''} className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {at
        ? t.rich('failedAt', { file: fileName, where: where(at), detail, at: (c: ReactNode) => <strong data-testid="import-error-where">{c}</strong> })
        : t('failed', { file: fileName, detail })}
    </p>
  );
}

/** What was kept, and which rows were left out. */
export function ImportDoneView({ manifest, skipped, ms, bytes }: { manifest: Manifest; skipped: SkippedRows; ms: number; bytes: number }) {
  const { t, MB, seconds, where } = useImportText();
  const common = useTranslations('common');
  const more = skipped.zero > skipped.first.length;
  const rows = skipped.first.map(where).join(common('separator')) + (more ? common('separator') + '…' : '');
  return (
    <p role="status" data-testid="import-done" data-ms={Math.round(ms)} data-rows={manifest.count} data-bytes={bytes} className="text-xs text-zinc-600 dark:text-zinc-400">
      {t.rich('done', { title: manifest.title, name: manifest.name, count: manifest.count, dims: manifest.dims, size: MB(bytes), time: seconds(ms), zero: skipped.zero, rows, code: (c: ReactNode) => <code>{c}</code> })}
    </p>
  );
}
