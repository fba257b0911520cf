'use client';
/**
 * Attention views: every head of every layer as a small picture (shrunk to at most 32 × 32 cells
 * by the worker), one head as a heatmap over the prompt's tokens, and the ablation controls —
 * switch heads off by clicking them, MLP blocks with the button at the end of each row.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useDarkScheme } from '@/app/hooks/use-dark-scheme';
import { Plot } from '@/app/components/plot/plot';
import { formatAblation, isHeadAblated, type Ablation } from '@/lib/gpt2/ablation';
import { IOI_REFERENCE, referenceHead, type IoiRole } from '@/lib/gpt2/ioi-reference';
import type { HeadAttention } from '@/lib/gpt2/layers-run';
import type { TokenPiece } from '@/lib/gpt2/tokenizer';
import { showToken } from './token-text';
import { Term } from '../term';

export type ClickMode = 'view' | 'ablate';

interface Props {
  layers: number;
  heads: number;
  thumbnails: { size: number; data: Float32Array };
  head: HeadAttention | null;
  pieces: TokenPiece[];
  position: number;
  onPosition: (t: number) => void;
  layer: number;
  headIndex: number;
  onSelect: (layer: number, head: number) => void;
  mode: ClickMode;
  onMode: (m: ClickMode) => void;
  draft: Ablation;
  applied: string;
  onDraft: (a: Ablation) => void;
  onToggleHead: (layer: number, head: number) => void;
  onToggleMlp: (layer: number) => void;
  onApply: () => void;
  busy: boolean;
  /** IOI reference heads: shown as GPT-2 small's ('apply'), as positions on a 12 × 12 model that is not GPT-2 small ('shape'), or not at all. */
  reference: 'apply' | 'shape' | 'none' | 'off';
  modelShape: string;
}

/** Each IOI role's key in the messages (layers `attention.roles`). */
const ROLE_KEYS: Record<IoiRole, string> = {
  'name mover': 'nameMover',
  'negative name mover': 'negativeNameMover',
  'S-inhibition': 'sInhibition',
  'duplicate token': 'duplicateToken',
};

/** Light pages: white (no attention) to dark blue; dark pages: the page's near-black to light blue. */
const RAMPS = { light: [[255, 255, 255], [8, 48, 107]], dark: [[9, 9, 11], [125, 211, 252]] } as const;

/** The colour of attention p; √p so that weak attention is still visible. */
export function shade(p: number, dark = false): [number, number, number] {
  const s = Math.sqrt(Math.max(0, Math.min(1, p)));
  const [from, to] = dark ? RAMPS.dark : RAMPS.light;
  return [0, 1, 2].map((k) => Math.round(from[k] + (to[k] - from[k]) * s)) as [number, number, number];
}

/** The same √ shading as a plotly colorscale over p in [0, 1]: a stop at each s², s = 0, 0.1, …, 1. */
const sqrtScale = (dark: boolean): [number, string][] =>
  Array.from({ length: 11 }, (_, i) => {
    const p = (i / 10) ** 2;
    return [p, `rgb(${shade(p, dark).join(',')})`];
  });

function HeadThumb({ data, size, dark }: { data: Float32Array; size: number; dark: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(size, size);
    for (let i = 0; i < size * size; i++) {
      const [r, g, b] = shade(data[i], dark);
      img.data.set([r, g, b, 255], 4 * i);
    }
    ctx.putImageData(img, 0, 0);
  }, [data, size, dark]);
  return <canvas ref={canvas} width={size} height={size} className="h-full w-full" style={{ imageRendering: 'pixelated' }} />;
}

