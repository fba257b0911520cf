'use client';
/**
 * Step 6: "When Mary and John went to the store, John gave a drink to" — GPT-2's probabilities of
 * " Mary" and " John" next, their logit difference, and the same with the name-mover heads
 * switched off (only on a model with GPT-2 small's 12 × 12 heads, where those heads exist).
 */
import { IOI_REFERENCE, referenceHeadsStatus } from '@/lib/gpt2/ioi-reference';
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import type { PairReadout } from '@/lib/walk/gpt2-readouts';
import { signed } from '@/lib/walk/numbers';
import { fill } from '@/lib/walk/template';
import type { WalkStep } from '@/lib/walk/steps';
import { Gpt2Widget } from './gpt2-widget';
import { PairTable } from './pair-table';
import { IOI, NAME_MOVERS } from './step-inputs';
import type { WalkGpt2 } from './walk-gpt2';

const TEXT = {
  prompt: 'After “{prompt}”:',
  intact: 'the model as it is',
  ablated: 'name movers 9.6, 9.9, 10.0 off',
  prefers: 'The model prefers {word} (logit difference {diff}).',
  ablationChange: 'With the name movers switched off, the logit difference goes from {before} to {after}.',
  noHeads: 'This model does not have GPT-2 small’s 12 layers × 12 heads, so the name movers (heads 9.6, 9.9 and 10.0 of GPT-2 small) are not switched off here.',
  reference: 'For comparison, the published mean logit difference on such sentences for GPT-2 small is {value}.',
};

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

export function IoiWidget({ step }: { step: WalkStep }) {
  return (
    <Gpt2Widget step="ioi" pending={step.pending ?? ''} compute={compute}>
      {({ after, before }) => {
        const intact = before ?? after;
        return (
          <>
            <p className="text-zinc-600 dark:text-zinc-400">{fill(TEXT.prompt, { prompt: IOI.prompt })}</p>
            <PairTable
              testId="walk-ioi"
              columns={before ? [TEXT.intact, TEXT.ablated] : [TEXT.intact]}
              pairs={before ? [before, after] : [after]}
            />
            <p data-testid="walk-ioi-summary" data-diff={intact.diff.toFixed(4)} data-ablated-diff={before ? after.diff.toFixed(4) : ''}>
              {fill(TEXT.prefers, { word: intact.diff >= 0 ? intact.a.text.trim() : intact.b.text.trim(), diff: signed(intact.diff) })}{' '}
              {before ? fill(TEXT.ablationChange, { before: signed(before.diff), after: signed(after.diff) }) : TEXT.noHeads}
            </p>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{fill(TEXT.reference, { value: signed(IOI_REFERENCE.meanLogitDiff) })}</p>
          </>
        );
      }}
    </Gpt2Widget>
  );
}
