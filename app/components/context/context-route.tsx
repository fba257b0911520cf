'use client';
/** The context page on the client: its state from the URL, the model from the GPT-2 gate. */
import { useMemo } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { contextStateFrom } from '@/lib/route-state/context-state';
import { Gpt2Gate } from '../gpt2/gpt2-gate';
import { ContextExplorer } from './context-explorer';
import { DEFAULT_PRESET } from './presets';

export function ContextRoute() {
  const params = useInitialUrlState();
  const { initial, layer } = useMemo(() => {
    const l = params.get('layer');
    return { initial: contextStateFrom(params, DEFAULT_PRESET), layer: l !== null && /^\d{1,4}$/.test(l) ? Number(l) : undefined };
  }, [params]);
  return (
    <Gpt2Gate>{({ model, gpt2, modelParams }) => <ContextExplorer model={model} gpt2={gpt2} modelParams={modelParams} initial={initial} initialLayer={layer} />}</Gpt2Gate>
  );
}
