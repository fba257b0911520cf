'use client';
/** The layers page on the client: its state from the URL, the model from the GPT-2 gate. */
import { useMemo } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { layersStateFrom } from '@/lib/route-state/layers-state';
import { Gpt2Gate } from '../gpt2/gpt2-gate';
import { LayersExplorer } from './layers-explorer';
import { DEFAULT_LAYERS_PRESET } from './presets';

export function LayersRoute() {
  const params = useInitialUrlState();
  // The state the page opened with; the explorer keeps the URL in step from then on.
  const initial = useMemo(() => layersStateFrom(params, DEFAULT_LAYERS_PRESET), [params]);
  return <Gpt2Gate>{({ model, gpt2, modelParams }) => <LayersExplorer model={model} gpt2={gpt2} modelParams={modelParams} initial={initial} />}</Gpt2Gate>;
}
