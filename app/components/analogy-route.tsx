'use client';
/** The analogy page on the client: its query from the URL, the sets from /data/index.json. */
import { useInitialUrlState } from '@/app/url-state';
import { queryStateFrom } from '@/lib/route-state/query-state';
import { AnalogyExplorer } from './analogy-explorer';
import { SetsGate } from './sets-gate';

export function AnalogyRoute() {
  const params = useInitialUrlState();
  return <SetsGate>{(sets) => <AnalogyExplorer initial={queryStateFrom(params, sets)} sets={sets} />}</SetsGate>;
}
