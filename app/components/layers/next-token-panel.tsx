'use client';
/**
 * Next-token view: the top tokens at a temperature, the rank and probability of typed candidate
 * tokens, the direct logit difference of the first two, and — with ablations — before and after.
 */
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { ErrorReport } from '@/lib/gpt2/errors';
import { IOI_REFERENCE } from '@/lib/gpt2/ioi-reference';
import { logitDifference } from '@/lib/gpt2/logit-lens';
import { tokenRank, type Candidate, type Prediction } from '@/lib/gpt2/next-token';
import { formatProbability, shownId, showToken } from './token-text';
import { useErrorText } from '../gpt2/gpt2-text';
import { Term } from '../term';

export type CandidateEntry = { text: string; candidate: Candidate | null; error: ErrorReport | null };

interface Props {
  after: Prediction;
  finalLogits: Float32Array;
  /** Without ablations; null when nothing is ablated. */
  before: Prediction | null;
  baselineLogits: Float32Array | null;
  temperature: number;
  onTemperature: (t: number) => void;
  candidates: CandidateEntry[];
  onCandidates: (texts: string[]) => void;
  /** The IOI preset is shown: give the published reference number next to ours. */
  ioi: boolean;
  ablation: string;
}

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

const mono = (c: ReactNode) => <span className="font-mono">{c}</span>;

export function NextTokenPanel({ after, finalLogits, before, baselineLogits, temperature, onTemperature, candidates, onCandidates, ioi, ablation }: Props) {
  const t = useTranslations('layers.next');
  const format = useFormatter();
  const errorText = useErrorText();
  const heading = t('heading');
  const idTitle = (id: number) => t('tokenId', { id });
  const scored = candidates.filter((c): c is CandidateEntry & { candidate: Candidate } => c.candidate !== null);
  const pair = scored.length >= 2 ? [scored[0].candidate, scored[1].candidate] : null;
  const texts = candidates.map((c) => c.text);
  const maxProb = after.top[0]?.prob ?? 1;

  return (
    <section aria-label={heading} className="space-y-3">
      <h2 className="text-lg font-semibold">{heading}</h2>
      <label className="flex flex-wrap items-center gap-3 text-sm">
        <Term id="temperature">{t('temperature')}</Term>
        <input
          type="range"
          data-testid="temperature"
          min={0.1}
          max={2}
          step={0.1}
          value={temperature}
          onChange={(e) => onTemperature(Number(e.target.value))}
          className="w-48"
        />
        <span className="font-mono">{temperature.toFixed(1)}</span>
        <span className="text-xs text-zinc-500">{t('temperatureNote')}</span>
      </label>
      <div className="grid gap-4 lg:grid-cols-2">
        <ol data-testid="next-tokens" className="space-y-0.5 text-sm">
          {after.top.map((top, i) => {
            const title = t('idLogit', { id: top.id, logit: top.logit.toFixed(2) });
            return (
              <li key={top.id} data-testid="next-token" data-token={top.id} data-prob={top.prob.toFixed(6)} className="flex items-center gap-2">
                <span className="w-5 text-right text-xs text-zinc-500">{i + 1}</span>
                <span className="w-28 truncate font-mono" title={title}>
                  {shownId(top.id)}
                </span>
                <span className="h-3 rounded bg-sky-600" style={{ width: `${Math.max(1, (120 * top.prob) / maxProb)}px` }} />
                <span className="font-mono text-xs">{formatProbability(top.prob)}</span>
              </li>
            );
          })}
        </ol>
        <div className="space-y-2">
          <table className="text-sm" data-testid="candidates">
            <thead>
              <tr className="text-left text-xs text-zinc-500">
                <th className="pr-2 font-normal">{t('token')}</th>
                <th className="pr-2 font-normal">{t('tokenised')}</th>
                <th className="pr-2 font-normal">{t('rank')}</th>
                <th className="pr-2 font-normal">{t('probability')}</th>
                {before && <th className="font-normal">{t('beforeAblation')}</th>}
              </tr>
            </thead>
            <tbody>
              {candidates.map((c, i) => {
                const candidateLabel = t('candidate', { n: i + 1 });
                const removeLabel = t('removeCandidate', { n: i + 1 });
                return (
                <tr key={i} data-testid="candidate">
                  <td className="pr-2">
                    <input
                      data-testid="candidate-input"
                      aria-label={candidateLabel}
                      value={c.text}
                      spellCheck={false}
                      onChange={(e) => onCandidates(texts.map((x, j) => (j === i ? e.target.value : x)))}
                      className="w-28 rounded border border-zinc-300 bg-white px-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
                    />
                    <button type="button" aria-label={removeLabel} onClick={() => onCandidates(texts.filter((_, j) => j !== i))} className="px-1 text-zinc-500 hover:text-red-700">
                      ×
                    </button>
                  </td>
                  {c.candidate ? (
                    <>
                      <td className="pr-2 text-xs">
                        {c.candidate.pieces.map((p, k) => (
                          <span key={k} title={idTitle(p.id)} className={`mr-0.5 rounded px-1 font-mono ${k === 0 ? 'bg-amber-200 dark:bg-amber-800' : 'bg-zinc-100 dark:bg-zinc-800'}`}>
                            {showToken(p.text)}
                          </span>
                        ))}
                        {c.candidate.split && <span className="block text-amber-700 dark:text-amber-400">{t('split', { count: c.candidate.ids.length })}</span>}
                      </td>
                      <td className="pr-2 font-mono" data-testid="candidate-rank">
                        {format.number(tokenRank(finalLogits, c.candidate.id))}
                      </td>
                      <td className="pr-2 font-mono" data-testid="candidate-prob">
                        {formatProbability(after.probs[c.candidate.id])}
                      </td>
                      {before && baselineLogits && (
                        <td className="font-mono text-zinc-500">
                          {t('before', { prob: formatProbability(before.probs[c.candidate.id]), rank: tokenRank(baselineLogits, c.candidate.id) })}
                        </td>
                      )}
                    </>
                  ) : (
                    <td colSpan={3} className="text-xs text-zinc-500">
                      {c.error && errorText(c.error)}
                    </td>
                  )}
                </tr>
                );
              })}
            </tbody>
          </table>
          <button type="button" data-testid="add-candidate" onClick={() => onCandidates([...texts, ' '])} className="rounded border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            {t('addToken')}
          </button>
          {pair && (
            <p data-testid="logit-diff" className="text-sm">
              {t.rich('logitDiff', {
                term: (c) => <Term id="logitDiff">{c}</Term>,
                a: showToken(pair[0].text),
                b: showToken(pair[1].text),
                diff: signed(logitDifference(finalLogits, pair[0].id, pair[1].id)),
                value: (c) => (
                  <strong className="font-mono" data-testid="logit-diff-value">
                    {c}
                  </strong>
                ),
                ablated: baselineLogits ? 'yes' : 'no',
                ablation,
                beforeDiff: baselineLogits ? signed(logitDifference(baselineLogits, pair[0].id, pair[1].id)) : '',
                before: (c) => (
                  <span className="font-mono" data-testid="logit-diff-before">
                    {c}
                  </span>
                ),
              })}
              {ioi && (
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {t('ioiReference', { model: IOI_REFERENCE.model, mean: IOI_REFERENCE.meanLogitDiff, share: (100 * IOI_REFERENCE.ioPreferred).toFixed(1) })}
                </span>
              )}
            </p>
          )}
        </div>
      </div>
      {before && <BeforeAfter before={before} after={after} ablation={ablation} />}
    </section>
  );
}

