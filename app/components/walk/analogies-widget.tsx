'use client';
/**
 * Step 3: the explanation's six analogies on the loaded vectors. For each: the word that comes
 * first here, where the explanation's answer ranks, and its rank with the input words kept
 * (honest mode), with a link to the analogy page on that expression.
 */
import { withBase } from '@/app/base-path';
import type { ExpectedRank } from '@/lib/vectors/analogy';
import { ARTICLE_ANALOGIES, walkPreset } from '@/lib/walk/analogies';
import { analogyHref, pagePath } from '@/lib/walk/links';
import { fill } from '@/lib/walk/template';
import { VectorWidget, type Ask } from './vector-widget';

const TEXT = {
  summary: '{held} of {total} hold in these vectors: the explanation’s answer comes first.',
  first: 'First here: {word} ({score})',
  answer: 'The explanation’s answer, {word}: #{rank}',
  answerMissing: 'The explanation’s answer, {word}: {reason}',
  honest: 'with the input words kept: #{rank}, after {first}',
  honestFirst: 'with the input words kept: #1',
  holds: '✓',
  fails: '✗',
  open: 'Open',
  openLabel: 'Open {expression} on the analogy page',
};

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

export function AnalogiesWidget() {
  return (
    <VectorWidget step="analogies" ask={ask}>
      {(results) => {
        const held = presets.filter((_, i) => rankOf(results[2 * i].expected) === 1).length;
        return (
          <div className="space-y-2">
            <p data-testid="walk-analogies-summary" data-held={held}>
              {fill(TEXT.summary, { held, total: presets.length })}
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
                      {holds ? TEXT.holds : TEXT.fails}
                    </span>
                    <span className="font-mono font-medium">{p.label}</span>
                    <span>{top ? fill(TEXT.first, { word: top.word, score: top.score.toFixed(3) }) : ''}</span>
                    <span className="w-full pl-6 text-xs text-zinc-600 dark:text-zinc-400">
                      {rank === null ? fill(TEXT.answerMissing, { word: p.expect, reason: plain.expected?.reason ?? '' }) : fill(TEXT.answer, { word: p.expect, rank })}
                      {honestRank !== null && (honestRank === 1 ? ` · ${TEXT.honestFirst}` : ` · ${fill(TEXT.honest, { rank: honestRank, first: honest.results[0]?.word ?? '' })}`)}
                      {' · '}
                      <a href={withBase(analogyHref(pagePath('/analogies', STATIC), p.expression))} aria-label={fill(TEXT.openLabel, { expression: p.label })} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                        {TEXT.open}
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
