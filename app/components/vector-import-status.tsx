'use client';
/** How an import in the browser is going: bytes of the file read, rows so far and time; then its error or its result. */
import type { ImportProgress, SkippedRows } from '@/lib/import/import-rows';
import type { Manifest } from '@/lib/vectors/format';
import type { WireError } from '@/lib/worker/protocol';

const MB = (bytes: number) => (bytes / 1e6).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The progress bar and its figures; `ms` is the time since the import started. */
export function ImportProgressView({ fileName, totalBytes, progress, ms }: { fileName: string; totalBytes: number; progress?: ImportProgress; ms: number }) {
  const read = progress?.bytesRead ?? 0;
  const frac = totalBytes ? read / totalBytes : 0;
  const rows = progress?.rows ?? 0;
  return (
    <div data-testid="import-progress" data-bytes={read} data-rows={rows} className="space-y-1">
      <div role="progressbar" aria-label={`Importing ${fileName}`} aria-valuemin={0} aria-valuemax={totalBytes || 1} aria-valuenow={read} className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(frac * 100).toFixed(1)}%` }} />
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {MB(read)} of {MB(totalBytes)} MB read ({(frac * 100).toFixed(0)} %) · {rows.toLocaleString('en')} rows
        {rows > 0 && ms > 0 && ` (${Math.round((rows / ms) * 1000).toLocaleString('en')} rows/s)`} · {seconds(ms)}
        {progress && ` · ${progress.format}`}
      </p>
    </div>
  );
}

/**
 * Why the import stopped. Messages from the readers start with the position ("line 12: …") and
 * may suggest a command-line option: here that is the Format choice.
 */
export function ImportErrorView({ fileName, error }: { fileName: string; error: WireError }) {
  if (error.kind === 'cancelled') {
    return (
      <p role="status" data-testid="import-error" data-kind="cancelled" className="text-sm">
        Cancelled: nothing was kept.
      </p>
    );
  }
  const message = error.message.replace(/--format ([a-z0-9-]+)/g, 'Format “$1”');
  const at = error.where && message.startsWith(`${error.where}: `) ? error.where : null;
  return (
    <p role="alert" data-testid="import-error" data-where={error.where ?? ''} className="rounded border border-red-400 bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      Could not import {fileName}
      {at ? (
        <>
          {' '}
          at <strong data-testid="import-error-where">{at}</strong>: {message.slice(at.length + 2)}
        </>
      ) : (
        <>: {message}</>
      )}
      . Nothing was kept; fix the file (or the choices above) and import it again.
    </p>
  );
}

/** What was kept, and which rows were left out. */
export function ImportDoneView({ manifest, skipped, ms, bytes }: { manifest: Manifest; skipped: SkippedRows; ms: number; bytes: number }) {
  const more = skipped.zero > skipped.first.length ? ', …' : '';
  return (
    <p role="status" data-testid="import-done" data-ms={Math.round(ms)} data-rows={manifest.count} data-bytes={bytes} className="text-xs text-zinc-600 dark:text-zinc-400">
      Kept “{manifest.title}” in this browser as <code>{manifest.name}</code>: {manifest.count.toLocaleString('en')} words × {manifest.dims} dimensions ({MB(bytes)} MB) in{' '}
      {seconds(ms)}.
      {skipped.zero > 0 &&
        ` Skipped ${skipped.zero.toLocaleString('en')} all-zero ${skipped.zero === 1 ? 'row' : 'rows'} (${skipped.first.join(', ')}${more}): a zero vector has no direction, so no neighbours.`}
    </p>
  );
}
