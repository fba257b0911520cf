'use client';
/**
 * Step 6: "When Mary and John went to the store, John gave a drink to" — GPT-2's probabilities of
 * " Mary" and " John" next, their logit difference, and the same with the name-mover heads
 * switched off (only on a model with GPT-2 small's 12 × 12 heads, where those heads exist).
 */
import { useTranslations } from 'next-intl';
import { IOI_REFERENCE, referenceHeadsStatus } from '@/lib/gpt2/ioi-reference';
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import type { PairReadout } from '@/lib/walk/gpt2-readouts';
import { Gpt2Widget } from './gpt2-widget';
import { PairTable } from './pair-table';
import { IOI, NAME_MOVERS } from './step-inputs';
import { useWalkNumbers } from './use-walk-numbers';
import type { WalkGpt2 } from './walk-gpt2';


interface IoiResult {
  after: PairReadout;
  /** Without the ablation; null when nothing was switched off. */
  before: PairReadout | null;
}

async function compute(g: WalkGpt2): Promise<IoiResult> {
  const ablate = referenceHeadsStatus(g.model) !== 'none';
  const [run, readouts] = await Promise.all([
    g.layers({ prompt: IOI.prompt, ablation: ablate ? NAME_MOVERS : NO_ABLATION, position: -1, layer: 0, head: 0 }),
    import('@/lib/walk/gpt2-readouts'),
  ]);
  const [a, b] = IOI.tokens;
  return { after: readouts.readPair(run.finalLogits, a, b), before: run.baselineLogits ? readouts.readPair(run.baselineLogits, a, b) : null };
}

export function IoiWidget() {
  const t = useTranslations('walk.ioi');
  const n = useWalkNumbers();
  return (
    <Gpt2Widget step="ioi" compute={compute}>
      {({ after, before }) => {
        const intact = before ?? after;
        return (
          <>
            <p className="text-zinc-600 dark:text-zinc-400">{t('prompt', { prompt: IOI.prompt })}</p>
            <PairTable
              testId="walk-ioi"
              columns={before ? [t('intact'), t('ablated')] : [t('intact')]}
              pairs={before ? [before, after] : [after]}
            />
            <p data-testid="walk-ioi-summary" data-diff={intact.diff.toFixed(4)} data-ablated-diff={before ? after.diff.toFixed(4) : ''}>
              {t('summary', {
                prefers: t('prefers', { word: intact.diff >= 0 ? intact.a.text.trim() : intact.b.text.trim(), diff: n.signed(intact.diff) }),
                then: before ? t('ablationChange', { before: n.signed(before.diff), after: n.signed(after.diff) }) : t('noHeads'),
              })}
            </p>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('reference', { value: n.signed(IOI_REFERENCE.meanLogitDiff) })}</p>
          </>
        );
      }}
    </Gpt2Widget>
  );
}
