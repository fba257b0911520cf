'use client';
/** Which model a GPT-2 page runs: the random-test-model banner, label and size, the test setting, other models. */
import type { ModelChoice } from '@/app/components/context/context-explorer';

interface Props {
  model: ModelChoice;
  explicitModel?: string;
  others: { name: string; label: string }[];
}

export function ModelHeader({ model, explicitModel, others }: Props) {
  const c = model.config;
  return (
    <>
      {model.random && (
        <p role="note" data-testid="random-model-banner" className="rounded border-2 border-red-500 bg-red-50 p-3 text-sm font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
          Random test model — not GPT-2: results are meaningless. ({model.label}; {model.source})
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>
          Model: <span data-testid="model-label" className="font-medium">{model.label}</span>{' '}
          <span className="text-xs text-zinc-500">
            ({model.dtype}, {c.nLayer} layers × {c.nHead} heads × {c.nEmbd} dims)
          </span>
        </span>
        {explicitModel && (
          <span data-testid="test-setting" className="rounded bg-zinc-200 px-2 py-0.5 font-mono text-xs dark:bg-zinc-800">
            chosen by ?model={explicitModel}
          </span>
        )}
        {others.length > 0 && (
          <span className="text-xs">
            Switch to:{' '}
            {others.map((o) => (
              <a key={o.name} href={`?model=${encodeURIComponent(o.name)}`} className="mr-2 text-sky-700 hover:underline dark:text-sky-400">
                {o.label}
              </a>
            ))}
          </span>
        )}
      </div>
    </>
  );
}
