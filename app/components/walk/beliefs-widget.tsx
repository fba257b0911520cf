'use client';
/** Step 9: after the popcorn-labelled-chocolate story, GPT-2's probabilities of " chocolate" and " popcorn" next. */
import { useTranslations } from 'next-intl';
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import type { PairReadout } from '@/lib/walk/gpt2-readouts';
import { Gpt2Widget } from './gpt2-widget';
import { PairTable } from './pair-table';
import { BELIEFS } from './step-inputs';
import type { WalkGpt2 } from './walk-gpt2';


async function compute(g: WalkGpt2): Promise<PairReadout> {
  const [run, readouts] = await Promise.all([g.layers({ prompt: BELIEFS.prompt, ablation: NO_ABLATION, position: -1, layer: 0, head: 0 }), import('@/lib/walk/gpt2-readouts')]);
  return readouts.readPair(run.finalLogits, BELIEFS.tokens[0], BELIEFS.tokens[1]);
}

export function BeliefsWidget() {
  const t = useTranslations('walk.beliefs');
  return (
    <Gpt2Widget step="beliefs" compute={compute}>
      {(pair) => (
        <>
          <p className="text-zinc-600 dark:text-zinc-400">{t('story', { prompt: BELIEFS.prompt })}</p>
          <PairTable testId="walk-beliefs" columns={[t('column')]} pairs={[pair]} />
          <p data-testid="walk-beliefs-summary" data-diff={pair.diff.toFixed(4)}>
            {pair.diff >= 0 ? t('belief', { word: pair.a.text.trim() }) : t('fact', { word: pair.b.text.trim() })}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('caveat')}</p>
        </>
      )}
    </Gpt2Widget>
  );
}
