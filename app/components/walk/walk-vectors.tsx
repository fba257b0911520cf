'use client';
/**
 * The word vectors the walk's steps 2–4 share: one set (the site's default) opened once in one
 * vectors worker. The set list comes from <SetsGate>, rendered by <WalkVectorsStatus> (which also
 * shows the download); the steps read the worker through useWalkVectors() and never wait for GPT-2.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useVectors, type LoadState } from '@/app/hooks/use-vectors';
import { DEFAULT_SET, pickSet } from '@/lib/vectors/set-index';
import { LoadProgress } from '../load-progress';
import { SetsGate } from '../sets-gate';

/** What the vector steps use of the worker. */
export interface WalkVectors {
  state: LoadState;
  query: ReturnType<typeof useVectors>['query'];
  retry: () => void;
}

interface VectorsContextValue {
  vectors: WalkVectors | null;
  publish: (v: WalkVectors | null) => void;
  /** True once any vector step has shown a result (the walk then starts looking for GPT-2). */
  answered: boolean;
  markAnswered: () => void;
}

const VectorsContext = createContext<VectorsContextValue | null>(null);

export function WalkVectorsProvider({ children }: { children: ReactNode }) {
  const [vectors, publish] = useState<WalkVectors | null>(null);
  const [answered, setAnswered] = useState(false);
  const value = useMemo(() => ({ vectors, publish, answered, markAnswered: () => setAnswered(true) }), [vectors, answered]);
  return <VectorsContext.Provider value={value}>{children}</VectorsContext.Provider>;
}

function useVectorsContext(): VectorsContextValue {
  const value = useContext(VectorsContext);
  if (!value) throw new Error('a walk step that uses word vectors must be inside <WalkVectorsProvider>');
  return value;
}

/** The shared vectors worker (null while the set list loads or when there is no set), and a way to say a step answered. */
export function useWalkVectors(): { vectors: WalkVectors | null; markAnswered: () => void } {
  const { vectors, markAnswered } = useVectorsContext();
  return { vectors, markAnswered };
}

/** True once a vector step has answered. */
export function useVectorsAnswered(): boolean {
  return useVectorsContext().answered;
}

/** Finds the sets, opens the default one in the worker, and shows its download. */
export function WalkVectorsStatus() {
  const { publish } = useVectorsContext();
  return <SetsGate>{(sets) => <VectorsWorker set={pickSet({ sets, broken: [] }, null, DEFAULT_SET) ?? DEFAULT_SET} publish={publish} />}</SetsGate>;
}

function VectorsWorker({ set, publish }: { set: string; publish: (v: WalkVectors | null) => void }) {
  const { state, query, retry } = useVectors(set);
  useEffect(() => publish({ state, query, retry }), [state, query, retry, publish]);
  useEffect(() => () => publish(null), [publish]);
  return <LoadProgress state={state} onRetry={retry} />;
}
