'use client';
/**
 * What the vector pages share: find this site's vector sets and those kept in this browser, then
 * render the page with them (or say there are none). A set named by the address (?set=NAME) that
 * is in neither list is said to be gone, and the page opens its default set instead.
 */
import type { ReactNode } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { LocalSetsContext, useSetIndex } from '@/app/hooks/use-set-index';
import { DEFAULT_SET, pickSet, type SetIndex } from '@/lib/vectors/set-index';
import { NoVectors } from './no-vectors';

export function SetsGate({ children }: { children: (sets: SetIndex['sets']) => ReactNode }) {
  const state = useSetIndex();
  const requested = useInitialUrlState().get('set');
  if (state.status === 'loading') return <p className="text-sm text-zinc-500">Looking for word vectors…</p>;
  if (state.status === 'error') {
    return (
      <p role="alert" data-testid="load-error" className="rounded border border-red-400 p-3 text-sm">
        Could not list the vector sets: {state.error}. Check the connection and reload.
      </p>
    );
  }
  const { index, local } = state;
  const serverNames = index.sets.map((s) => s.name);
  // A kept set whose name the site now uses too is hidden: the name opens the site's set.
  const shadowed = local.sets.filter((s) => serverNames.includes(s.name));
  const kept = local.sets.filter((s) => !serverNames.includes(s.name));
  const sets = [...index.sets, ...kept.map((s) => ({ name: s.name, title: s.title }))];
  const gone = requested && !sets.some((s) => s.name === requested) ? requested : null;
  const instead = sets.find((s) => s.name === pickSet({ sets, broken: [] }, null, DEFAULT_SET));
  const note = 'text-xs text-amber-700 dark:text-amber-400';
  return (
    <LocalSetsContext.Provider value={{ ...local, sets: kept, serverNames }}>
      {gone && (
        <p role="status" data-testid="set-gone" className="mb-3 rounded border border-amber-400 p-2 text-sm">
          The address names the vector set “{gone}”, which is neither on this site nor kept in this browser: it may have been removed, or kept in
          another browser. The page shows {instead?.title ?? 'another set'} instead; open the set&apos;s file again to bring it back.
        </p>
      )}
      {sets.length === 0 ? <NoVectors /> : children(sets)}
      {index.broken.length > 0 && <p className={note}>Ignored broken sets in models/: {index.broken.map((b) => `${b.name} (${b.error})`).join('; ')}</p>}
      {local.broken.length > 0 && (
        <p className={note} data-testid="local-broken">
          Ignored broken sets kept in this browser: {local.broken.map((b) => `${b.name} (${b.error})`).join('; ')}. Import their files again under the same names to replace them.
        </p>
      )}
      {shadowed.length > 0 && (
        <p className={note}>
          This site now has sets named {shadowed.map((s) => `“${s.name}”`).join(', ')}, which hide the sets of those names kept in this browser: import their
          files again under other names.
        </p>
      )}
    </LocalSetsContext.Provider>
  );
}
