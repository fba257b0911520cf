'use client';
/** The map's inputs: which words, which projection and its parameters, colours and overlay. */
import { Term } from '../term';
import { useEffect, useState, type ReactNode } from 'react';
import type { PairSet } from '@/lib/maps/analogy-overlay';
import { formatWordSource, MAX_NEIGHBOURS, MAX_TOP, parseWordList, parseWordSource } from '@/lib/maps/word-source';
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
  const [draft, setDraft] = useState(() => draftOf(state.words));
  const [problem, setProblem] = useState('');
  useEffect(() => setDraft(draftOf(state.words)), [state.words]);

  const apply = () => {
    try {
      const source =
        draft.mode === 'neighbors'
          ? parseWordSource(`neighbors:${draft.query}:${draft.n}`)
          : draft.mode === 'top'
            ? parseWordSource(`top:${draft.n}`)
            : parseWordList(draft.list);
      setProblem('');
      onChange({ words: formatWordSource(source), selected: '' });
    } catch (e) {
      setProblem((e as Error).message);
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
          Words
          <select data-testid="words-mode" value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as Mode })} className={field}>
            <option value="neighbors">Nearest neighbours of…</option>
            <option value="top">Most frequent words</option>
            <option value="list">My list or groups</option>
          </select>
        </label>
        {draft.mode === 'neighbors' && (
          <label className="flex flex-col gap-1">
            Word or expression
            <input data-testid="words-query" value={draft.query} onChange={(e) => setDraft({ ...draft, query: e.target.value })} className={`${field} w-48 font-mono`} spellCheck={false} />
          </label>
        )}
        {draft.mode !== 'list' && (
          <label className="flex flex-col gap-1">
            How many
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
            Words (commas or new lines; a line &ldquo;Name: w1, w2&rdquo; makes a coloured group)
            <textarea data-testid="words-list" rows={3} value={draft.list} onChange={(e) => setDraft({ ...draft, list: e.target.value })} className={`${field} font-mono`} spellCheck={false} />
          </label>
        )}
        <button type="submit" data-testid="words-apply" className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">
          Show
        </button>
      </form>
      {problem && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <span role="radiogroup" aria-label="Projection" className="flex gap-3">
          {(
            [
              ['umap', 'UMAP'],
              ['pca', 'PCA'],
              ['axes', 'Word-pair axes'],
            ] as const
          ).map(([m, label]) => (
            <label key={m} className="flex items-center gap-1">
              <input type="radio" name="method" data-testid={`method-${m}`} checked={state.method === m} onChange={() => onChange({ method: m })} />
              {m === 'axes' ? label : <Term id={m}>{label}</Term>}
            </label>
          ))}
        </span>
        <span role="radiogroup" aria-label="Dimensions" className="flex gap-3">
          {([2, 3] as const).map((d) => (
            <label key={d} className="flex items-center gap-1">
              <input type="radio" name="dims" data-testid={`dims-${d}`} checked={state.dims === d} onChange={() => onChange({ dims: d })} />
              {d}D
            </label>
          ))}
        </span>
        {state.method === 'umap' && (
          <>
            <NumberField label={<Term id="neighbours">Neighbours</Term>} value={state.nNeighbors} min={2} max={100} step={1} onCommit={(v) => onChange({ nNeighbors: v })} />
            <NumberField label={<Term id="minDist">Min. distance</Term>} value={state.minDist} min={0} max={1} step={0.05} onCommit={(v) => onChange({ minDist: v })} />
            <NumberField label={<Term id="seed">Seed</Term>} value={state.seed} min={0} max={1e9} step={1} onCommit={(v) => onChange({ seed: v })} testId="seed" />
          </>
        )}
        {state.method === 'axes' && (
          <>
            <TextField label="x: from,to" value={state.axisX} onCommit={(v) => onChange({ axisX: v })} testId="axis-x" />
            <TextField label="y: from,to (empty = main remaining component)" value={state.axisY} onCommit={(v) => onChange({ axisY: v })} testId="axis-y" />
          </>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <label className="flex items-center gap-1">
          Colour
          <select data-testid="color-mode" value={state.color} onChange={(e) => onChange({ color: e.target.value as ColorMode })} className={field}>
            <option value="group">by group</option>
            <option value="cluster">by k-means cluster (100-d)</option>
            <option value="none">one colour</option>
          </select>
        </label>
        {state.color === 'cluster' && <NumberField label="Clusters" value={state.clusters} min={2} max={20} step={1} onCommit={(v) => onChange({ clusters: v })} />}
        <label className="flex items-center gap-1">
          Analogy arrows
          <select data-testid="overlay" value={state.overlay} onChange={(e) => onChange({ overlay: e.target.value })} className={field}>
            <option value="">none</option>
            {pairSets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
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
