'use client';
/**
 * The walk's one GPT-2 gate (loaded on demand, with the GPT-2 worker, so that the front page's
 * first answer does not wait for either): it publishes the loaded model to the GPT-2 steps.
 */
import { useEffect } from 'react';
import type { Gpt2Handle } from '@/app/hooks/use-gpt2';
import type { LoadedModel } from '@/lib/worker/gpt2-protocol';
import { Gpt2Gate } from '../gpt2/gpt2-gate';
import type { WalkGpt2 } from './walk-gpt2';

export function Gpt2Loader({ publish }: { publish: (g: WalkGpt2 | null) => void }) {
  return <Gpt2Gate>{({ model, gpt2 }) => <Publish model={model} context={gpt2.context} layers={gpt2.layers} publish={publish} />}</Gpt2Gate>;
}

/** Hands the model and the two requests the steps need to the walk (stable values only: the gate re-renders often). */
function Publish({ model, context, layers, publish }: { model: LoadedModel; context: Gpt2Handle['context']; layers: Gpt2Handle['layers']; publish: (g: WalkGpt2 | null) => void }) {
  useEffect(() => {
    publish({ model, context, layers });
    return () => publish(null);
  }, [model, context, layers, publish]);
  return null;
}
