'use client';
import type { Preset } from '@/lib/presets';
import type { ExpectedRank as Rank, QueryResult } from '@/lib/vectors/analogy';

/** A word of a several-word claim holds when it is among this many nearest words. */
const NEAR = 10;

/**
 * Where the expected answer (the article's, or ?expect=) ranks in the loaded vectors. A claim that
 * names several words (cat's neighbours: dog, kitten, pet) holds only as far as each word does:
 * each gets its own rank.
 */
export function ExpectedRank({ result, preset, loadedAll }: { result: QueryResult; preset?: Preset; loadedAll: boolean }) {
  const e = result.expected;
  if (!e) return null;
  const all = [e, ...(result.alsoExpected ?? [])];
  const several = all.length > 1;
  const holds = (r: Rank) => r.rank !== null && (several ? r.rank <= NEAR : r.rank === 1);
  const held = all.filter(holds).length;
  const tone = held === all.length ? 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950' : 'border-amber-500 bg-amber-50 dark:bg-amber-950';
  return (
    <div data-testid="expected-rank" data-rank={e.rank ?? ''} data-held={held} data-words={all.length} className={`rounded border-l-4 p-3 text-sm ${tone}`}>
      {several ? (
        <>
          <p>
            {preset ? 'The article names' : 'Expected'} {all.length} words; the claim holds for <strong>{held}</strong> of them (among the {NEAR} nearest in these vectors):
          </p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {all.map((r) => (
              <li key={r.word} data-testid="claim-word" data-word={r.word} data-rank={r.rank ?? ''} data-holds={holds(r)}>
                <span aria-hidden>{holds(r) ? '✓' : '✗'}</span> <span className="font-mono">{r.word}</span>{' '}
                {r.rank === null ? <span className="text-xs">({r.reason})</span> : <span className="text-xs">#{r.rank.toLocaleString('en')}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {preset ? 'The article’s answer' : 'Expected answer'} <strong className="font-mono">{e.word}</strong>{' '}
          {e.rank === null ? (
            <>is {e.reason}.</>
          ) : e.rank === 1 ? (
            <>comes first: the claim holds in these vectors.</>
          ) : (
            <>
              ranks <strong>#{e.rank}</strong> of {result.searched.toLocaleString('en')} here (score {e.score?.toFixed(3)}):{' '}
              {e.rank <= NEAR ? 'close, but the claim does not hold exactly in these vectors.' : 'the claim does not hold in these vectors.'}
            </>
          )}
        </p>
      )}
      {preset && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Claim: {preset.claim}.</p>}
      {!loadedAll && <p className="mt-1 text-xs">Still loading: the ranks may change when all words are in.</p>}
    </div>
  );
}
