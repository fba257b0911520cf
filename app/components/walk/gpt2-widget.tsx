'use client';
/**
 * The frame of every GPT-2 step's widget: before a model is loaded, what the step would compute and
 * a button to load GPT-2 (once, for the whole walk); while it runs, a status line; then the
 * result, always with which model computed it — and, for a random test model, a red "random test
 * model — not GPT-2" right next to the numbers.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';
import type { ErrorReport } from '@/lib/gpt2/errors';
import type { StepId } from '@/lib/walk/steps';
import type { LoadedModel } from '@/lib/worker/gpt2-protocol';
import { problemOf, useErrorText } from '../gpt2/gpt2-text';
import { useWalkGpt2, type WalkGpt2 } from './walk-gpt2';

type Run<T> = { status: 'running' } | { status: 'done'; value: T; model: LoadedModel } | { status: 'error'; problem: ErrorReport };

/** Runs `compute` on the loaded model (again when the model changes) and keeps its latest outcome. */
function useGpt2Run<T>(gpt2: WalkGpt2 | null, compute: (g: WalkGpt2) => Promise<T>): Run<T> | null {
  const [run, setRun] = useState<Run<T> | null>(null);
  useEffect(() => {
    if (!gpt2) {
      setRun(null);
      return;
    }
    let live = true;
    setRun({ status: 'running' });
    compute(gpt2).then(
      (value) => live && setRun({ status: 'done', value, model: gpt2.model }),
      (e: unknown) => live && setRun({ status: 'error', problem: problemOf(e) }),
    );
    return () => {
      live = false;
    };
    // `compute` is a fixed function of the step; only a new model reruns it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [gpt2]);
  return run;
}

interface Props<T> {
  /** The step: its id is also the key of what it computes (walk `steps.<id>.pending`). */
  step: StepId;
  compute: (g: WalkGpt2) => Promise<T>;
  children: (value: T, model: LoadedModel) => ReactNode;
}

export function Gpt2Widget<T>({ step, compute, children }: Props<T>) {
  const t = useTranslations('walk');
  const errorText = useErrorText();
  const { gpt2, requestLoad } = useWalkGpt2();
  const run = useGpt2Run(gpt2, compute);
  return (
    <div data-testid="walk-gpt2-widget" data-step={step} data-status={run?.status ?? 'no-model'} className="space-y-3 text-sm">
      {!run && (
        <div className="space-y-2">
          <p className="text-zinc-600 dark:text-zinc-400">{t(`steps.${step}.pending`)}</p>
          <p>{t('gpt2.needsModel')}</p>
          <button
            type="button"
            data-testid="walk-load-gpt2"
            onClick={requestLoad}
            className="rounded border border-sky-600 px-3 py-1 font-medium text-sky-800 hover:bg-sky-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300 dark:hover:bg-sky-950"
          >
            {t('gpt2.load')}
          </button>
        </div>
      )}
      <div aria-live="polite">
        {run?.status === 'running' && <p className="text-zinc-500">{t('gpt2.running')}</p>}
        {run?.status === 'error' && (
          <p role="alert" data-testid="walk-gpt2-error" className="rounded border border-red-400 bg-red-50 p-2 text-red-900 dark:bg-red-950 dark:text-red-100">
            {t('gpt2.failed', { error: errorText(run.problem) })}
          </p>
        )}
        {run?.status === 'done' && (
          <div className="space-y-3">
            <ModelNote model={run.model} />
            {children(run.value, run.model)}
          </div>
        )}
      </div>
    </div>
  );
}

/** Which model computed the numbers; a random test model is never called GPT-2. */
export function ModelNote({ model }: { model: LoadedModel }) {
  const t = useTranslations('walk.gpt2');
  if (model.random) {
    return (
      <p data-testid="walk-random-label" className="rounded border-2 border-red-500 bg-red-50 p-2 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
        {t('random', { name: model.name ?? model.source })}
      </p>
    );
  }
  return (
    <p data-testid="walk-model-label" className="text-xs text-zinc-500 dark:text-zinc-400">
      {t('computedBy', { label: model.label, layers: model.config.nLayer })}
    </p>
  );
}
