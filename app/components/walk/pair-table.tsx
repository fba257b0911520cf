'use client';
/** Two candidate next tokens side by side (probability and rank), under one or more conditions, and their logit difference. */
import { useTranslations } from 'next-intl';
import type { PairReadout, TokenReadout } from '@/lib/walk/gpt2-readouts';
import { Term } from '../term';
import { useWalkNumbers } from './use-walk-numbers';


/** A token as GPT-2 reads it: the leading space shown as "·". */
const shown = (t: TokenReadout) => t.text.replace(/ /g, '·');

export function PairTable({ columns, pairs, testId }: { columns: string[]; pairs: PairReadout[]; testId: string }) {
  const t = useTranslations('walk.pair');
  const n = useWalkNumbers();
  const first = pairs[0];
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} className="w-full text-sm tabular-nums">
        <thead>
          <tr className="text-left text-xs text-zinc-500">
            <th scope="col" className="font-normal">
              {t('token')}
            </th>
            {columns.map((c) => (
              <th key={c} scope="col" className="text-right font-normal">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['a', 'b'] as const).map((side) => (
            <tr key={side} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="walk-pair-row" data-token={first[side].text}>
              <th scope="row" className="py-0.5 text-left font-mono font-normal">
                {shown(first[side])} {first[side].split && <span className="font-sans text-xs text-zinc-500">{t('split')}</span>}
              </th>
              {pairs.map((p, i) => (
                <td key={i} className="text-right" data-testid="walk-pair-prob" data-prob={p[side].prob.toFixed(6)} data-rank={p[side].rank}>
                  {t('probability', { prob: n.percent(p[side].prob), rank: n.rank(p[side].rank) })}
                </td>
              ))}
            </tr>
          ))}
          <tr className="border-t border-zinc-200 dark:border-zinc-700">
            <th scope="row" className="py-0.5 text-left text-xs font-normal text-zinc-600 dark:text-zinc-400">
              <Term id="logitDiff">{t('diff')}</Term>
            </th>
            {pairs.map((p, i) => (
              <td key={i} className="text-right" data-testid="walk-pair-diff" data-diff={p.diff.toFixed(4)}>
                {n.signed(p.diff)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
