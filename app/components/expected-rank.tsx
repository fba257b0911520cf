'use client';
import type { Preset } from '@/lib/presets';
import type { QueryResult } from '@/lib/vectors/analogy';

/** Where the expected answer (the article's, or ?expect=) ranks in the loaded vectors. */
export function ExpectedRank({ result, preset, loadedAll }: { result: QueryResult; preset?: Preset; loadedAll: boolean }) {
  const e = result.expected;
  if (!e) return null;
  const first = e.rank === 1;
  const tone = first ? 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950' : 'border-amber-500 bg-amber-50 dark:bg-amber-950';
  return (
    <div data-testid="expected-rank" data-rank={e.rank ?? ''} className={`rounded border-l-4 p-3 text-sm ${tone}`}>
      <p>
        {preset ? 'The article’s answer' : 'Expected answer'} <strong className="font-mono">{e.word}</strong>{' '}
        {e.rank === null ? (
          <>is {e.reason}.</>
        ) : first ? (
          <>comes first: the claim holds in these vectors.</>
        ) : (
          <>
            ranks <strong>#{e.rank}</strong> of {result.searched.toLocaleString('en')} here (score {e.score?.toFixed(3)}):{' '}
            {e.rank <= 10 ? 'close, but the claim does not hold exactly in these vectors.' : 'the claim does not hold in these vectors.'}
          </>
        )}
      </p>
      {preset && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Claim: {preset.claim}.</p>}
      {!loadedAll && <p className="mt-1 text-xs">Still loading: the rank may change when all words are in.</p>}
    </div>
  );
}
