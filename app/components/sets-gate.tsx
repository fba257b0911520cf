'use client';
/** What the vector pages share: find this site's vector sets, then render the page with them (or say there are none). */
import type { ReactNode } from 'react';
import { useSetIndex } from '@/app/hooks/use-set-index';
import type { SetIndex } from '@/lib/vectors/set-index';
import { NoVectors } from './no-vectors';

export function SetsGate({ children }: { children: (sets: SetIndex['sets']) => ReactNode }) {
  const state = useSetIndex();
  if (state.status === 'loading') return <p className="text-sm text-zinc-500">Looking for word vectors…</p>;
  if (state.status === 'error') {
    return (
      <p role="alert" data-testid="load-error" className="rounded border border-red-400 p-3 text-sm">
        Could not list the vector sets: {state.error}. Check the connection and reload.
      </p>
    );
  }
  const { sets, broken } = state.index;
  return (
    <>
      {sets.length === 0 ? <NoVectors /> : children(sets)}
      {broken.length > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">Ignored broken sets in models/: {broken.map((b) => `${b.name} (${b.error})`).join('; ')}</p>
      )}
    </>
  );
}
