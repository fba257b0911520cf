'use client';
/** The map page on the client: its view from the URL, the sets from /data/index.json. */
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { SetsGate } from '../sets-gate';
import { MapExplorer } from './map-explorer';
import { stateFromSearch } from './map-state';

export function MapRoute() {
  const search = useSearchParams();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const params = useMemo(() => Object.fromEntries(new URLSearchParams(search.toString())), []);
  return (
    <SetsGate>
      {(sets) => {
        const initial = stateFromSearch(params, sets.map((s) => s.name));
        return <MapExplorer key={initial.set} initial={initial} sets={sets} />;
      }}
    </SetsGate>
  );
}
