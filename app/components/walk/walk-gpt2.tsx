'use client';
/**
 * GPT-2 for the walk's steps 5–9: ONE model, loaded once for all of them by one <Gpt2Gate> in the
 * walk's GPT-2 section (it finds installed and kept models and offers the hub download). The gate
 * publishes the loaded model here; each GPT-2 step reads it with useWalkGpt2() and, until then,
 * says what it would compute and offers to load it.
 *
 * The gate (and its worker) starts only once the word-vector steps have answered, or after
 * START_AFTER_MS, or when the reader asks: the first answer of the page must not compete with it.
 */
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Gpt2Handle } from '@/app/hooks/use-gpt2';
import type { ModelParams } from '@/lib/gpt2/model-choice';
import type { LoadedModel } from '@/lib/worker/gpt2-protocol';
import { GPT2_ANCHOR } from '@/lib/walk/steps';

/** What the GPT-2 steps use of the loaded model. */
export interface WalkGpt2 {
  model: LoadedModel;
  context: Gpt2Handle['context'];
  layers: Gpt2Handle['layers'];
}

interface Gpt2ContextValue {
  gpt2: WalkGpt2 | null;
  publish: (g: WalkGpt2 | null) => void;
  /** The URL parameters that choose the model (?model=, ?repo=…): the steps' links keep them. */
  modelParams: ModelParams;
  /** Whether the gate has been started. */
  started: boolean;
  start: () => void;
}

/** Start looking for GPT-2 this long after the walk opens even if no vector step has answered. */
export const START_AFTER_MS = 4000;

const Gpt2Context = createContext<Gpt2ContextValue | null>(null);

export function WalkGpt2Provider({ modelParams, startNow, children }: { modelParams: ModelParams; startNow: boolean; children: ReactNode }) {
  const [gpt2, publish] = useState<WalkGpt2 | null>(null);
  const [started, setStarted] = useState(false);
  const start = useCallback(() => setStarted(true), []);
  useEffect(() => {
    if (startNow) setStarted(true);
  }, [startNow]);
  useEffect(() => {
    const timer = setTimeout(() => setStarted(true), START_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  const value = useMemo(() => ({ gpt2, publish, modelParams, started, start }), [gpt2, modelParams, started, start]);
  return <Gpt2Context.Provider value={value}>{children}</Gpt2Context.Provider>;
}

function useGpt2Context(): Gpt2ContextValue {
  const value = useContext(Gpt2Context);
  if (!value) throw new Error('a walk step that uses GPT-2 must be inside <WalkGpt2Provider>');
  return value;
}

/** The loaded model (null until the reader has loaded one), the model parameters, and `requestLoad` for the steps' load buttons. */
export function useWalkGpt2(): { gpt2: WalkGpt2 | null; modelParams: ModelParams; requestLoad: () => void } {
  const { gpt2, modelParams, start } = useGpt2Context();
  const requestLoad = useCallback(() => {
    start();
    goToLoader();
  }, [start]);
  return { gpt2, modelParams, requestLoad };
}

/** Scrolls to the GPT-2 section and puts the keyboard on its download button (or its heading while the gate starts). */
function goToLoader(): void {
  const section = document.getElementById(GPT2_ANCHOR);
  section?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  const button = document.querySelector<HTMLButtonElement>('[data-testid="hub-load"]:not([disabled])');
  (button ?? section?.querySelector<HTMLElement>('h2'))?.focus({ preventScroll: true });
}

const Gpt2Loader = dynamic(() => import('./gpt2-loader').then((m) => m.Gpt2Loader), {
  ssr: false,
  loading: () => <LookingForModels />,
});

function LookingForModels() {
  const t = useTranslations('walk.gpt2');
  return <p className="text-sm text-zinc-500">{t('looking')}</p>;
}

/** The gate itself, once started; a line saying when it will start before that. */
export function WalkGpt2Loader({ waiting }: { waiting: string }) {
  const { started, publish } = useGpt2Context();
  if (!started) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{waiting}</p>;
  return <Gpt2Loader publish={publish} />;
}
