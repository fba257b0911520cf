'use client';
/** The analogy page on the client: its query from the URL, the sets from /data/index.json. */
import { useEffect } from 'react';
import { startVectorsEarly } from '@/app/hooks/use-vectors';
import { useInitialUrlState } from '@/app/url-state';
import { queryStateFrom } from '@/lib/route-state/query-state';
import { DEFAULT_SET } from '@/lib/vectors/set-index';
import { AnalogyExplorer } from './analogy-explorer';
import { SetsGate } from './sets-gate';

export function AnalogyRoute() {
  const params = useInitialUrlState();
  const named = params.get('set');
  // An address that names no set shows the default one: its download starts while the sets are
  // being listed, not after (a named set may be one kept in this browser, known only then).
  useEffect(() => (named ? undefined : startVectorsEarly(DEFAULT_SET)), [named]);
  return <SetsGate>{(sets) => <AnalogyExplorer initial={queryStateFrom(params, sets)} sets={sets} />}</SetsGate>;
}
