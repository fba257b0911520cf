'use client';
/** How far the projection has got: a bar and a line for each phase (neighbours, graph, layout, score). */
import { useTranslations } from 'next-intl';
import type { MapProgress } from '@/lib/maps/compute-map';

export function ProjectionProgress({ progress }: { progress: MapProgress }) {
  const t = useTranslations('map.progress');
  const label = t(progress.phase, { done: progress.done, total: progress.total });
  return (
    <div data-testid="map-progress" className="space-y-1 text-sm">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total || 1} aria-valuenow={progress.done} className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
        <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
      </div>
      <p className="text-zinc-600 dark:text-zinc-400">{label}</p>
    </div>
  );
}
