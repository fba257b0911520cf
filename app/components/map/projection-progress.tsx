'use client';
/** How far the projection has got: a bar and a line for each phase (neighbours, graph, layout, score). */
import type { MapProgress } from '@/lib/maps/compute-map';

export function ProjectionProgress({ progress }: { progress: MapProgress }) {
  const label =
    progress.phase === 'knn'
      ? `Nearest neighbours: ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} words`
      : progress.phase === 'graph'
        ? 'Building the neighbour graph'
        : progress.phase === 'layout'
          ? `Layout: epoch ${progress.done} of ${progress.total}`
          : 'Scoring neighbour preservation';
  return (
    <div data-testid="map-progress" className="space-y-1 text-sm">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total || 1} aria-valuenow={progress.done} className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
      </div>
      <p className="text-zinc-600 dark:text-zinc-400">{label}</p>
    </div>
  );
}
