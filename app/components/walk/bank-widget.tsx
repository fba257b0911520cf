'use client';
/**
 * Step 5: bank in three river sentences and three money sentences, run through GPT-2 as the
 * context page runs them; per layer, the mean cosine of the bank vectors with the same meaning,
 * with different meanings, and the baseline.
 */
import { useTranslations } from 'next-intl';
import { senseSeries, type SenseSeries } from '@/lib/walk/sense-series';
import { useLayerNames } from '../gpt2/gpt2-text';
import { Gpt2Widget } from './gpt2-widget';
import { SenseChart } from './sense-chart';
import { BANK } from './step-inputs';
import { useWalkNumbers } from './use-walk-numbers';
import type { WalkGpt2 } from './walk-gpt2';

async function compute(g: WalkGpt2): Promise<SenseSeries> {
  const out = await g.context({ target: BANK.target, sentences: BANK.sentences.map((s) => s.text), senses: BANK.sentences.map((s) => s.sense), pooling: 'last' });
  return senseSeries(out.report);
}

export function BankWidget() {
  const t = useTranslations('walk.bank');
  const layers = useLayerNames();
  const n = useWalkNumbers();
  return (
    <Gpt2Widget step="bank" compute={compute}>
      {(series) => {
        const peak = series.peakLayer;
        const sep = peak === null ? null : (series.same[peak] ?? 0) - (series.different[peak] ?? 0);
        return (
          <>
            <p data-testid="walk-bank-summary" data-peak={peak ?? ''}>
              {peak === null || sep === null || sep <= 0
                ? t('noPeak')
                : t('peak', { layer: layers.label(peak), same: n.maybe(series.same[peak], 3), different: n.maybe(series.different[peak], 3), baseline: n.maybe(series.baseline[peak], 3) })}
            </p>
            <SenseChart series={series} />
          </>
        );
      }}
    </Gpt2Widget>
  );
}