/** The union of the top tokens before and after the ablation, with both probabilities. */
function BeforeAfter({ before, after, ablation }: { before: Prediction; after: Prediction; ablation: string }) {
  const t = useTranslations('layers.next');
  const ids = [...new Set([...after.top.map((t) => t.id), ...before.top.map((t) => t.id)])].sort((a, b) => after.probs[b] - after.probs[a]);
  return (
    <div data-testid="ablation-compare" className="space-y-1">
      <h3 className="text-sm font-medium">{t.rich('compareTitle', { ablation, mono })}</h3>
      <table className="text-sm">
        <thead>
          <tr className="text-left text-xs text-zinc-500">
            <th className="pr-3 font-normal">{t('compareToken')}</th>
            <th className="pr-3 font-normal">{t('fullModel')}</th>
            <th className="pr-3 font-normal">{t('ablated')}</th>
            <th className="font-normal">{t('change')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const d = after.probs[id] - before.probs[id];
            return (
              <tr key={id} data-testid="compare-row" data-token={id}>
                <td className="pr-3 font-mono">{shownId(id)}</td>
                <td className="pr-3 font-mono">{formatProbability(before.probs[id])}</td>
                <td className="pr-3 font-mono">{formatProbability(after.probs[id])}</td>
                <td className={`font-mono ${d > 0 ? 'text-emerald-700 dark:text-emerald-400' : d < 0 ? 'text-red-700 dark:text-red-400' : ''}`}>
                  {t('points', { sign: d >= 0 ? '+' : '−', value: (100 * Math.abs(d)).toFixed(2) })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
