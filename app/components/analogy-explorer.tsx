'use client';
/**
 * The analogy page: an expression box with the article's presets, ranked results with score
 * bars, the rank of the expected answer, and a neighbours panel. The URL holds the query.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { replaceUrlState } from '@/app/url-state';
import { ANALOGY_PRESETS, findPreset } from '@/lib/presets';
import type { QueryResult } from '@/lib/vectors/analogy';
import type { QueryState } from '@/lib/route-state/query-state';
import { DEFAULT_SET } from '@/lib/vectors/set-index';
import type { WireError } from '@/lib/worker/protocol';
import { useVectors } from '../hooks/use-vectors';
import { ErrorMessage } from './error-message';
import { ExpectedRank } from './expected-rank';
import { Term } from './term';
import { LoadProgress } from './load-progress';
import { ResultsList } from './results-list';
import { PresetChip } from './preset-chip';
import { SetSelect } from './set-select';

interface Props {
  initial: QueryState;
  sets: { name: string; title: string }[];
}

function toUrl(s: QueryState): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.method !== '3cosadd') p.set('method', s.method);
  if (s.honest) p.set('honest', '1');
  if (s.k !== 10) p.set('k', String(s.k));
  if (s.expect) p.set('expect', s.expect);
  if (s.word) p.set('word', s.word);
  if (s.set !== 'glove-6b-100d') p.set('set', s.set);
  const text = p.toString();
  return text ? `?${text}` : '';
}

export function AnalogyExplorer({ initial, sets }: Props) {
  const [state, setState] = useState<QueryState>(initial);
  const [draft, setDraft] = useState(initial.q);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const [neighbours, setNeighbours] = useState<QueryResult | null>(null);
  const { state: load, query, neighbors, retry } = useVectors(state.set);
  const inputRef = useRef<HTMLInputElement>(null);
  const searchable = load.info !== undefined && load.rows > 0;

  // Keep the URL in step with the query, so a link reproduces the view.
  useEffect(() => {
    replaceUrlState(toUrl(state));
  }, [state]);

  // Run the query whenever it changes, and once more when loading completes.
  useEffect(() => {
    if (!state.q.trim()) {
      // An empty box clears the last answer and any error with it.
      setResult(null);
      setError(null);
      return;
    }
    if (!searchable) return;
    let live = true;
    const preset = state.expect ? undefined : findPreset(state.q);
    const expect = state.expect ?? preset?.expect;
    query(state.q, { k: state.k, method: state.method, honest: state.honest, expect, expectAlso: preset?.alsoExpect })
      .then((r) => {
        if (!live) return;
        performance.mark('analogy:result', { detail: { searched: r.searched, total: r.total } }); // read by scripts/bench-browser.ts
        setResult(r);
        setError(null);
      })
      .catch((e: WireError) => live && (setError(e), setResult(null)));
    return () => {
      live = false;
    };
  }, [searchable, load.status, state.q, state.method, state.honest, state.k, state.expect, query]);

  useEffect(() => {
    if (!searchable || !state.word) {
      setNeighbours(null);
      return;
    }
    let live = true;
    neighbors(state.word, { k: 15 })
      .then((r) => live && setNeighbours(r))
      .catch(() => live && setNeighbours(null));
    return () => {
      live = false;
    };
  }, [searchable, load.status, state.word, neighbors]);

  // "/" focuses the expression box from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement?.tagName !== 'INPUT') {
        e.preventDefault();
        inputRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = useCallback((q: string, patch: Partial<QueryState> = {}) => {
    setDraft(q);
    setState((s) => ({ ...s, q, expect: undefined, ...patch }));
  }, []);
  const aside = useRef<HTMLElement>(null);
  const pickWord = useCallback((word: string) => {
    setState((s) => ({ ...s, word }));
    // On a phone the neighbours panel sits below the results, out of sight: bring it into view.
    const panel = aside.current;
    if (panel && panel.getBoundingClientRect().top > window.innerHeight * 0.8) panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);
  const preset = findPreset(state.q);
  const expected = state.expect ?? preset?.expect;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <section className="min-w-0 space-y-4" aria-label="Analogies">
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            submit(draft.trim());
          }}
        >
          <label htmlFor="expression" className="sr-only">
            Expression
          </label>
          <input
            id="expression"
            ref={inputRef}
            data-testid="expression-input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="king - man + woman   ·   paris : france :: berlin : ?   ·   cat"
            autoComplete="off"
            spellCheck={false}
            className="flex-1 rounded border border-zinc-300 bg-white px-3 py-2 font-mono text-base shadow-sm focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" data-testid="run" className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
            Compute
          </button>
        </form>

        <div className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:overflow-visible sm:px-0" aria-label="Examples from the article">
          {ANALOGY_PRESETS.map((p) => (
            <PresetChip key={p.expression} onClick={() => submit(p.expression)} title={p.claim} active={state.q === p.expression}>
              {p.label}
            </PresetChip>
          ))}
        </div>

        <fieldset className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="sr-only">Options</legend>
          <span role="radiogroup" aria-label="Method" className="flex gap-3">
            {(['3cosadd', '3cosmul'] as const).map((m) => (
              <label key={m} className="flex items-center gap-1">
                <input type="radio" name="method" value={m} checked={state.method === m} onChange={() => setState((s) => ({ ...s, method: m }))} />
                <Term id={m}>{m === '3cosadd' ? '3CosAdd' : '3CosMul'}</Term>
              </label>
            ))}
          </span>
          <label className="flex items-center gap-1" title="Keep the input words among the answers and show where they rank">
            <input type="checkbox" data-testid="honest" checked={state.honest} onChange={(e) => setState((s) => ({ ...s, honest: e.target.checked }))} />
            <Term id="honest">Honest mode</Term> (don&apos;t hide the input words)
          </label>
          <label className="flex items-center gap-1">
            Results
            <select value={state.k} onChange={(e) => setState((s) => ({ ...s, k: Number(e.target.value) }))} className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700">
              {[5, 10, 20, 50].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <SetSelect sets={sets} value={state.set} onChange={(set) => setState((s) => ({ ...s, set, word: undefined }))} />
        </fieldset>

        <LoadProgress state={load} onRetry={retry} />
        {load.info?.lowercase && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">These vectors are lower-case only: your words are lower-cased before lookup.</p>
        )}

        {error && <ErrorMessage error={error} input={state.q} onSuggestion={(q) => submit(q)} />}

        {result && !error && (
          <div className="space-y-3" aria-live="polite">
            <h2 className="text-sm text-zinc-600 dark:text-zinc-400">
              <span className="font-mono text-zinc-900 dark:text-zinc-100" data-testid="canonical">
                {result.expression}
              </span>{' '}
              · {result.method === 'cosine' ? 'nearest neighbours by cosine' : result.method === '3cosadd' ? '3CosAdd' : '3CosMul'}
              {result.honest ? ' · honest' : ' · input words hidden'} · {result.ms.toFixed(1)} ms
              {result.searched < result.total && ` · searched the ${result.searched.toLocaleString('en')} words loaded so far`}
            </h2>
            <ResultsList result={result} expect={expected} onPick={pickWord} testId="results" />
            {expected && <ExpectedRank result={result} preset={preset} loadedAll={load.status === 'ready'} />}
            {result.kind !== 'neighbors' && (
              <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="input-ranks">
                Where the input words themselves rank: {result.inputs.map((i) => `${i.word} #${i.rank}`).join(', ')}
                {!result.honest && ' (hidden from the list above; tick honest mode to see them)'}
              </p>
            )}
          </div>
        )}
      </section>

      <aside ref={aside} className="scroll-mt-4 space-y-3" aria-label="Nearest neighbours" aria-live="polite">
        <h2 className="font-medium">Nearest neighbours {neighbours && <span className="font-mono">of “{neighbours.expression}”</span>}</h2>
        {neighbours ? (
          <ResultsList result={neighbours} onPick={pickWord} testId="neighbours" />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Click any result word to see the words closest to it (cosine similarity over all {load.info?.dims ?? 100} dimensions).</p>
        )}
        <VectorsNote title={load.info?.title} source={load.info?.source} licence={load.info?.licence} dims={load.info?.dims} glove={state.set === DEFAULT_SET} />
      </aside>
    </div>
  );
}

function VectorsNote({ title, source, licence, dims, glove }: { title?: string; source?: string; licence?: string; dims?: number; glove: boolean }) {
  return (
    <details className="rounded border border-zinc-200 p-3 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400" open>
      <summary className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">About these vectors</summary>
      <p className="mt-2">
        Loaded: <strong>{title ?? '…'}</strong>. Source: {source ?? '…'}. Licence: {licence ?? '…'}.
      </p>
      <p className="mt-2">
        The article&apos;s examples come from word2vec trained on Google News (300 dimensions, 3 million words and phrases, case-sensitive).{' '}
        {glove ? (
          <>
            GloVe 6B was trained on Wikipedia and Gigaword with another objective and has 100 dimensions here, so some analogies hold (queen, berlin, nurse, beijing come
            first) and some only nearly (the answer appears lower in the list).
          </>
        ) : (
          <>These vectors ({dims ?? '…'} dimensions) were trained differently, so each claim may hold, nearly hold or fail: the ranks say which.</>
        )}{' '}
        Scores are cosine similarities; 3CosAdd ranks by cos(x, b − a + c), 3CosMul multiplies the similarities instead (Levy &amp; Goldberg 2014). Like most
        tools, answers hide the input words by default: honest mode shows them.
      </p>
    </details>
  );
}
