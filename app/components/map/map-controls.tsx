'use client';
/** The map's inputs: which words, which projection and its parameters, colours and overlay. */
import { useTranslations } from 'next-intl';
import { useEffect, useState, type ReactNode } from 'react';
import { Term } from '../term';
import { useErrorText } from '../error-message';
import { EnglishNote } from '../sets-gate';
import type { PairSet } from '@/lib/maps/analogy-overlay';
import { formatWordSource, MAX_NEIGHBOURS, MAX_TOP, parseWordList, parseWordSource, WordSourceError } from '@/lib/maps/word-source';
import type { WireError } from '@/lib/worker/protocol';
import type { ColorMode, MapState } from '@/lib/maps/map-state';
import { SetSelect } from '../set-select';

interface Props {
  state: MapState;
  sets: { name: string; title: string }[];
  pairSets: PairSet[];
  onChange: (patch: Partial<MapState>) => void;
}

type Mode = 'neighbors' | 'top' | 'list';

/** The words box's draft, split out of the state's text form so that the user can edit freely. */
function draftOf(words: string): { mode: Mode; query: string; n: number; list: string } {
  try {
    const s = parseWordSource(words);
    if (s.kind === 'neighbors') return { mode: 'neighbors', query: s.query, n: s.n, list: '' };
    if (s.kind === 'top') return { mode: 'top', query: 'king', n: s.n, list: '' };
    const list = s.kind === 'list' ? s.words.join(', ') : s.groups.map((g) => `${g.name}: ${g.words.join(', ')}`).join('\n');
    return { mode: 'list', query: 'king', n: 500, list };
  } catch {
    return { mode: 'neighbors', query: 'king', n: 500, list: '' };
  }
}

const field = 'rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900';

