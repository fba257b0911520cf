'use client';
/** How the model is loading (a bar and the stage in words) and, once loaded, the backend, dtype and where the files came from. */
import type { Gpt2LoadState } from '@/app/hooks/use-gpt2';
import type { LoadStage } from '@/lib/worker/gpt2-protocol';

export const MB = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The stage in words, and the bar's fraction when the stage has one. */
export function describeStage(p: LoadStage | undefined): { text: string; fraction: number | null } {
  switch (p?.stage) {
    case undefined:
      return { text: 'Starting the GPT-2 worker…', fraction: null };
    case 'storage':
      return { text: "Looking in this browser's storage for a kept copy…", fraction: null };
    case 'download': {
      const total = p.total ? ` of ${MB(p.total)}` : '';
      const resumed = p.resumedFrom > 0 ? ` (resumed at ${MB(p.resumedFrom)} MB)` : '';
      return { text: `Downloading ${p.file}: ${MB(p.loaded)}${total} MB${resumed}`, fraction: p.total ? p.loaded / p.total : null };
    }
    case 'check':
      return { text: `Checking ${p.file} (header, tensor names and shapes, no NaN or infinite weights)…`, fraction: null };
    case 'build':
      return { text: `Building the ${p.dtype} ONNX graph in your browser…`, fraction: null };
    case 'store':
      return { text: `Keeping the model in this browser (${MB(p.bytes)} MB) so the next visit needs no network…`, fraction: null };
    case 'read':
      return { text: `Reading the model (${MB(p.bytes)} MB)…`, fraction: null };
    case 'ort':
      return { text: 'Loading onnxruntime-web…', fraction: null };
    case 'session':
      return { text: `Starting onnxruntime-web on ${p.provider === 'webgpu' ? 'WebGPU' : 'WebAssembly'} (${p.dtype}); a large model takes several seconds…`, fraction: null };
  }
}

export function ModelStatus({ state }: { state: Gpt2LoadState }) {
  if (state.status === 'idle' || (state.status === 'error' && state.needsDownload)) return null;
  if (state.status === 'error') {
    return (
      <p role="alert" data-testid="model-error" className="rounded border border-red-400 bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
        Could not load the model: {state.error}
      </p>
    );
  }
  if (state.status === 'loading') {
    const { text, fraction } = describeStage(state.progress);
    return (
      <div data-testid="model-loading" data-stage={state.progress?.stage ?? 'start'} className="space-y-1">
        <div
          role="progressbar"
          aria-label="Loading the model"
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
        Backend: {info.provider === 'webgpu' ? 'WebGPU' : 'WASM'} · {info.threads} thread{info.threads === 1 ? '' : 's'} · {model.dtype}
        {model.dtype === 'int8' ? ' (weights and activations quantised: fast, close to exact)' : model.dtype === 'fp16' ? ' (weights in half precision)' : ' (exact)'}
      </span>
      {info.webgpuSkipped && <> (WebGPU not used: {info.webgpuSkipped})</>}
      {r && (
        <span data-testid="load-report" data-from={r.from} data-downloaded={r.downloadedBytes} data-resumed={r.resumedFrom}>
          {' '}
          · {r.from === 'kept' ? 'from this browser, no network' : `downloaded ${MB(r.downloadedBytes)} MB${r.resumedFrom ? ` (resumed at ${MB(r.resumedFrom)} MB)` : ''}`}
          {r.built && ', graph built here'} · ready in {(r.ms / 1000).toFixed(1)} s (session {(info.createMs / 1000).toFixed(1)} s)
          {r.keepError && <> (not kept: {r.keepError})</>}
        </span>
      )}
    </p>
  );
}
