'use client';
/**
 * Logit lens view: for every layer, the top 5 tokens that ln_f and the tied unembedding read from
 * the residual stream at one position (a row per layer, embeddings first), and the probability of
 * each candidate token across layers.
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Plot } from '@/app/components/plot/plot';
import type { LensRow } from '@/lib/gpt2/logit-lens';
import { useLayerNames } from '../gpt2/gpt2-text';
import { formatProbability, shownId, showToken } from './token-text';
import { Term } from '../term';

interface Props {
  rows: LensRow[];
  /** The position the lens read, and its token as shown. */
  position: number;
  positionText: string;
  isLast: boolean;
  /** Candidate tokens (first token each) and their probability per layer [L+1]. */
  traces: { text: string; id: number; probs: number[] }[];
}


export function LensPanel({ rows, position, positionText, isLast, traces }: Props) {
  const t = useTranslations('layers.lens');
  const tn = useTranslations('layers.next');
  const names = useLayerNames();
  const heading = t('heading');
  const cellTitle = (id: number, logit: number) => tn('idLogit', { id, logit: logit.toFixed(2) });
  const highlight = new Set(traces.map((t) => t.id));
  // Below 5% at every layer a linear axis shows flat lines at 0: switch to a log axis.
  const log = traces.every((t) => t.probs.every((p) => p < 0.05));
  return (
    <section aria-label={heading} className="space-y-3">
      <h2 className="text-lg font-semibold">
        <Term id="logitLens">{heading}</Term>
      </h2>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        {t.rich('intro', {
          lnf: (c: ReactNode) => <Term id="lnf">{c}</Term>,
          unembedding: (c: ReactNode) => <Term id="unembedding">{c}</Term>,
          residual: (c: ReactNode) => <Term id="residual">{c}</Term>,
          mono: (c: ReactNode) => <span className="font-mono">{c}</span>,
          position,
          token: positionText,
          last: isLast ? 'yes' : 'no',
        })}
      </p>
      <div className="overflow-x-auto">
        <table data-testid="lens-table" className="text-sm">
          <thead>
            <tr className="text-left text-xs text-zinc-500">
              <th className="pr-3 font-normal">{t('layer')}</th>
              {rows[0]?.top.map((_, i) => (
                <th key={i} className="pr-3 font-normal">
                  {i + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.layer} data-testid="lens-row" data-layer={r.layer} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="pr-3 text-xs whitespace-nowrap text-zinc-500">{names.name(r.layer)}</td>
                {r.top.map((top) => (
                  <td key={top.id} data-testid="lens-cell" data-token={top.id} data-logit={top.logit.toFixed(4)} className="pr-3 whitespace-nowrap" title={cellTitle(top.id, top.logit)}>
                    <span className={`rounded px-1 font-mono ${highlight.has(top.id) ? 'ring-2 ring-amber-500' : ''}`} style={{ background: `rgba(2, 132, 199, ${Math.min(0.6, top.prob).toFixed(3)})` }}>
                      {shownId(top.id)}
                    </span>{' '}
                    <span className="font-mono text-xs text-zinc-500">{formatProbability(top.prob)}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {traces.length > 0 && (
        <div data-testid="lens-chart">
          <Plot
            height={300}
            data={traces.map((trace) => ({
              type: 'scatter',
              mode: 'lines+markers',
              name: showToken(trace.text),
              x: trace.probs.map((_, l) => l),
              y: trace.probs,
              hovertemplate: `${showToken(trace.text)}: %{y:.3g}<extra>%{text}</extra>`,
              text: trace.probs.map((_, l) => names.name(l)),
            }))}
            layout={{
              margin: { l: 60, r: 20, t: 30, b: 50 },
              title: { text: t('chartTitle', { position }), font: { size: 13 } },
              xaxis: { title: { text: names.axis }, dtick: 1 },
              yaxis: log ? { title: { text: t('probabilityLog') }, type: 'log', exponentformat: 'power' } : { title: { text: t('probability') }, tickformat: '.0%', rangemode: 'tozero' },
              legend: { orientation: 'h', y: -0.3 },
            }}
            config={{ displaylogo: false, responsive: true }}
          />
        </div>
      )}
    </section>
  );
}
