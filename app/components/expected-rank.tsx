'use client';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Preset } from '@/lib/presets';
import type { ExpectedRank as Rank, QueryResult } from '@/lib/vectors/analogy';

/** A word of a several-word claim holds when it is among this many nearest words. */
const NEAR = 10;

/** The message of each reason an expected word has no rank. */
const REASONS: Record<NonNullable<Rank['reason']>, string> = {
  'not in vocabulary': 'unknown',
  'an input word (excluded; try honest mode)': 'input',
};

/**
 * Where the expected answer (the article's, or ?expect=) ranks in the loaded vectors. A claim that
 * names several words (cat's neighbours: dog, kitten, pet) holds only as far as each word does:
 * each gets its own rank.
 */
export function ExpectedRank({ result, preset, loadedAll }: { result: QueryResult; preset?: Preset; loadedAll: boolean }) {
  const t = useTranslations('analogy.expected');
  const presets = useTranslations('analogy.presets');
  const e = result.expected;
  if (!e) return null;
  const all = [e, ...(result.alsoExpected ?? [])];
  const several = all.length > 1;
  const holds = (r: Rank) => r.rank !== null && (several ? r.rank <= NEAR : r.rank === 1);
  const held = all.filter(holds).length;
  const tone = held === all.length ? 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950' : 'border-amber-500 bg-amber-50 dark:bg-amber-950';
  const reason = (r: Rank) => t(`reason.${r.reason ? REASONS[r.reason] : 'unknown'}`);
  const source = preset ? 'article' : 'other';
  const tags = { b: (c: ReactNode) => <strong>{c}</strong>, w: (c: ReactNode) => <strong className="font-mono">{c}</strong> };
  return (
    <div data-testid="expected-rank" data-rank={e.rank ?? ''} data-held={held} data-words={all.length} className={`rounded border-l-4 p-3 text-sm ${tone}`}>
      {several ? (
        <>
          <p>{t.rich('several', { source, count: all.length, held, near: NEAR, ...tags })}</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {all.map((r) => (
              <li key={r.word} data-testid="claim-word" data-word={r.word} data-rank={r.rank ?? ''} data-holds={holds(r)}>
                <span aria-hidden>{holds(r) ? '✓' : '✗'}</span> <span className="font-mono">{r.word}</span>{' '}
                <span className="text-xs">{r.rank === null ? t('missingShort', { reason: reason(r) }) : t('rankShort', { rank: r.rank })}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {e.rank === null
            ? t.rich('missing', { source, word: e.word, reason: reason(e), ...tags })
            : e.rank === 1
              ? t.rich('first', { source, word: e.word, ...tags })
              : t.rich('ranked', { source, word: e.word, rank: e.rank, searched: result.searched, score: e.score?.toFixed(3) ?? '', verdict: t(e.rank <= NEAR ? 'close' : 'fails'), ...tags })}
        </p>
      )}
      {preset && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{t('claim', { claim: presets(`${preset.id}.claim`) })}</p>}
      {!loadedAll && <p className="mt-1 text-xs">{t('loading')}</p>}
    </div>
  );
}
