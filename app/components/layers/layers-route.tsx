'use client';
/** The layers page on the client: its state from the URL, the model from the GPT-2 gate. */
import { useMemo } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { MAX_NEW_TOKENS } from '@/lib/gpt2/generate';
import { Gpt2Gate } from '../gpt2/gpt2-gate';
import { DEFAULT_CONTINUATION, LayersExplorer, type LayersState } from './layers-explorer';
import { DEFAULT_LAYERS_PRESET } from './presets';

const int = (v: string | null, fallback: number) => (v !== null && /^-?\d+$/.test(v) ? Number(v) : fallback);
/** A number from the URL inside [min, max], else the fallback. */
const within = (v: string | null, min: number, max: number, fallback: number) => {
  const n = v === null ? NaN : Number(v);
  return n >= min && n <= max ? n : fallback;
};

/** The page's state from its URL (?p, ?tok, ?temp, ?pos, ?layer, ?head, ?ablate), with defaults. */
export function layersStateFrom(params: URLSearchParams): LayersState {
  const prompt = params.get('p');
  const temperature = Number(params.get('temp'));
  return {
    prompt: prompt ?? DEFAULT_LAYERS_PRESET.prompt,
    tokens: prompt !== null ? params.getAll('tok') : DEFAULT_LAYERS_PRESET.tokens,
    temperature: temperature >= 0.1 && temperature <= 2 ? temperature : 1, // the slider's range
    position: int(params.get('pos'), -1),
    layer: int(params.get('layer'), 0),
    head: int(params.get('head'), 0),
    ablation: params.get('ablate') ?? '',
    continuation: {
      count: Math.round(within(params.get('gen'), 1, MAX_NEW_TOKENS, DEFAULT_CONTINUATION.count)),
      mode: params.get('sample') === '1' ? 'sample' : 'greedy',
      temperature: within(params.get('gtemp'), 0.05, 5, DEFAULT_CONTINUATION.temperature),
      topK: Math.round(within(params.get('topk'), 0, 50257, DEFAULT_CONTINUATION.topK)),
      topP: within(params.get('topp'), 0.01, 1, DEFAULT_CONTINUATION.topP),
      seed: Math.round(within(params.get('seed'), 0, 2 ** 31, DEFAULT_CONTINUATION.seed)),
    },
  };
}

export function LayersRoute() {
  const params = useInitialUrlState();
  // The state the page opened with; the explorer keeps the URL in step from then on.
  const initial = useMemo(() => layersStateFrom(params), [params]);
  return <Gpt2Gate>{({ model, gpt2, modelParams }) => <LayersExplorer model={model} gpt2={gpt2} modelParams={modelParams} initial={initial} />}</Gpt2Gate>;
}
