'use client';
/**
 * Step 7: "Q: What is the capital of France? A: Paris. Q: What is the capital of Poland? A:" —
 * under the logit lens, the best guess and the ranks of " Warsaw" and " Poland" after every layer;
 * then the feed-forward block that raised " Warsaw" most is switched off and the prompt rerun.
 */
import { useLocale, useTranslations } from 'next-intl';
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import type { LensLayer, TokenReadout } from '@/lib/walk/gpt2-readouts';
import { useLayerNames, useModelLabel } from '../gpt2/gpt2-text';
import { Gpt2Widget } from './gpt2-widget';
import { CAPITAL, stepHref } from './step-inputs';
import { useWalkNumbers } from './use-walk-numbers';
import { useWalkGpt2, type WalkGpt2 } from './walk-gpt2';


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

export function CapitalWidget() {
  const t = useTranslations('walk.capital');
  const n = useWalkNumbers();
  const layers = useLayerNames();
  const modelLabel = useModelLabel();
  const lang = useLocale();
  const { modelParams } = useWalkGpt2();
  return (
    <Gpt2Widget step="capital" compute={compute}>
      {(r, model) => {
        const values = {
          block: r.block,
          before: n.rank(r.rankBeforeBlock),
          after: n.rank(r.rankAfterBlock),
          probBefore: n.percent(r.before.prob),
          rankBefore: n.rank(r.before.rank),
          probAfter: n.percent(r.after.prob),
          rankAfter: n.rank(r.after.rank),
        };
        return (
          <>
            <p data-testid="walk-capital-model">
              {t(model.config.nLayer === 24 ? 'modelMedium' : 'model', { label: modelLabel(model), layers: model.config.nLayer })}
            </p>
            <div className="max-h-80 overflow-auto">
              <table className="w-full text-xs tabular-nums">
                <thead className="sticky top-0 bg-white dark:bg-zinc-950">
                  <tr className="text-left text-zinc-500">
                    <th scope="col" className="font-normal">
                      {t('layer')}
                    </th>
                    <th scope="col" className="font-normal">
                      {t('best')}
                    </th>
                    {CAPITAL.tokens.map((tok) => (
                      <th key={tok} scope="col" className="text-right font-normal">
                        {t('rankOf', { token: shown(tok) })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.lens.map((l) => (
                    <tr key={l.layer} data-testid="walk-lens-row" data-layer={l.layer} data-warsaw={l.ranks[0]} data-poland={l.ranks[1]} className="border-t border-zinc-100 dark:border-zinc-800">
                      <td className="py-0.5" title={layers.label(l.layer)}>
                        {l.layer}
                      </td>
                      <td className="max-w-[8rem] truncate font-mono">{shown(l.best.text)}</td>
                      {l.ranks.map((rank, i) => (
                        <td key={i} className={`text-right ${rank === 1 ? 'font-semibold text-emerald-700 dark:text-emerald-400' : ''}`}>
                          {n.rank(rank)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p data-testid="walk-capital-ablation" data-block={r.block} data-prob-before={r.before.prob.toFixed(6)} data-prob-after={r.after.prob.toFixed(6)}>
              {t.rich('withLink', {
                text: t(r.gain > 0 ? 'ablation' : 'noGain', values),
                label: t('open'),
                link: (label) => (
                  <a href={stepHref('capital', modelParams, { ablation: `mlp${r.block}`, lang })} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                    {label}
                  </a>
                ),
              })}
            </p>
          </>
        );
      }}
    </Gpt2Widget>
  );
}
