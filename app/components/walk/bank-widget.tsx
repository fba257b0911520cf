'use client';
/**
 * Step 5: bank in three river sentences and three money sentences, run through GPT-2 as the
 * context page runs them; per layer, the mean cosine of the bank vectors with the same meaning,
 * with different meanings, and the baseline.
 */
import { layerLabel } from '@/lib/gpt2/layer-names';
import { senseSeries, type SenseSeries } from '@/lib/walk/sense-series';
import { fill } from '@/lib/walk/template';
import type { WalkStep } from '@/lib/walk/steps';
import { Gpt2Widget } from './gpt2-widget';
import { SenseChart } from './sense-chart';
import { BANK } from './step-inputs';
import type { WalkGpt2 } from './walk-gpt2';

const TEXT = {
  peak: 'The two meanings are furthest apart at {layer}: cosine {same} between banks of the same meaning, {different} between a river bank and a money bank, against a baseline of {baseline}.',
  noPeak: 'These sentences gave no layer where banks of the same meaning are closer than banks of different meanings.',
  none: '–',
};

async function compute(g: WalkGpt2): Promise<SenseSeries> {
  const out = await g.context({ target: BANK.target, sentences: BANK.sentences.map((s) => s.text), senses: BANK.sentences.map((s) => s.sense), pooling: 'last' });
  return senseSeries(out.report);
}

const num = (v: number | null) => (v === null ? TEXT.none : v.toFixed(3));

export function BankWidget({ step }: { step: WalkStep }) {
  return (
    <Gpt2Widget step="bank" pending={step.pending ?? ''} compute={compute}>
      {(series) => {
        const peak = series.peakLayer;
        const sep = peak === null ? null : (series.same[peak] ?? 0) - (series.different[peak] ?? 0);
        return (
          <>
            <p data-testid="walk-bank-summary" data-peak={peak ?? ''}>
              {peak === null || sep === null || sep <= 0
                ? TEXT.noPeak
                : fill(TEXT.peak, { layer: layerLabel(peak), same: num(series.same[peak]), different: num(series.different[peak]), baseline: num(series.baseline[peak]) })}
            </p>
            <SenseChart series={series} />
          </>
        );
      }}
    </Gpt2Widget>
  );
}
