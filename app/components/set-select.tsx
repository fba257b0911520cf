'use client';
/**
 * The vector-set menu shared by the analogy and map pages: this site's sets and, apart, those kept
 * in this browser (with their size and a remove button), and the way to add one from a file
 * ("Open a vector file…" or a file dropped on the page).
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { refreshLocalSets, useLocalSets, type LocalSetSummary } from '@/app/hooks/use-set-index';
import { OpfsStore } from '@/lib/hub/opfs-store';
import { removeLocalSet } from '@/lib/vectors/local-sets';
import { DEFAULT_SET, pickSet } from '@/lib/vectors/set-index';
import { VectorImport } from './vector-import';

/** Sizes in megabytes with one decimal, in the reader's number format. */
function useMegabytes(): (bytes: number) => string {
  const format = useFormatter();
  return (bytes) => format.number(bytes / 1e6, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

export function SetSelect({ sets, value, onChange }: { sets: { name: string; title: string }[]; value: string; onChange: (name: string) => void }) {
  const t = useTranslations('vectors.select');
  const MB = useMegabytes();
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
          {t('label')}
          <select data-testid="set-select" value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-zinc-300 bg-transparent px-1 dark:border-zinc-700">
            {kept.length === 0 ? (
              site.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.title}
                </option>
              ))
            ) : (
              <>
                <optgroup label={t('site')}>
                  {site.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.title}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('browser')} data-testid="local-options">
                  {kept.map((s) => (
                    <option key={s.name} value={s.name}>
                      {t('option', { title: s.title, size: MB(s.bytes) })}
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
  const t = useTranslations('vectors.select');
  const MB = useMegabytes();
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async (name: string) => {
    setAsking(null);
    onRemove(name);
    try {
      await removeLocalSet(OpfsStore.open(), name);
      setError(null);
    } catch (e) {
      setError(t('removeFailed', { name, detail: (e as Error).message }));
    }
    await refreshLocalSets();
  };
  const total = sets.reduce((n, s) => n + s.bytes, 0);
  return (
    <details data-testid="local-sets" className="text-xs">
      <summary className="cursor-pointer">
        {t('summary', { count: sets.length, size: MB(total) })}
      </summary>
      <ul className="mt-1 space-y-1">
        {sets.map((s) => (
          <li key={s.name} data-testid="local-set" data-name={s.name} className="flex flex-wrap items-center gap-2">
            <span>{t.rich('item', { title: s.title, name: s.name, count: s.count, dims: s.dims, size: MB(s.bytes), code: (c: ReactNode) => <code>{c}</code> })}</span>
            {asking === s.name ? (
              <>
                <button type="button" data-testid="local-remove-confirm" onClick={() => void remove(s.name)} className="rounded bg-red-700 px-2 text-white">
                  {t('removeForGood')}
                </button>
                <button type="button" onClick={() => setAsking(null)} className="rounded border border-zinc-300 px-2 dark:border-zinc-700">
                  {t('keep')}
                </button>
              </>
            ) : (
              <button type="button" data-testid="local-remove" onClick={() => setAsking(s.name)} className="rounded border border-zinc-300 px-2 dark:border-zinc-700">
                {t('remove')}
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
