'use client';
/** The analogy page on the client: its query from the URL, the sets from /data/index.json. */
import { useInitialUrlState } from '@/app/url-state';
import { METHODS, type Method } from '@/lib/vectors/methods';
import { DEFAULT_SET, pickSet } from '@/lib/vectors/set-index';
import { AnalogyExplorer, type QueryState } from './analogy-explorer';
import { SetsGate } from './sets-gate';

/** The page's state from its URL (?q, ?method, ?honest, ?k, ?expect, ?word, ?set), with defaults. */
export function queryStateFrom(params: URLSearchParams, sets: { name: string }[]): QueryState {
  const method = params.get('method');
  const k = Number(params.get('k'));
  return {
    q: params.get('q') ?? 'king - man + woman',
    method: METHODS.includes(method as Method) ? (method as Method) : '3cosadd',
    honest: params.get('honest') === '1',
    k: [5, 10, 20, 50].includes(k) ? k : 10,
    expect: params.get('expect') || undefined,
    word: params.get('word') || undefined,
    set: pickSet({ sets: sets.map((s) => ({ name: s.name, title: '' })), broken: [] }, params.get('set'), DEFAULT_SET) ?? DEFAULT_SET,
  };
}

export function AnalogyRoute() {
  const params = useInitialUrlState();
  return <SetsGate>{(sets) => <AnalogyExplorer initial={queryStateFrom(params, sets)} sets={sets} />}</SetsGate>;
}
