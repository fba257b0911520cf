'use client';
/**
 * The vector-set menu shared by the analogy and map pages: this site's sets and, apart, those kept
 * in this browser (with their size and a remove button), and the way to add one from a file
 * ("Open a vector file…" or a file dropped on the page).
 */
import { useState } from 'react';
import { refreshLocalSets, useLocalSets, type LocalSetSummary } from '@/app/hooks/use-set-index';
import { OpfsStore } from '@/lib/hub/opfs-store';
import { removeLocalSet } from '@/lib/vectors/local-sets';
import { DEFAULT_SET, pickSet } from '@/lib/vectors/set-index';
import { VectorImport } from './vector-import';

const MB = (bytes: number) => `${(bytes / 1e6).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;

export function SetSelect({ sets, value, onChange }: { sets: { name: string; title: string }[]; value: string; onChange: (name: string) => void }) {
  const local = useLocalSets();
  const kept = local?.sets ?? [];
  const keptNames = new Set(kept.map((s) => s.name));
  const site = sets.filter((s) => !keptNames.has(s.name));
  /** Leaves a set that is about to go for the site's default one. */
  const leave = (name: string) => {
    const fallback = pickSet({ sets: site, broken: [] }, null, DEFAULT_SET);
    if (name === value && fallback) onChange(fallback);
  };
  return (
    <span className="flex flex-wrap items-center gap-2">
      {sets.length > 1 && (
        <label className="flex items-center gap-1">
          Vectors
          <select data-testid="set-select" value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700">
            {kept.length === 0 ? (
              site.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.title}
                </option>
              ))
            ) : (
              <>
                <optgroup label="On this site">
                  {site.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.title}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="In this browser" data-testid="local-options">
                  {kept.map((s) => (
                    <option key={s.name} value={s.name}>
                      {`${s.title} (${MB(s.bytes)})`}
                    </option>
                  ))}
                </optgroup>
              </>
            )}
          </select>
        </label>
      )}
      {local?.available && (
        <VectorImport serverNames={local.serverNames} localNames={[...kept.map((s) => s.name), ...local.broken.map((b) => b.name)]} onImported={onChange} />
      )}
      {kept.length > 0 && <LocalSetList sets={kept} onRemove={leave} />}
    </span>
  );
}

/** The sets kept in this browser, each with its size and a remove button (asked twice). */
function LocalSetList({ sets, onRemove }: { sets: LocalSetSummary[]; onRemove: (name: string) => void }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (name: string) => {
    setAsking(null);
    onRemove(name);
    try {
      await removeLocalSet(OpfsStore.open(), name);
      setError(null);
    } catch (e) {
      setError(`Could not remove “${name}”: ${(e as Error).message}. Close other tabs that use it and try again.`);
    }
    await refreshLocalSets();
  };
  const total = sets.reduce((n, s) => n + s.bytes, 0);
  return (
    <details data-testid="local-sets" className="text-xs">
      <summary className="cursor-pointer">
        In this browser: {sets.length} {sets.length === 1 ? 'set' : 'sets'}, {MB(total)}
      </summary>
      <ul className="mt-1 space-y-1">
        {sets.map((s) => (
          <li key={s.name} data-testid="local-set" data-name={s.name} className="flex flex-wrap items-center gap-2">
            <span>
              {s.title} <code>{s.name}</code> · {s.count.toLocaleString('en')} × {s.dims} · {MB(s.bytes)}
            </span>
            {asking === s.name ? (
              <>
                <button type="button" data-testid="local-remove-confirm" onClick={() => void remove(s.name)} className="rounded bg-red-700 px-2 text-white">
                  Remove for good
                </button>
                <button type="button" onClick={() => setAsking(null)} className="rounded border border-zinc-300 px-2 dark:border-zinc-700">
                  Keep
                </button>
              </>
            ) : (
              <button type="button" data-testid="local-remove" onClick={() => setAsking(s.name)} className="rounded border border-zinc-300 px-2 dark:border-zinc-700">
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </details>
  );
}
