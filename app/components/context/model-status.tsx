'use client';
import type { Gpt2LoadState } from '@/app/hooks/use-gpt2';

const MB = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Which model, how it loaded (download progress, cache), and the backend that actually runs it. */
export function ModelStatus({ label, state }: { label: string; state: Gpt2LoadState }) {
  if (state.status === 'error') {
    return (
      <p role="alert" data-testid="model-error" className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        Could not load {label}: {state.error}
      </p>
    );
  }
  if (state.status === 'loading') {
    const p = state.progress;
    const loaded = p?.status === 'download' ? p.loaded : 0;
    const total = p?.total ?? 0;
    const text =
      p?.status === 'download'
        ? `Downloading the model: ${MB(loaded)} of ${MB(total)} MB (kept in your browser afterwards)`
        : p?.status === 'cache'
          ? `Reading the model from your browser's cache (${MB(total)} MB)`
          : p?.status === 'verify'
            ? 'Checking the download (sha256)…'
            : 'Starting GPT-2 (onnxruntime-web)…';
    return (
      <div data-testid="model-loading" className="space-y-1">
        <div
          role="progressbar"
          aria-label="Loading the model"
          aria-valuemin={0}
          aria-valuemax={total || 1}
          aria-valuenow={loaded}
          className="h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        >
          <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${total ? ((loaded / total) * 100).toFixed(1) : 0}%` }} />
        </div>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{text}</p>
      </div>
    );
  }
  const info = state.info!;
  const r = state.ready;
  return (
    <p data-testid="model-status" className="text-xs text-zinc-600 dark:text-zinc-400">
      <span data-testid="backend" data-provider={info.provider} data-threads={info.threads} className="font-medium text-zinc-900 dark:text-zinc-100">
        Backend: {info.provider === 'webgpu' ? 'WebGPU' : 'WASM'} · {info.threads} thread{info.threads === 1 ? '' : 's'}
      </span>
      {info.webgpuSkipped && <> (WebGPU not used: {info.webgpuSkipped})</>}
      {r && (
        <>
          {' '}
          · model {MB(r.total)} MB {r.fromCache ? 'from the browser cache' : 'downloaded'} in {(r.ms / 1000).toFixed(1)} s, session ready in {(info.createMs / 1000).toFixed(1)} s
          {r.cacheError && <> (not cached: {r.cacheError})</>}
        </>
      )}
    </p>
  );
}
