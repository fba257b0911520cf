'use client';
/** Step 9: after the popcorn-labelled-chocolate story, GPT-2's probabilities of " chocolate" and " popcorn" next. */
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import type { PairReadout } from '@/lib/walk/gpt2-readouts';
import { fill } from '@/lib/walk/template';
import type { WalkStep } from '@/lib/walk/steps';
import { Gpt2Widget } from './gpt2-widget';
import { PairTable } from './pair-table';
import { BELIEFS } from './step-inputs';
import type { WalkGpt2 } from './walk-gpt2';

const TEXT = {
  story: 'The story: “{prompt} …”',
  column: 'probability (rank)',
  belief: 'The model prefers “{word}”: Sam’s belief, from the label, not what is in the bag.',
  fact: 'The model prefers “{word}”: what is in the bag, not what Sam was led to believe.',
  caveat: 'One story proves little: “chocolate” is also written in the story itself, and the results quoted above come from many stories and their variations.',
};

async function compute(g: WalkGpt2): Promise<PairReadout> {
  const [run, readouts] = await Promise.all([g.layers({ prompt: BELIEFS.prompt, ablation: NO_ABLATION, position: -1, layer: 0, head: 0 }), import('@/lib/walk/gpt2-readouts')]);
  return readouts.readPair(run.finalLogits, BELIEFS.tokens[0], BELIEFS.tokens[1]);
}

export function BeliefsWidget({ step }: { step: WalkStep }) {
  return (
    <Gpt2Widget step="beliefs" pending={step.pending ?? ''} compute={compute}>
      {(pair) => (
        <>
          <p className="text-zinc-600 dark:text-zinc-400">{fill(TEXT.story, { prompt: BELIEFS.prompt })}</p>
          <PairTable testId="walk-beliefs" columns={[TEXT.column]} pairs={[pair]} />
          <p data-testid="walk-beliefs-summary" data-diff={pair.diff.toFixed(4)}>
            {pair.diff >= 0 ? fill(TEXT.belief, { word: pair.a.text.trim() }) : fill(TEXT.fact, { word: pair.b.text.trim() })}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{TEXT.caveat}</p>
        </>
      )}
    </Gpt2Widget>
  );
}
