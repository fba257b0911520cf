'use client';
/** What the current map is and how much to trust it: size, time, variance shown, neighbour preservation. */
import { Term } from '../term';
import type { MapResult } from '@/lib/maps/compute-map';

/** `source`: what the map shows, in words ("king and its nearest neighbours (500 words)"). */
export function MapInfo({ map, source }: { map: MapResult; source: string }) {
  const n = map.words.length;
  const trivial = n <= 11; // with ≤ 11 words every word's 10 "nearest" are all the others
  return (
    <section data-testid="map-info" aria-label="About this map" className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <p data-testid="map-source" className="font-medium">
        {source}
      </p>
      <p>
        <strong data-testid="map-count">{n.toLocaleString('en')}</strong> words · {map.method === 'axes' ? 'word-pair axes' : map.method.toUpperCase()} to {map.dims}-D in{' '}
        {map.seconds.toFixed(2)} s
      </p>
      <p title="The mean share of each word's 10 nearest neighbours in the original 100 dimensions that are also among its 10 nearest on this map.">
        <Term id="preservation">Neighbour preservation</Term>:{' '}
        <strong data-testid="preservation">{trivial ? 'n/a' : `${(map.preservation10 * 100).toFixed(1)}%`}</strong>
        <span className="block text-xs text-zinc-500">
          {trivial ? 'needs more than 11 words' : 'of each word’s 10 nearest neighbours (100-d) are among its 10 nearest here. UMAP keeps neighbourhoods; PCA keeps the broad directions.'}
          {!trivial && map.qualitySample < n && ` Averaged over a fixed sample of ${map.qualitySample.toLocaleString('en')} of the ${n.toLocaleString('en')} words.`}
        </span>
      </p>
      <ul className="text-xs text-zinc-600 dark:text-zinc-400">
        {map.axisLabels.map((label, i) => (
          <li key={i}>
            {['x', 'y', 'z'][i]}: {label}
          </li>
        ))}
      </ul>
      {map.explained && map.method === 'pca' && (
        <p className="text-xs text-zinc-500">
          These {map.dims} axes show {(map.explained.reduce((a, b) => a + b, 0) * 100).toFixed(1)}% of the variance among these words; the rest is hidden.
        </p>
      )}
      {map.nNeighbors !== undefined && (
        <p className="text-xs text-zinc-500">
          UMAP with {map.nNeighbors} neighbours, {map.nEpochs} epochs (exact cosine neighbours from our kernel).
        </p>
      )}
      {map.missing.length > 0 && (
        <p data-testid="map-missing" className="text-xs text-amber-700 dark:text-amber-400">
          Not in the vectors, left out: {map.missing.join(', ')}
        </p>
      )}
    </section>
  );
}
