'use client';
/** The map page on the client: its view from the URL, the sets from /data/index.json. */
import { useMemo } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { SetsGate } from '../sets-gate';
import { MapExplorer } from './map-explorer';
import { stateFromSearch } from '@/lib/maps/map-state';

export function MapRoute() {
  const state = useInitialUrlState();
  const params = useMemo(() => Object.fromEntries(state), [state]);
  return (
    <SetsGate>
      {(sets) => {
        const initial = stateFromSearch(params, sets.map((s) => s.name));
        return <MapExplorer key={initial.set} initial={initial} sets={sets} />;
      }}
    </SetsGate>
  );
}
