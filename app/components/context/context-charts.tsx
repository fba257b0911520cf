'use client';
/**
 * The three views of a context run: the cosine heatmap and the PCA map at the chosen layer, and
 * similarity by layer. Plain SVG traces (heatmap, scatter): a handful of points needs no WebGL.
 */
import { useTranslations } from 'next-intl';
import type { Data, Layout } from 'plotly.js';
import { useMemo, useState } from 'react';
import { Plot } from '@/app/components/plot/plot';
import { fewPointPca } from '@/lib/gpt2/few-point-pca';
import { MIN_UMAP_POINTS } from '@/lib/gpt2/context-umap';
import type { SimilarityReport } from '@/lib/gpt2/layer-similarity';
import { useLayerNames } from '../gpt2/gpt2-text';

const PALETTE = ['#0369a1', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#a16207'];
const NO_SENSE = '#71717a';

/** Colour per sense label, in order of first appearance; unlabelled sentences are grey. */
export function senseColours(senses: string[]): Map<string, string> {
  const colours = new Map<string, string>();
  for (const s of senses) if (s && !colours.has(s)) colours.set(s, PALETTE[colours.size % PALETTE.length]);
  return colours;
}

const sentenceLabel = (i: number, sense: string) => `${i + 1}${sense ? ` · ${sense}` : ''}`;

export function CosineHeatmap({ report, layer, senses }: { report: SimilarityReport; layer: number; senses: string[] }) {
  const t = useTranslations('context.charts');
  const names = useLayerNames();
  const S = senses.length;
  const m = report.layers[layer].cosine;
  const labels = senses.map((s, i) => sentenceLabel(i, s));
  const z = Array.from({ length: S }, (_, i) => Array.from(m.subarray(i * S, (i + 1) * S)));
  const data: Data[] = [
    {
      type: 'heatmap',
      z,
      x: labels,
      y: labels,
      colorscale: 'Viridis',
      texttemplate: '%{z:.2f}',
      // plotly's own placeholders go in as the message's arguments
      hovertemplate: `${t('heatmapHover', { a: '%{y}', b: '%{x}', z: '%{z:.3f}' })}<extra></extra>`,
      colorbar: { title: { text: t('cosine') } },
    } as Data,
  ];
  const layout: Partial<Layout> = {
    title: { text: t('heatmapTitle', { layer: names.label(layer) }) },
    margin: { l: 90, r: 10, t: 40, b: 80 },
    yaxis: { autorange: 'reversed', type: 'category' },
    xaxis: { type: 'category' },
    paper_bgcolor: 'rgba(0,0,0,0)',
  };
  return (
    <div data-testid="heatmap" data-size={S} data-layer={layer}>
      <Plot height={380} data={data} layout={layout} />
    </div>
  );
}

/** The target's vectors at one layer on a 2-D map: PCA, or UMAP when the worker computed it (enough sentences). */
export function PcaMap({ targets, umap, dims, layer, senses, texts }: { targets: Float32Array; umap: Float32Array | null; dims: number; layer: number; senses: string[]; texts: string[] }) {
  const t = useTranslations('context.charts');
  const names = useLayerNames();
  const S = senses.length;
  const [method, setMethod] = useState<'pca' | 'umap'>('pca');
  const useUmap = method === 'umap' && umap !== null;
  const pca = useMemo(() => fewPointPca(targets.subarray(layer * S * dims, (layer + 1) * S * dims), S, dims), [targets, layer, S, dims]);
  const coords = useUmap ? umap.subarray(layer * S * 2, (layer + 1) * S * 2) : pca.coords;
  const colours = senseColours(senses);
  const groups = [...colours.keys(), ''];
  const data: Data[] = groups
    .map((sense) => {
      const idx = senses.map((s, i) => (s === sense ? i : -1)).filter((i) => i >= 0);
      return {
        type: 'scatter',
        mode: 'text+markers',
        name: sense || t('noLabel'),
        x: idx.map((i) => coords[i * 2]),
        y: idx.map((i) => coords[i * 2 + 1]),
        text: idx.map((i) => String(i + 1)),
        textposition: 'top center', // i18n-exempt: a plotly option, not text
        hovertext: idx.map((i) => `${i + 1}: ${texts[i]}`),
        hoverinfo: 'text',
        marker: { size: 12, color: colours.get(sense) ?? NO_SENSE },
      } as Data;
    })
    .filter((t) => (t as { x: number[] }).x.length > 0);
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  const layout: Partial<Layout> = {
    title: { text: t('mapTitle', { method: useUmap ? 'UMAP' : 'PCA', layer: names.label(layer) }) },
    margin: { l: 50, r: 10, t: 40, b: 50 },
    xaxis: { title: { text: useUmap ? 'UMAP 1' : t('pc1', { pct: pct(pca.explained[0]) }) }, zeroline: false },
    yaxis: { title: { text: useUmap ? 'UMAP 2' : t('pc2', { pct: pct(pca.explained[1]) }) }, zeroline: false },
    paper_bgcolor: 'rgba(0,0,0,0)',
    legend: { orientation: 'h', y: -0.2 },
  };
  const umapNeeds = t('umapNeeds', { min: MIN_UMAP_POINTS });
  return (
    <div data-testid="pca-map" data-points={S} data-method={useUmap ? 'umap' : 'pca'}>
      <Plot height={380} data={data} layout={layout} />
      <p className="flex gap-3 text-xs">
        {(['pca', 'umap'] as const).map((m) => {
          const unavailable = m === 'umap' && !umap;
          return (
            <label key={m} className="flex items-center gap-1" title={unavailable ? umapNeeds : undefined}>
              <input type="radio" name="sense-map" data-testid={`map-${m}`} checked={(useUmap ? 'umap' : 'pca') === m} disabled={unavailable} onChange={() => setMethod(m)} />
              {m.toUpperCase()}
            </label>
          );
        })}
        {!umap && <span className="text-zinc-500">{umapNeeds}</span>}
      </p>
    </div>
  );
}

export function LayerChart({ report, layer, onLayer }: { report: SimilarityReport; layer: number; onLayer: (layer: number) => void }) {
  const t = useTranslations('context.charts');
  const names = useLayerNames();
  const xs = report.layers.map((_, l) => l);
  const series = (key: keyof SimilarityReport['layers'][number]) => report.layers.map((r) => r[key] as number | null);
  const line = (name: string, key: Parameters<typeof series>[0], color: string, dash = 'solid'): Data => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x: xs,
    y: series(key),
    line: { color, dash: dash as 'solid' },
    marker: { size: 5 },
    hovertemplate: `${t('lineHover', { name, x: '%{x}', y: '%{y:.3f}' })}<extra></extra>`,
  });
  const data: Data[] = [
    line(t('same'), 'same', PALETTE[0]),
    line(t('different'), 'different', PALETTE[1]),
    line(t('baseline'), 'baseline', NO_SENSE, 'dash'),
    line(t('sameAdjusted'), 'sameAdjusted', PALETTE[0], 'dot'),
    line(t('differentAdjusted'), 'differentAdjusted', PALETTE[1], 'dot'),
  ];
  const layout: Partial<Layout> = {
    title: { text: t('byLayerTitle') },
    margin: { l: 50, r: 10, t: 40, b: 50 },
    xaxis: { title: { text: names.axis }, dtick: 1 },
    yaxis: { title: { text: t('cosine') } },
    shapes: [{ type: 'line', x0: layer, x1: layer, yref: 'paper', y0: 0, y1: 1, line: { color: '#a1a1aa', width: 1 } }],
    paper_bgcolor: 'rgba(0,0,0,0)',
    legend: { orientation: 'h', y: -0.25 },
  };
  return (
    <div data-testid="layer-chart">
      <Plot
        height={400}
        data={data}
        layout={layout}
        onClick={(e: { points?: { x?: unknown }[] }) => {
          const x = e.points?.[0]?.x;
          if (typeof x === 'number') onLayer(x);
        }}
      />
    </div>
  );
}
