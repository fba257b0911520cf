'use client';
/**
 * Step 3: the explanation's six analogies on the loaded vectors. For each: the word that comes
 * first here, where the explanation's answer ranks, and its rank with the input words kept
 * (honest mode), with a link to the analogy page on that expression.
 */
import { useLocale, useTranslations } from 'next-intl';
import { withBase } from '@/app/base-path';
import type { ExpectedRank } from '@/lib/vectors/analogy';
import { ARTICLE_ANALOGIES, walkPreset } from '@/lib/walk/analogies';
import { analogyHref, pagePath, withLang } from '@/lib/walk/links';
import { useWalkNumbers } from './use-walk-numbers';
import { VectorWidget, type Ask } from './vector-widget';


const presets = ARTICLE_ANALOGIES.map(walkPreset);
const STATIC = process.env.NEXT_PUBLIC_STATIC_BUILD === '1';

/** Each analogy twice: as the analogy page runs it (input words left out), then in honest mode. */
const ask: Ask = async (v) => {
  const out = [];
  for (const p of presets) {
    for (const honest of [false, true]) out.push(await v.query(p.expression, { k: 3, method: '3cosadd', honest, expect: p.expect }));
  }
  return out;
};

const rankOf = (e: ExpectedRank | undefined) => e?.rank ?? null;

/** Why the explanation's answer has no rank: a message key. */
const missingKey = (e: ExpectedRank | undefined) => (e?.reason === 'an input word (excluded; try honest mode)' ? 'answerInput' : 'answerUnknown');

export function AnalogiesWidget() {
  const t = useTranslations('walk.analogies');
  const n = useWalkNumbers();
  const lang = useLocale();
  return (
    <VectorWidget step="analogies" ask={ask}>
      {(results) => {
        const openLabel = (expression: string) => t('openLabel', { expression });
        const held = presets.filter((_, i) => rankOf(results[2 * i].expected) === 1).length;
        return (
          <div className="space-y-2">
            <p data-testid="walk-analogies-summary" data-held={held}>
              {t('summary', { held, total: presets.length })}
            </p>
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {presets.map((p, i) => {
                const plain = results[2 * i];
                const honest = results[2 * i + 1];
                const rank = rankOf(plain.expected);
                const honestRank = rankOf(honest.expected);
                const top = plain.results[0];
                const holds = rank === 1;
                return (
                  <li key={p.expression} data-testid="walk-analogy" data-expression={p.expression} data-first={top?.word ?? ''} data-rank={rank ?? ''} data-honest-rank={honestRank ?? ''} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-1.5">
                    <span aria-hidden className={holds ? 'text-emerald-600 dark:text-emerald-400' : 'text-amber-600 dark:text-amber-400'}>
                      {holds ? '✓' : '✗'}
                    </span>
                    <span className="font-mono font-medium">{p.label}</span>
                    <span>{top ? t('first', { word: top.word, score: n.fixed(top.score, 3) }) : ''}</span>
                    <span className="w-full pl-6 text-xs text-zinc-600 dark:text-zinc-400">
                      {rank === null ? t(missingKey(plain.expected), { word: p.expect }) : t('answer', { word: p.expect, rank: n.rank(rank) })}
                      {honestRank !== null && ' · '}
                      {honestRank !== null && (honestRank === 1 ? t('honestFirst', { rank: n.rank(1) }) : t('honest', { rank: n.rank(honestRank), first: honest.results[0]?.word ?? '' }))}
                      {' · '}
                      <a href={withLang(withBase(analogyHref(pagePath('/analogies', STATIC), p.expression)), lang)} aria-label={openLabel(p.label)} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                        {t('open')}
                      </a>
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      }}
    </VectorWidget>
  );
}
