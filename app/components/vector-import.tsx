'use client';
/**
 * "Open a vector file…" and dropping a file on the page: the file is read and converted by the
 * import worker (lib/worker/import.worker.ts) into a set kept in this browser, with progress,
 * cancel and errors that name the line; once kept, the page switches to it. Nothing is uploaded.
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { refreshLocalSets } from '@/app/hooks/use-set-index';
import type { ImportProgress, SkippedRows } from '@/lib/import/import-rows';
import type { Manifest } from '@/lib/vectors/format';
import type { ImportRequest, ImportResponse, WireError } from '@/lib/worker/protocol';
import { choicesFor, ImportForm, type ImportChoices } from './vector-import-form';
import { ImportDoneView, ImportErrorView, ImportProgressView } from './vector-import-status';

type Job =
  | { status: 'idle' }
  | { status: 'running'; startedAt: number; progress?: ImportProgress }
  | { status: 'done'; manifest: Manifest; skipped: SkippedRows; ms: number; bytes: number }
  | { status: 'failed'; error: WireError };

/** One import at a time, each in a new worker (ended when the import ends or the page goes). */
function useImportJob() {
  const worker = useRef<Worker | null>(null);
  const [job, setJob] = useState<Job>({ status: 'idle' });
  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => stop, []);

  const start = useCallback((request: Extract<ImportRequest, { type: 'import' }>): Promise<Manifest | null> => {
    stop();
    const w = new Worker(new URL('../../lib/worker/import.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setJob({ status: 'running', startedAt: performance.now() });
    return new Promise((resolve) => {
      w.onmessage = (event: MessageEvent<ImportResponse>) => {
        const msg = event.data;
        if (msg.type === 'progress') {
          setJob((j) => (j.status === 'running' ? { ...j, progress: msg.progress } : j));
          return;
        }
        stop();
        if (msg.type === 'done') {
          setJob({ status: 'done', manifest: msg.manifest, skipped: msg.skipped, ms: msg.ms, bytes: msg.bytes });
          resolve(msg.manifest);
        } else {
          setJob({ status: 'failed', error: msg.error });
          resolve(null);
        }
      };
      w.onerror = (e) => {
        stop();
        setJob({ status: 'failed', error: { kind: 'other', code: 'workerFailed', message: e.message || 'workerFailed' } });
        resolve(null);
      };
      w.postMessage(request);
    });
  }, []);

  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel' } satisfies ImportRequest), []);
  const reset = useCallback(() => setJob({ status: 'idle' }), []);
  return { job, start, cancel, reset };
}

/** Re-renders every `ms` while `on`, for a running clock. */
function useTick(on: boolean, ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
}

export function VectorImport({ serverNames, localNames, onImported }: { serverNames: string[]; localNames: string[]; onImported: (name: string) => void }) {
  const t = useTranslations('vectors.import');
  const format = useFormatter();
  const { job, start, cancel, reset } = useImportJob();
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const running = job.status === 'running';
  useTick(running, 250);

  const choose = useCallback(
    (f: File) => {
      if (running) return;
      reset();
      setFile(f);
    },
    [running, reset],
  );

  // A file dropped anywhere on the page opens the import.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e) || --depth > 0) return;
      depth = 0;
      setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const dropped = e.dataTransfer?.files[0];
      if (dropped) choose(dropped);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [choose]);

  const close = () => {
    setFile(null);
    reset();
  };

  const submit = async (f: File, c: ImportChoices) => {
    const manifest = await start({ type: 'import', file: f, ...c, serverNames });
    if (!manifest) return;
    await refreshLocalSets();
    setFile(null);
    onImported(manifest.name);
  };

  return (
    <>
      <button
        type="button"
        data-testid="import-open"
        onClick={() => input.current?.click()}
        title={t('openTitle')}
        className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t('open')}
      </button>
      <input
        ref={input}
        type="file"
        data-testid="import-file"
        accept=".txt,.vec,.bin,text/plain"
        className="hidden"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again still opens the dialog
          if (f) choose(f);
        }}
      />
      {job.status === 'done' && !file && <ImportDoneView {...job} />}
      {dragging && (
        <div className="pointer-events-none fixed inset-0 z-40 flex items-center justify-center bg-sky-900/30 text-lg font-medium text-white" data-testid="import-drop-zone">
          <p className="rounded bg-sky-800 px-6 py-4 shadow-lg">{t('drop')}</p>
        </div>
      )}
      {file && (
        <div
          role="dialog"
          aria-modal="true"
          aria-labelledby="import-heading"
          data-testid="import-dialog"
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !running) close();
          }}
          className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/40 p-4 sm:items-center"
        >
          <div className="w-full max-w-lg space-y-3 rounded-lg bg-white p-4 shadow-xl dark:bg-zinc-900">
            <h2 id="import-heading" className="font-medium">
              {t.rich('heading', {
                name: file.name,
                size: format.number(file.size / 1e6, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                file: (c: ReactNode) => <span className="font-mono">{c}</span>,
              })}
            </h2>
            <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="import-privacy">
              {t('privacy')}
            </p>
            <ImportForm key={`${file.name}:${file.size}:${file.lastModified}`} initial={choicesFor(file.name)} serverNames={serverNames} localNames={localNames} disabled={running} onSubmit={(c) => void submit(file, c)} />
            {job.status === 'running' && <ImportProgressView fileName={file.name} totalBytes={file.size} progress={job.progress} ms={performance.now() - job.startedAt} />}
            {job.status === 'failed' && <ImportErrorView fileName={file.name} error={job.error} />}
            <div className="flex justify-end gap-2">
              {running ? (
                <button type="button" data-testid="import-cancel" onClick={cancel} className="rounded border border-zinc-300 px-3 py-1 dark:border-zinc-700">
                  {t('cancel')}
                </button>
              ) : (
                <button type="button" data-testid="import-close" onClick={close} className="rounded border border-zinc-300 px-3 py-1 dark:border-zinc-700">
                  {t('close')}
                </button>
              )}
            </div>
          </div>
        </div>
      )}
    </>
  );
}
