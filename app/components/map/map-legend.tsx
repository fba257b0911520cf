'use client';
/** What the colours mean: each group, or each k-means cluster named by its most central words, with its size. */
import { useFormatter } from 'next-intl';
import { colourOf } from './figure';

export interface LegendEntry {
  name: string;
  count: number;
}

export function MapLegend({ title, entries }: { title: string; entries: LegendEntry[] }) {
  const format = useFormatter();
  if (entries.length < 2) return null;
  return (
    <section aria-label={title} data-testid="map-legend" className="space-y-1 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h2>
      <ul className="space-y-0.5">
        {entries.map((e, c) => (
          <li key={c} className="flex items-baseline gap-2">
            <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ background: colourOf(c) }} />
            <span className="min-w-0 flex-1 break-words">{e.name}</span>
            <span className="font-mono text-xs text-zinc-500">{format.number(e.count)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
