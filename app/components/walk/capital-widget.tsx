'use client';
/**
 * Step 7: "Q: What is the capital of France? A: Paris. Q: What is the capital of Poland? A:" —
 * under the logit lens, the best guess and the ranks of " Warsaw" and " Poland" after every layer;
 * then the feed-forward block that raised " Warsaw" most is switched off and the prompt rerun.
 */
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import { layerLabel } from '@/lib/gpt2/layer-names';
import type { LensLayer, TokenReadout } from '@/lib/walk/gpt2-readouts';
import { percent, rankText } from '@/lib/walk/numbers';
import { fill } from '@/lib/walk/template';
import type { WalkStep } from '@/lib/walk/steps';
import { Gpt2Widget } from './gpt2-widget';
import { CAPITAL, stepHref } from './step-inputs';
import { useWalkGpt2, type WalkGpt2 } from './walk-gpt2';

const TEXT = {
  model: 'The Brown University result was found on a GPT-2 with 24 layers (GPT-2 medium). The model loaded here is {label}, with {layers} layers, so its layer numbers do not line up with theirs.',
  modelMedium: 'The Brown University result was found on a GPT-2 with 24 layers (GPT-2 medium); the model loaded here, {label}, has 24 layers too.',
  layer: 'Layer',
  best: 'Best guess',
  rankOf: 'Rank of {token}',
  layerValue: '{layer}',
  ablation: 'The feed-forward block in block {block} raised “Warsaw” most (from {before} to {after}). With it switched off, the probability of “Warsaw” goes from {probBefore} ({rankBefore}) to {probAfter} ({rankAfter}).',
  noGain: 'No feed-forward block raised “Warsaw” in this model. Switching off the one in block {block} changes its probability from {probBefore} ({rankBefore}) to {probAfter} ({rankAfter}).',
  open: 'Open the prompt with that block switched off',
};

interface CapitalResult {
  lens: LensLayer[];
  block: number;
  gain: number;
  rankBeforeBlock: number;
  rankAfterBlock: number;
  before: TokenReadout;
  after: TokenReadout;
}

async function compute(g: WalkGpt2): Promise<CapitalResult> {
  const request = { prompt: CAPITAL.prompt, position: -1, layer: 0, head: 0 };
  const [intact, readouts] = await Promise.all([g.layers({ ...request, ablation: NO_ABLATION }), import('@/lib/walk/gpt2-readouts')]);
  const [warsaw, poland] = CAPITAL.tokens;
  const before = readouts.readToken(intact.finalLogits, warsaw);
  const lens = readouts.lensRanks(intact.lensLogits, g.model.config.vocabSize, [before.id, readouts.readToken(intact.finalLogits, poland).id]);
  const gain = readouts.biggestGain(lens.map((l) => l.ranks[0]));
  const ablated = await g.layers({ ...request, ablation: { heads: [], mlps: [gain.block] } });
  return { lens, block: gain.block, gain: gain.gain, rankBeforeBlock: gain.before, rankAfterBlock: gain.after, before, after: readouts.readToken(ablated.finalLogits, warsaw) };
}

const shown = (text: string) => text.replace(/ /g, '·');

export function CapitalWidget({ step }: { step: WalkStep }) {
  const { modelParams } = useWalkGpt2();
  return (
    <Gpt2Widget step="capital" pending={step.pending ?? ''} compute={compute}>
      {(r, model) => {
        const values = {
          block: r.block,
          before: rankText(r.rankBeforeBlock),
          after: rankText(r.rankAfterBlock),
          probBefore: percent(r.before.prob),
          rankBefore: rankText(r.before.rank),
          probAfter: percent(r.after.prob),
          rankAfter: rankText(r.after.rank),
        };
        return (
          <>
            <p data-testid="walk-capital-model">
              {fill(model.config.nLayer === 24 ? TEXT.modelMedium : TEXT.model, { label: model.label, layers: model.config.nLayer })}
            </p>
            <div className="max-h-80 overflow-auto">
              <table className="w-full text-xs tabular-nums">
                <thead className="sticky top-0 bg-white dark:bg-zinc-950">
                  <tr className="text-left text-zinc-500">
                    <th scope="col" className="font-normal">
                      {TEXT.layer}
                    </th>
                    <th scope="col" className="font-normal">
                      {TEXT.best}
                    </th>
                    {CAPITAL.tokens.map((t) => (
                      <th key={t} scope="col" className="text-right font-normal">
                        {fill(TEXT.rankOf, { token: shown(t) })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.lens.map((l) => (
                    <tr key={l.layer} data-testid="walk-lens-row" data-layer={l.layer} data-warsaw={l.ranks[0]} data-poland={l.ranks[1]} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-0.5" title={layerLabel(l.layer)}>
                        {fill(TEXT.layerValue, { layer: l.layer })}
                      </td>
                      <td className="max-w-[8rem] truncate font-mono">{shown(l.best.text)}</td>
                      {l.ranks.map((rank, i) => (
                        <td key={i} className={`text-right ${rank === 1 ? 'font-semibold text-emerald-700 dark:text-emerald-400' : ''}`}>
                          {rankText(rank)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p data-testid="walk-capital-ablation" data-block={r.block} data-prob-before={r.before.prob.toFixed(6)} data-prob-after={r.after.prob.toFixed(6)}>
              {fill(r.gain > 0 ? TEXT.ablation : TEXT.noGain, values)}{' '}
              <a href={stepHref('capital', modelParams, { ablation: `mlp${r.block}` })} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                {TEXT.open}
              </a>
            </p>
          </>
        );
      }}
    </Gpt2Widget>
  );
}
