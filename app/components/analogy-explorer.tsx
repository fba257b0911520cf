'use client';
/**
 * The analogy page: an expression box with the article's presets, ranked results with score
 * bars, the rank of the expected answer, and a neighbours panel. The URL holds the query.
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
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
import { EnglishNote } from './sets-gate';

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
  const t = useTranslations('analogy');
  const presets = useTranslations('analogy.presets');
  const common = useTranslations('common');
  const format = useFormatter();
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
      <section className="min-w-0 space-y-4" aria-label={t('label')}>
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            submit(draft.trim());
          }}
        >
          <label htmlFor="expression" className="sr-only">
            {t('expression')}
          </label>
          <input
            id="expression"
            ref={inputRef}
            data-testid="expression-input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t('placeholder')}
            autoComplete="off"
            spellCheck={false}
            className="flex-1 rounded border border-zinc-300 bg-white px-3 py-2 font-mono text-base shadow-sm focus:outline-none focus:ring-2 focus:ring-sky-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" data-testid="run" className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
            {t('compute')}
          </button>
        </form>
        <EnglishNote />

        <div className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:overflow-visible sm:px-0" aria-label={t('examples')}>
          {ANALOGY_PRESETS.map((p) => (
            <PresetChip key={p.expression} onClick={() => submit(p.expression)} title={presets(`${p.id}.claim`)} active={state.q === p.expression}>
              {presets(`${p.id}.label`)}
            </PresetChip>
          ))}
        </div>

        <fieldset className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="sr-only">{t('options')}</legend>
          <span role="radiogroup" aria-label={t('method')} className="flex gap-3">
            {(['3cosadd', '3cosmul'] as const).map((m) => (
              <label key={m} className="flex items-center gap-1">
                <input type="radio" name="method" value={m} checked={state.method === m} onChange={() => setState((s) => ({ ...s, method: m }))} />
                <Term id={m}>{m === '3cosadd' ? '3CosAdd' : '3CosMul'}</Term>
              </label>
            ))}
          </span>
          <label className="flex items-center gap-1" title={t('honestTitle')}>
            <input type="checkbox" data-testid="honest" checked={state.honest} onChange={(e) => setState((s) => ({ ...s, honest: e.target.checked }))} />
            <span>{t.rich('honest', { term: (c: ReactNode) => <Term id="honest">{c}</Term> })}</span>
          </label>
          <label className="flex items-center gap-1">
            {t('resultCount')}
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
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('lowercase')}</p>
        )}

        {error && <ErrorMessage error={error} input={state.q} onSuggestion={(q) => submit(q)} />}

        {result && !error && (
          <div className="space-y-3" aria-live="polite">
            <h2 className="text-sm text-zinc-600 dark:text-zinc-400">
              <span className="font-mono text-zinc-900 dark:text-zinc-100" data-testid="canonical">
                {result.expression}
              </span>{' '}
              ·{' '}
              {[
                result.method === 'cosine' ? t('summary.cosine') : result.method === '3cosadd' ? '3CosAdd' : '3CosMul',
                t(result.honest ? 'summary.honest' : 'summary.hidden'),
                common('ms', { ms: result.ms.toFixed(1) }),
                ...(result.searched < result.total ? [t('summary.partial', { count: result.searched })] : []),
              ].join(' · ')}
            </h2>
            <ResultsList result={result} expect={expected} onPick={pickWord} testId="results" />
            {expected && <ExpectedRank result={result} preset={preset} loadedAll={load.status === 'ready'} />}
            {result.kind !== 'neighbors' && (
              <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="input-ranks">
                {t(result.honest ? 'inputRanks' : 'inputRanksHidden', {
                  ranks: result.inputs.map((i) => t('inputRank', { word: i.word, rank: format.number(i.rank) })).join(common('separator')),
                })}
              </p>
            )}
          </div>
        )}
      </section>

      <aside ref={aside} className="scroll-mt-4 space-y-3" aria-label={t('neighbours.label')} aria-live="polite">
        <h2 className="font-medium">
          {neighbours ? t.rich('neighbours.titleOf', { word: neighbours.expression, w: (c: ReactNode) => <span className="font-mono">{c}</span> }) : t('neighbours.title')}
        </h2>
        {neighbours ? (
          <ResultsList result={neighbours} onPick={pickWord} testId="neighbours" />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('neighbours.hint', { dims: load.info?.dims ?? 100 })}</p>
        )}
        <VectorsNote title={load.info?.title} source={load.info?.source} licence={load.info?.licence} dims={load.info?.dims} glove={state.set === DEFAULT_SET} />
      </aside>
    </div>
  );
}

function VectorsNote({ title, source, licence, dims, glove }: { title?: string; source?: string; licence?: string; dims?: number; glove: boolean }) {
  const t = useTranslations('analogy.about');
  return (
    <details className="rounded border border-zinc-200 p-3 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400" open>
      <summary className="cursor-pointer font-medium text-zinc-800 dark:text-zinc-200">{t('title')}</summary>
      <p className="mt-2">{t.rich('loaded', { title: title ?? '…', source: source ?? '…', licence: licence ?? '…', b: (c: ReactNode) => <strong>{c}</strong> })}</p>
      <p className="mt-2">{t('text', { kind: glove ? 'glove' : 'other', dims: dims ?? '…' })}</p>
    </details>
  );
}
