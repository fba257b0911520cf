import { listSets } from '@/lib/node/vector-set-reader';
import { MapExplorer } from '../components/map/map-explorer';
import { stateFromSearch } from '../components/map/map-state';
import { NoVectors } from '../components/no-vectors';

// Reads models/ on each request, so a newly imported set shows up without a rebuild.
export const dynamic = 'force-dynamic';

export default async function MapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { sets } = await listSets();
  const initial = stateFromSearch(await searchParams, sets.map((s) => s.name));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Maps of word vectors</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Words with similar meanings sit close together in 100 dimensions. A map squeezes them into 2 or 3 so you can look: UMAP keeps each word&apos;s
          neighbourhood, PCA keeps the broadest directions, and word-pair axes put words along a direction you choose (e.g. he → she). Every map loses
          something; the neighbour-preservation score says how much. Computed in your browser.
        </p>
      </div>
      {sets.length === 0 ? <NoVectors /> : (
        <MapExplorer key={initial.set} initial={initial} sets={sets.map((s) => ({ name: s.name, title: s.title }))} />
      )}
    </div>
  );
}
