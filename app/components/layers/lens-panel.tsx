'use client';
/**
 * Logit lens view: for every layer, the top 5 tokens that ln_f and the tied unembedding read from
 * the residual stream at one position (a row per layer, embeddings first), and the probability of
 * each candidate token across layers.
 */
import { Plot } from '@/app/components/plot/plot';
import type { LensRow } from '@/lib/gpt2/logit-lens';
import { layerName } from '@/lib/gpt2/layer-names';
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
  const highlight = new Set(traces.map((t) => t.id));
  // Below 5% at every layer a linear axis shows flat lines at 0: switch to a log axis.
  const log = traces.every((t) => t.probs.every((p) => p < 0.05));
  return (
    <section aria-label="Logit lens" className="space-y-3">
      <h2 className="text-lg font-semibold">
        <Term id="logitLens">Logit lens</Term>
      </h2>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        What the model would predict if it stopped after each layer: <Term id="lnf">ln_f</Term> and the <Term id="unembedding">unembedding</Term> (the same ones that make the last row) applied to the <Term id="residual">residual stream</Term> at
        token {position} <span className="font-mono">{positionText}</span>
        {isLast ? ' (the last token: its last row is the next-token prediction above, at temperature 1)' : ' (click another token above to move the lens)'}. Blocks
        are numbered from 0, like heads (9.9 = block 9, head 9). Candidate tokens are outlined.
      </p>
      <div className="overflow-x-auto">
        <table data-testid="lens-table" className="text-sm">
          <thead>
            <tr className="text-left text-xs text-zinc-500">
              <th className="pr-3 font-normal">Layer</th>
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
                <td className="pr-3 text-xs whitespace-nowrap text-zinc-500">{layerName(r.layer)}</td>
                {r.top.map((t) => (
                  <td key={t.id} data-testid="lens-cell" data-token={t.id} data-logit={t.logit.toFixed(4)} className="pr-3 whitespace-nowrap" title={`id ${t.id}, logit ${t.logit.toFixed(2)}`}>
                    <span className={`rounded px-1 font-mono ${highlight.has(t.id) ? 'ring-2 ring-amber-500' : ''}`} style={{ background: `rgba(2, 132, 199, ${Math.min(0.6, t.prob).toFixed(3)})` }}>
                      {shownId(t.id)}
                    </span>{' '}
                    <span className="font-mono text-xs text-zinc-500">{formatProbability(t.prob)}</span>
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
            data={traces.map((t) => ({
              type: 'scatter',
              mode: 'lines+markers',
              name: showToken(t.text),
              x: t.probs.map((_, l) => l),
              y: t.probs,
              hovertemplate: `${showToken(t.text)}: %{y:.3g}<extra>%{text}</extra>`,
              text: t.probs.map((_, l) => layerName(l)),
            }))}
            layout={{
              margin: { l: 60, r: 20, t: 30, b: 50 },
              title: { text: `Probability by layer at token ${position}`, font: { size: 13 } },
              xaxis: { title: { text: 'layer (0 = embeddings, l = after block l−1)' }, dtick: 1 },
              yaxis: log ? { title: { text: 'probability (log scale)' }, type: 'log', exponentformat: 'power' } : { title: { text: 'probability' }, tickformat: '.0%', rangemode: 'tozero' },
              legend: { orientation: 'h', y: -0.3 },
            }}
            config={{ displaylogo: false, responsive: true }}
          />
        </div>
      )}
    </section>
  );
}
