'use client';
/** Which model a GPT-2 page runs: the random-test-model banner, its label, size and dtype, and the test setting. */
import { useTranslations } from 'next-intl';
import type { LoadedModel } from '@/lib/worker/gpt2-protocol';
import { useModelLabel } from './gpt2-text';

interface Props {
  model: LoadedModel;
  /** The URL parameter that chose the model, shown when the URL (not a default) did: e.g. "?model=gpt2-tiny-random". */
  chosenBy?: string;
}

export function ModelHeader({ model, chosenBy }: Props) {
  const t = useTranslations('gpt2.header');
  const label = useModelLabel()(model);
  const c = model.config;
  return (
    <>
      {model.random && (
        <p role="note" data-testid="random-model-banner" className="rounded border-2 border-red-500 bg-red-50 p-3 text-sm font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          {t('randomBanner', { name: model.name ?? model.label })}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>
          {t.rich('model', {
            label,
            name: (chunks) => (
              <span data-testid="model-label" className="font-medium">
                {chunks}
              </span>
            ),
          })}{' '}
          <span className="text-xs text-zinc-500">{t('details', { dtype: model.dtype, layers: c.nLayer, heads: c.nHead, dims: c.nEmbd, kind: model.kind })}</span>
        </span>
        {chosenBy && (
          <span data-testid="test-setting" className="rounded bg-zinc-200 px-2 py-0.5 font-mono text-xs dark:bg-zinc-800">
            {t('chosenBy', { param: chosenBy })}
          </span>
        )}
      </div>
    </>
  );
}
