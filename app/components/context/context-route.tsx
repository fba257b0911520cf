'use client';
/** The context page on the client: its state from the URL, the model from the GPT-2 gate. */
import { useMemo } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { Gpt2Gate } from '../gpt2/gpt2-gate';
import { ContextExplorer, type ContextState } from './context-explorer';
import { DEFAULT_PRESET } from './presets';

/** The page's state from its URL (?target, ?s and ?sense per sentence, ?pool), with the default preset. */
export function contextStateFrom(params: URLSearchParams): ContextState {
  const sentences = params.getAll('s');
  const senses = params.getAll('sense');
  const pooling = params.get('pool') === 'mean' ? 'mean' : 'last';
  return sentences.length
    ? { target: params.get('target') ?? '', sentences: sentences.map((text, i) => ({ text, sense: senses[i] ?? '' })), pooling }
    : { target: DEFAULT_PRESET.target, sentences: DEFAULT_PRESET.sentences, pooling };
}

export function ContextRoute() {
  const params = useInitialUrlState();
  const { initial, layer } = useMemo(() => {
    const l = params.get('layer');
    return { initial: contextStateFrom(params), layer: l !== null && /^\d+$/.test(l) ? Number(l) : undefined };
  }, [params]);
  return (
    <Gpt2Gate>{({ model, gpt2, modelParams }) => <ContextExplorer model={model} gpt2={gpt2} modelParams={modelParams} initial={initial} initialLayer={layer} />}</Gpt2Gate>
  );
}
