import { Suspense } from 'react';
import { MapRoute } from '../components/map/map-route';

export default function MapPage() {
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
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <MapRoute />
      </Suspense>
    </div>
  );
}