export function AttentionPanel(props: Props) {
  const { layers: L, heads: H, thumbnails, head, pieces, position, layer, headIndex, mode, draft, applied, reference } = props;
  const t = useTranslations('layers.attention');
  const roleName = (role: IoiRole | undefined) => (role ? t(`roles.${ROLE_KEYS[role]}`) : 'none');
  const label = t('label');
  const S = thumbnails.size;
  const draftText = formatAblation(draft);
  const showRef = reference === 'apply' || reference === 'shape';
  const T = pieces.length;
  const labels = pieces.map((p, i) => `${i} ${showToken(p.text)}`);
  const dark = useDarkScheme();
  // Roving focus: one head is in the tab order; the arrow keys move between heads (and to the MLP buttons).
  const [focus, setFocus] = useState({ l: layer, h: headIndex });
  const grid = useRef<HTMLTableElement>(null);
  const onGridKey = (e: KeyboardEvent<HTMLTableElement>) => {
    const move: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    let next: { l: number; h: number } | null = null;
    if (move[e.key]) next = { l: Math.max(0, Math.min(L - 1, focus.l + move[e.key][0])), h: Math.max(0, Math.min(H, focus.h + move[e.key][1])) }; // h = H is the MLP button
    if (e.key === 'Home') next = { l: e.ctrlKey ? 0 : focus.l, h: 0 };
    if (e.key === 'End') next = { l: e.ctrlKey ? L - 1 : focus.l, h: H };
    if (!next) return;
    e.preventDefault();
    setFocus(next);
    grid.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.l}.${next.h}"]`)?.focus();
  };

  return (
    <section aria-label={label} className="space-y-3">
      <h2 className="text-lg font-semibold">
        {t.rich('heading', { attention: (c: ReactNode) => <Term id="attention">{c}</Term>, ablation: (c: ReactNode) => <Term id="ablation">{c}</Term> })}
      </h2>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <span>{t('clickTo')}</span>
        {(['view', 'ablate'] as const).map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="radio" name="click-mode" data-testid={`mode-${m}`} checked={mode === m} onChange={() => props.onMode(m)} />
            {m === 'view' ? t('modeView') : t('modeAblate')}
          </label>
        ))}
      </div>
      {reference !== 'off' && (
        <p data-testid="reference-heads-note" className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-2 text-xs dark:border-amber-700 dark:bg-amber-950">
          {reference === 'apply' &&
            t.rich('refApply', {
              model: IOI_REFERENCE.model,
              ioi: (c: ReactNode) => <Term id="ioi">{c}</Term>,
              nameMover: (c: ReactNode) => <Term id="nameMover">{c}</Term>,
            })}
          {reference === 'shape' && t('refShape', { model: IOI_REFERENCE.model })}
          {reference === 'none' && t('refNone', { model: IOI_REFERENCE.model, shape: props.modelShape })}
        </p>
      )}

      <div className="flex flex-wrap gap-6">
        <div>
          <p className="mb-1 text-xs text-zinc-500">{t('gridHelp')}</p>
          <div className="max-w-full overflow-x-auto">
          <table ref={grid} data-testid="head-grid" data-layers={L} data-heads={H} onKeyDown={onGridKey} className="border-separate border-spacing-0.5">
            <thead>
              <tr>
                <th />
                {Array.from({ length: H }, (_, h) => (
                  <th key={h} className="text-[10px] font-normal text-zinc-500">
                    {h}
                  </th>
                ))}
                <th className="text-[10px] font-normal text-zinc-500">
                  <Term id="mlp">{t('mlpColumn')}</Term>
                </th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: L }, (_, l) => (
                <tr key={l}>
                  <th className="pr-1 text-right text-[10px] font-normal text-zinc-500">{l}</th>
                  {Array.from({ length: H }, (_, h) => {
                    const off = isHeadAblated(draft, l, h);
                    const ref = showRef ? referenceHead(l, h) : undefined;
                    const selected = l === layer && h === headIndex;
                    const m = l * H + h;
                    const cell = { head: `${l}.${h}`, role: roleName(ref?.role), off: off ? 'yes' : 'no' };
                    const cellLabel = t('headAria', cell);
                    const cellTitle = t('headTitle', cell);
                    return (
                      <td key={h} className="p-0">
                        <button
                          type="button"
                          data-testid="head-cell"
                          data-layer={l}
                          data-head={h}
                          data-ablated={off}
                          data-reference={ref?.role}
                          aria-label={cellLabel}
                          title={cellTitle}
                          data-cell={`${l}.${h}`}
                          tabIndex={focus.l === l && focus.h === h ? 0 : -1}
                          onFocus={() => setFocus({ l, h })}
                          onClick={() => (mode === 'view' ? props.onSelect(l, h) : props.onToggleHead(l, h))}
                          className={`relative block h-6 w-6 overflow-hidden rounded-sm border focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 sm:h-9 sm:w-9 ${selected ? 'border-2 border-sky-600' : 'border-zinc-300 dark:border-zinc-700'} ${ref ? 'ring-2 ring-amber-500' : ''}`}
                        >
                          <HeadThumb data={thumbnails.data.subarray(m * S * S, (m + 1) * S * S)} size={S} dark={dark} />
                          {off && <span className="absolute inset-0 flex items-center justify-center bg-red-600/60 text-lg font-bold text-white">×</span>}
                        </button>
                      </td>
                    );
                  })}
                  <td className="pl-1">
                    <button
                      type="button"
                      data-testid="mlp-toggle"
                      data-layer={l}
                      data-cell={`${l}.${H}`}
                      tabIndex={focus.l === l && focus.h === H ? 0 : -1}
                      onFocus={() => setFocus({ l, h: H })}
                      aria-pressed={draft.mlps.includes(l)}
                      onClick={() => props.onToggleMlp(l)}
                      className={`rounded px-1.5 py-0.5 font-mono text-[10px] ${draft.mlps.includes(l) ? 'bg-red-600 text-white' : 'border border-zinc-300 dark:border-zinc-700'}`}
                    >
                      {`mlp${l}`}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span>
              {t('switchedOff')}{' '}
              <span data-testid="ablation-draft" className="font-mono">
                {draftText || t('nothing')}
              </span>
            </span>
            <button
              type="button"
              data-testid="apply-ablation"
              disabled={draftText === applied || props.busy}
              onClick={props.onApply}
              className="rounded bg-sky-700 px-3 py-0.5 text-white hover:bg-sky-800 disabled:opacity-50"
            >
              {t('rerun')}
            </button>
            <button
              type="button"
              disabled={!draftText}
              onClick={() => props.onDraft({ heads: [], mlps: [] })}
              className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              {t('clear')}
            </button>
          </div>
          <p className="mt-1 max-w-md text-xs text-zinc-500">{t('gridNote', { shrunk: S < T ? 'yes' : 'no', size: S })}</p>
        </div>

        <div className="min-w-[320px] flex-1" data-testid="head-view" data-layer={head?.layer} data-head={head?.head}>
          <h3 className="text-sm font-medium">
            {t.rich('headHeading', {
              head: `${layer}.${headIndex}`,
              role: showRef ? roleName(referenceHead(layer, headIndex)?.role) : 'none',
              ref: (c: ReactNode) => <span className="text-amber-700 dark:text-amber-400">{c}</span>,
            })}
          </h3>
          {head && head.data.length === T * T ? (
            <Plot
              height={Math.min(640, 160 + 14 * T)}
              data={[
                {
                  type: 'heatmap',
                  z: Array.from({ length: T }, (_, q) => Array.from(head.data.subarray(q * T, (q + 1) * T))),
                  x: labels.map((_, i) => i),
                  y: labels.map((_, i) => i),
                  colorscale: sqrtScale(dark),
                  zmin: 0,
                  zmax: 1,
                  customdata: labels.map((q) => labels.map((k) => [q, k])) as unknown as number[][],
                  hovertemplate: '%{customdata[0]} → %{customdata[1]}: %{z:.3f}<extra></extra>',
                },
              ]}
              layout={{
                margin: { l: 110, r: 10, t: 10, b: 110 },
                xaxis: { tickvals: labels.map((_, i) => i), ticktext: labels, tickangle: -60, tickfont: { size: 10 } },
                yaxis: { tickvals: labels.map((_, i) => i), ticktext: labels, autorange: 'reversed', tickfont: { size: 10 } },
                shapes: [{ type: 'rect', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: position - 0.5, y1: position + 0.5, line: { color: '#d97706', width: 2 } }],
              }}
              config={{ displaylogo: false, responsive: true }}
              onClick={(e: { points: { y: unknown }[] }) => {
                const q = Number(e.points[0]?.y);
                if (Number.isInteger(q)) props.onPosition(q);
              }}
            />
          ) : (
            <p className="text-sm text-zinc-500">{t('loadingHead')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
