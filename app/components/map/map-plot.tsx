'use client';
/**
 * The map's chart: renders the traces and layout it is given (figure.ts builds them), reports
 * clicks on points, zooms and the 3-D camera, and says so over the chart when it shows a previous
 * map rather than the one asked for. Data attributes expose what is drawn (for tests and tools).
 */
import type { ReactNode } from 'react';
import { Plot } from '../plot/plot';

/** A zoom or pan of a 2-D map: the new ranges (either may be missing), or a reset to the whole map. */
export type ViewChange = { x?: [number, number]; y?: [number, number] } | 'reset';

interface Props {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  height: number;
  dims: 2 | 3;
  points: number;
  /** Points ringed as the selection and its neighbours. */
  highlighted: number;
  /** Why this is not the map asked for (a new one is on its way, or could not be made), or null. */
  stale: ReactNode | null;
  busy: boolean;
  onPick: (index: number) => void;
  onView: (change: ViewChange) => void;
  onCamera: (eye: string) => void;
}

type PlotlyEvent = { points?: { customdata?: unknown }[] };

/** Reads a plotly relayout event's axis ranges ("xaxis.range[0]" or "xaxis.range"), or a reset. */
function viewChange(e: Record<string, unknown>): ViewChange | null {
  if (e['xaxis.autorange'] || e['yaxis.autorange']) return 'reset';
  const range = (axis: 'xaxis' | 'yaxis'): [number, number] | undefined => {
    const whole = e[`${axis}.range`];
    if (Array.isArray(whole) && whole.length === 2) return [Number(whole[0]), Number(whole[1])];
    const a = e[`${axis}.range[0]`];
    const b = e[`${axis}.range[1]`];
    return typeof a === 'number' && typeof b === 'number' ? [a, b] : undefined;
  };
  const x = range('xaxis');
  const y = range('yaxis');
  return x || y ? { x, y } : null;
}

export function MapPlot({ data, layout, height, dims, points, highlighted, stale, busy, onPick, onView, onCamera }: Props) {
  return (
    <div data-testid="map-plot" data-points={points} data-dims={dims} data-highlighted={highlighted} data-stale={stale ? 'true' : 'false'} aria-busy={busy} className="relative">
      {stale && (
        <p data-testid="map-stale" className="absolute inset-x-2 top-2 z-10 rounded border border-amber-400 bg-amber-50/95 px-3 py-1.5 text-sm text-amber-900 dark:bg-amber-950/95 dark:text-amber-100">
          {stale}
        </p>
      )}
      <div className={stale ? 'opacity-35 transition-opacity' : 'transition-opacity'}>
        <Plot
          needsWebGL
          height={height}
          data={data}
          layout={layout}
          config={{ scrollZoom: true }}
          onClick={(e: PlotlyEvent) => {
            const index = e.points?.map((p) => p.customdata).find((c) => typeof c === 'number');
            if (typeof index === 'number') onPick(index);
          }}
          onRelayout={(e: Record<string, unknown>) => {
            const camera = e['scene.camera'] as { eye?: { x: number; y: number; z: number } } | undefined;
            if (camera?.eye) onCamera([camera.eye.x, camera.eye.y, camera.eye.z].map((v) => v.toFixed(2)).join(','));
            const change = viewChange(e);
            if (change) onView(change);
          }}
        />
      </div>
    </div>
  );
}
