'use client';
/** How the model is loading (a bar and the stage in words) and, once loaded, the backend, dtype and where the files came from. */
import { useTranslations } from 'next-intl';
import type { Gpt2LoadState } from '@/app/hooks/use-gpt2';
import type { LoadStage } from '@/lib/worker/gpt2-protocol';
import { useErrorText } from './gpt2-text';

export const MB = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The backend as the page names it. */
export const backendName = (provider: 'webgpu' | 'wasm') => (provider === 'webgpu' ? 'WebGPU' : 'WASM');

type T = ReturnType<typeof useTranslations>;

/** The stage in words, and the bar's fraction when the stage has one. */
export function describeStage(t: T, p: LoadStage | undefined): { text: string; fraction: number | null } {
  switch (p?.stage) {
    case undefined:
      return { text: t('status.start'), fraction: null };
    case 'storage':
      return { text: t('status.storage'), fraction: null };
    case 'download': {
      const text = t('status.download', { file: p.file, loaded: MB(p.loaded), total: p.total ? MB(p.total) : 'none', resumed: p.resumedFrom > 0 ? MB(p.resumedFrom) : 'none' });
      return { text, fraction: p.total ? p.loaded / p.total : null };
    }
    case 'check':
      return { text: t('status.check', { file: p.file }), fraction: null };
    case 'build':
      return { text: t('status.build', { dtype: p.dtype }), fraction: null };
    case 'store':
      return { text: t('status.store', { size: MB(p.bytes) }), fraction: null };
    case 'read':
      return { text: t('status.read', { size: MB(p.bytes) }), fraction: null };
    case 'ort':
      return { text: t('status.ort'), fraction: null };
    case 'session':
      return { text: t('status.session', { backend: p.provider === 'webgpu' ? 'WebGPU' : 'WebAssembly', dtype: p.dtype }), fraction: null };
  }
}

export function ModelStatus({ state }: { state: Gpt2LoadState }) {
  const t = useTranslations('gpt2');
  const errorText = useErrorText();
  if (state.status === 'idle' || (state.status === 'error' && state.needsDownload)) return null;
  if (state.status === 'error') {
    return (
      <p role="alert" data-testid="model-error" className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        {t('status.loadFailed', { error: state.error ? errorText(state.error) : '' })}
      </p>
    );
  }
  if (state.status === 'loading') {
    const { text, fraction } = describeStage(t, state.progress);
    const label = t('status.progressLabel');
    return (
      <div data-testid="model-loading" data-stage={state.progress?.stage ?? 'start'} className="space-y-1">
        <div
          role="progressbar"
          aria-label={label}
          aria-valuetext={text}
          {...(fraction !== null ? { 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(fraction * 100) } : {})}
          className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        >
          {fraction !== null ? (
            <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
          ) : (
            <div className="h-full w-1/3 animate-pulse bg-sky-600/60" />
          )}
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">{text}</p>
      </div>
    );
  }
  const info = state.info!;
  const model = state.model!;
  const r = state.report;
  return (
    <p data-testid="model-status" className="text-xs text-zinc-600 dark:text-zinc-400">
      <span data-testid="backend" data-provider={info.provider} data-threads={info.threads} data-dtype={model.dtype} className="font-medium text-zinc-900 dark:text-zinc-100">
        {t('status.backend', { backend: backendName(info.provider), threads: info.threads, dtype: model.dtype })}
      </span>
      {info.webgpuSkipped && <> {t('status.webgpuSkipped', { reason: t(`status.webgpuWhy.${info.webgpuSkipped.code}`, { detail: 'detail' in info.webgpuSkipped ? info.webgpuSkipped.detail : '' }) })}</>}
      {r && (
        <span data-testid="load-report" data-from={r.from} data-downloaded={r.downloadedBytes} data-resumed={r.resumedFrom}>
          {' · '}
          {t('status.report', {
            from: r.from,
            size: MB(r.downloadedBytes),
            resumed: r.resumedFrom ? MB(r.resumedFrom) : 'none',
            built: r.built ? 'yes' : 'no',
            seconds: (r.ms / 1000).toFixed(1),
            session: (info.createMs / 1000).toFixed(1),
          })}
          {r.keepError && <> {t('status.notKept', { dtype: model.dtype, detail: r.keepError })}</>}
        </span>
      )}
    </p>
  );
}