export function MapControls({ state, sets, pairSets, onChange }: Props) {
  const t = useTranslations('map.controls');
  const pairNames = useTranslations('map.pairSets');
  const errorText = useErrorText();
  const [draft, setDraft] = useState(() => draftOf(state.words));
  const [problem, setProblem] = useState<Pick<WireError, 'code' | 'params' | 'message'> | null>(null);
  useEffect(() => setDraft(draftOf(state.words)), [state.words]);

  const apply = () => {
    try {
      const source =
        draft.mode === 'neighbors'
          ? parseWordSource(`neighbors:${draft.query}:${draft.n}`)
          : draft.mode === 'top'
            ? parseWordSource(`top:${draft.n}`)
            : parseWordList(draft.list);
      setProblem(null);
      onChange({ words: formatWordSource(source), selected: '' });
    } catch (e) {
      setProblem(e instanceof WordSourceError ? e : { message: (e as Error).message });
    }
  };

  return (
    <div className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="flex flex-col gap-1">
          {t('words')}
          <select data-testid="words-mode" value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as Mode })} className={field}>
            <option value="neighbors">{t('mode.neighbors')}</option>
            <option value="top">{t('mode.top')}</option>
            <option value="list">{t('mode.list')}</option>
          </select>
        </label>
        {draft.mode === 'neighbors' && (
          <label className="flex flex-col gap-1">
            {t('query')}
            <input data-testid="words-query" value={draft.query} onChange={(e) => setDraft({ ...draft, query: e.target.value })} className={`${field} w-48 font-mono`} spellCheck={false} />
          </label>
        )}
        {draft.mode !== 'list' && (
          <label className="flex flex-col gap-1">
            {t('count')}
            <input
              data-testid="words-count"
              type="number"
              min={20}
              max={draft.mode === 'top' ? MAX_TOP : MAX_NEIGHBOURS}
              step={10}
              value={draft.n}
              onChange={(e) => setDraft({ ...draft, n: Number(e.target.value) })}
              className={`${field} w-24`}
            />
          </label>
        )}
        {draft.mode === 'list' && (
          <label className="flex min-w-0 flex-1 basis-72 flex-col gap-1">
            {t('list')}
            <textarea data-testid="words-list" rows={3} value={draft.list} onChange={(e) => setDraft({ ...draft, list: e.target.value })} className={`${field} font-mono`} spellCheck={false} />
          </label>
        )}
        <button type="submit" data-testid="words-apply" className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">
          {t('show')}
        </button>
      </form>
      <EnglishNote />
      {problem && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {errorText(problem)}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <span role="radiogroup" aria-label={t('projection')} className="flex gap-3">
          {(['umap', 'pca', 'axes'] as const).map((m) => (
            <label key={m} className="flex items-center gap-1">
              <input type="radio" name="method" data-testid={`method-${m}`} checked={state.method === m} onChange={() => onChange({ method: m })} />
              {m === 'axes' ? t('axes') : <Term id={m}>{m.toUpperCase()}</Term>}
            </label>
          ))}
        </span>
        <span role="radiogroup" aria-label={t('dimensions')} className="flex gap-3">
          {([2, 3] as const).map((d) => (
            <label key={d} className="flex items-center gap-1">
              <input type="radio" name="dims" data-testid={`dims-${d}`} checked={state.dims === d} onChange={() => onChange({ dims: d })} />
              {d}D
            </label>
          ))}
        </span>
        {state.method === 'umap' && (
          <>
            <NumberField label={<Term id="neighbours">{t('neighbours')}</Term>} value={state.nNeighbors} min={2} max={100} step={1} onCommit={(v) => onChange({ nNeighbors: v })} />
            <NumberField label={<Term id="minDist">{t('minDist')}</Term>} value={state.minDist} min={0} max={1} step={0.05} onCommit={(v) => onChange({ minDist: v })} />
            <NumberField label={<Term id="seed">{t('seed')}</Term>} value={state.seed} min={0} max={1e9} step={1} onCommit={(v) => onChange({ seed: v })} testId="seed" />
          </>
        )}
        {state.method === 'axes' && (
          <>
            <TextField label={t('axisX')} value={state.axisX} onCommit={(v) => onChange({ axisX: v })} testId="axis-x" />
            <TextField label={t('axisY')} value={state.axisY} onCommit={(v) => onChange({ axisY: v })} testId="axis-y" />
          </>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <label className="flex items-center gap-1">
          {t('colour')}
          <select data-testid="color-mode" value={state.color} onChange={(e) => onChange({ color: e.target.value as ColorMode })} className={field}>
            <option value="group">{t('colourBy.group')}</option>
            <option value="cluster">{t('colourBy.cluster')}</option>
            <option value="none">{t('colourBy.none')}</option>
          </select>
        </label>
        {state.color === 'cluster' && <NumberField label={t('clusters')} value={state.clusters} min={2} max={20} step={1} onCommit={(v) => onChange({ clusters: v })} />}
        <label className="flex items-center gap-1">
          {t('arrows')}
          <select data-testid="overlay" value={state.overlay} onChange={(e) => onChange({ overlay: e.target.value })} className={field}>
            <option value="">{t('noArrows')}</option>
            {pairSets.map((p) => (
              <option key={p.id} value={p.id}>
                {pairNames(p.id)}
              </option>
            ))}
          </select>
        </label>
        <SetSelect sets={sets} value={state.set} onChange={(set) => onChange({ set, selected: '' })} />
      </div>
    </div>
  );
}

/** A number input that commits on Enter or blur (not on every keystroke: each commit re-projects). */
function NumberField({ label, value, min, max, step, onCommit, testId }: { label: ReactNode; value: number; min: number; max: number; step: number; onCommit: (v: number) => void; testId?: string }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const v = Number(text);
    if (Number.isFinite(v) && v >= min && v <= max) onCommit(v);
    else setText(String(value));
  };
  return (
    <label className="flex items-center gap-1">
      {label}
      <input
        type="number"
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        className={`${field} w-20`}
      />
    </label>
  );
}

function TextField({ label, value, onCommit, testId }: { label: string; value: string; onCommit: (v: string) => void; testId?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <label className="flex flex-wrap items-center gap-1">
      {label}
      <input data-testid={testId} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => onCommit(text.trim())} onKeyDown={(e) => e.key === 'Enter' && onCommit(text.trim())} className={`${field} w-32 font-mono`} />
    </label>
  );
}
