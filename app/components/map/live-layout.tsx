'use client';
/**
 * The layout while UMAP runs, drawn on a plain 2-D canvas: a few milliseconds per frame, where a
 * WebGL plot update can hold the UI thread for hundreds (much more with software rendering).
 * A 3-D layout is shown from above (its first two axes). The plot replaces it when the map is done.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

/** `epoch` of `epochs`: how far the layout has got. */
export function LiveLayout({ coords, dims, height, epoch, epochs }: { coords: Float32Array; dims: number; height: number; epoch: number; epochs: number }) {
  const t = useTranslations('map.live');
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const width = (c.width = c.clientWidth * devicePixelRatio);
    c.height = height * devicePixelRatio;
    const n = coords.length / dims;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      const x = coords[i * dims];
      const y = coords[i * dims + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const pad = 12 * devicePixelRatio;
    const sx = (width - 2 * pad) / (x1 - x0 || 1);
    const sy = (c.height - 2 * pad) / (y1 - y0 || 1);
    ctx.clearRect(0, 0, width, c.height);
    ctx.fillStyle = '#2563eb';
    const r = 2 * devicePixelRatio;
    for (let i = 0; i < n; i++) ctx.fillRect(pad + (coords[i * dims] - x0) * sx - r / 2, c.height - pad - (coords[i * dims + 1] - y0) * sy - r / 2, r, r);
  }, [coords, dims, height]);
  return (
    <figure className="relative">
      <canvas ref={canvas} data-testid="live-layout" className="w-full rounded border border-zinc-200 dark:border-zinc-800" style={{ height }} />
      <figcaption className="absolute left-2 top-2 rounded bg-white/80 px-2 py-0.5 text-xs text-zinc-600 dark:bg-zinc-900/80 dark:text-zinc-300">
        {t(dims === 3 ? 'forming3d' : 'forming', { epoch, epochs })}
      </figcaption>
    </figure>
  );
}
