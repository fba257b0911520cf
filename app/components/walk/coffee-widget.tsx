'use client';
/** Step 8: GPT-2's five most likely next tokens after "I like my coffee with cream and", and the rank of " sugar". */
import { useTranslations } from 'next-intl';
import { NO_ABLATION } from '@/lib/gpt2/ablation';
import type { TokenReadout, TopToken } from '@/lib/walk/gpt2-readouts';
import { Gpt2Widget } from './gpt2-widget';
import { COFFEE } from './step-inputs';
import { useWalkNumbers } from './use-walk-numbers';
import type { WalkGpt2 } from './walk-gpt2';


interface CoffeeResult {
  top: TopToken[];
  target: TokenReadout;
}

async function compute(g: WalkGpt2): Promise<CoffeeResult> {
  const [run, readouts] = await Promise.all([g.layers({ prompt: COFFEE.prompt, ablation: NO_ABLATION, position: -1, layer: 0, head: 0 }), import('@/lib/walk/gpt2-readouts')]);
  return { top: readouts.topTokens(run.finalLogits, 5), target: readouts.readToken(run.finalLogits, COFFEE.tokens[0]) };
}

const shown = (text: string) => text.replace(/ /g, '·').replace(/\n/g, '↵');

export function CoffeeWidget() {
  const t = useTranslations('walk.coffee');
  const n = useWalkNumbers();
  return (
    <Gpt2Widget step="training" compute={compute}>
      {({ top, target }) => (
        <>
          <p className="text-zinc-600 dark:text-zinc-400">{t('prompt', { prompt: COFFEE.prompt })}</p>
          <ol data-testid="walk-coffee" className="space-y-0.5">
            {top.map((tok, i) => (
              <li key={tok.id} data-testid="walk-next-token" data-token={tok.id} data-prob={tok.prob.toFixed(6)} className="flex items-center gap-2">
                <span className="w-28 truncate font-mono">{t('token', { rank: i + 1, token: shown(tok.text) })}</span>
                <span className="relative h-2.5 flex-1 rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden>
                  <span className="absolute inset-y-0 left-0 rounded bg-sky-500" style={{ width: `${Math.max(1, (tok.prob / (top[0]?.prob || 1)) * 100).toFixed(1)}%` }} />
                </span>
                <span className="w-16 text-right tabular-nums">{n.percent(tok.prob)}</span>
              </li>
            ))}
          </ol>
          <p data-testid="walk-coffee-target" data-rank={target.rank}>
            {t('target', { token: shown(target.text), rank: n.rank(target.rank), prob: n.percent(target.prob) })}
          </p>
        </>
      )}
    </Gpt2Widget>
  );
}
