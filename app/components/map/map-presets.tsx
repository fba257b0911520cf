'use client';
/**
 * The example maps. Each is a real link (open it in a new tab, copy it), but a plain click
 * switches the view in place: the page keeps its loaded vectors instead of downloading them again.
 */
import { useTranslations } from 'next-intl';
import type { MouseEvent } from 'react';
import { isPresetView, MAP_PRESETS, type MapPreset } from '@/lib/maps/presets';
import type { MapState } from '@/lib/maps/map-state';

interface Props {
  state: MapState;
  onChoose: (preset: MapPreset) => void;
}

export function MapPresets({ state, onChoose }: Props) {
  const t = useTranslations('map');
  const current = MAP_PRESETS.find((p) => isPresetView(state, p));
  const click = (e: MouseEvent<HTMLAnchorElement>, preset: MapPreset) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab or window: let the browser open the link
    e.preventDefault();
    onChoose(preset);
  };
  return (
    <nav className="flex flex-wrap gap-2" aria-label={t('examples')}>
      {MAP_PRESETS.map((p) => (
        <a
          key={p.id}
          href={`?${new URLSearchParams(p.query)}`}
          onClick={(e) => click(e, p)}
          data-testid="map-preset"
          aria-current={current?.id === p.id ? 'true' : undefined}
          className="rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[current]:border-sky-600 aria-[current]:bg-sky-50 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current]:bg-sky-950"
        >
          {t(`presets.${p.id}.label`)}
        </a>
      ))}
    </nav>
  );
}
