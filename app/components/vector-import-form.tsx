'use client';
/** The choices for an import: the set's name (checked as you type), title, licence and format, and whether to replace a kept set of that name. */
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { VECTOR_FORMATS, type VectorFormat } from '@/lib/import/readers';
import { localSetNameProblem, setNameFromFile } from '@/lib/vectors/local-sets';

export interface ImportChoices {
  name: string;
  title: string;
  licence: string;
  format: 'auto' | VectorFormat;
  replace: boolean;
}

/** The first choices for a file: its name made into a set name, its name as the title. */
export function choicesFor(fileName: string): ImportChoices {
  return { name: setNameFromFile(fileName), title: fileName, licence: 'unknown', format: 'auto', replace: false };
}

/** Why the choices cannot be imported as they are: its message's key (vectors.import.problems.<key>), or null. */
export type ChoicesProblem = 'badName' | 'siteName' | 'taken' | 'noTitle';

export function choicesProblem(c: ImportChoices, serverNames: string[], localNames: string[]): ChoicesProblem | null {
  if (localSetNameProblem(c.name)) return 'badName';
  if (serverNames.includes(c.name)) return 'siteName';
  if (localNames.includes(c.name) && !c.replace) return 'taken';
  if (!c.title.trim()) return 'noTitle';
  return null;
}

/** A name as the problem shows it: long ones cut short. */
const shown = (name: string) => (name.length > 80 ? `${name.slice(0, 80)}…` : name);

const field = 'rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900';

export function ImportForm({
  initial,
  serverNames,
  localNames,
  disabled,
  onSubmit,
}: {
  initial: ImportChoices;
  serverNames: string[];
  localNames: string[];
  disabled: boolean;
  onSubmit: (choices: ImportChoices) => void;
}) {
  const t = useTranslations('vectors.import');
  const [c, setC] = useState(initial);
  const problem = choicesProblem(c, serverNames, localNames);
  const set = (patch: Partial<ImportChoices>) => setC((old) => ({ ...old, ...patch }));
  return (
    <form
      className="grid gap-2 text-sm sm:grid-cols-[auto_1fr] sm:items-center"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) onSubmit({ ...c, title: c.title.trim(), licence: c.licence.trim() || 'unknown' });
      }}
    >
      <label htmlFor="import-name">{t('name')}</label>
      <input id="import-name" data-testid="import-name" autoFocus value={c.name} disabled={disabled} onChange={(e) => set({ name: e.target.value.trim(), replace: false })} spellCheck={false} className={`${field} font-mono`} />
      {localNames.includes(c.name) && (
        <label className="flex items-center gap-1 sm:col-start-2">
          <input type="checkbox" data-testid="import-replace" checked={c.replace} disabled={disabled} onChange={(e) => set({ replace: e.target.checked })} />
          {t('replace', { name: c.name })}
        </label>
      )}
      <label htmlFor="import-title">{t('title')}</label>
      <input id="import-title" data-testid="import-title" value={c.title} disabled={disabled} onChange={(e) => set({ title: e.target.value })} className={field} />
      <label htmlFor="import-licence">{t('licence')}</label>
      <input id="import-licence" value={c.licence} disabled={disabled} onChange={(e) => set({ licence: e.target.value })} className={field} />
      <label htmlFor="import-format">{t('format')}</label>
      <select id="import-format" data-testid="import-format" value={c.format} disabled={disabled} onChange={(e) => set({ format: e.target.value as ImportChoices['format'] })} className={field}>
        {(['auto', ...VECTOR_FORMATS] as const).map((f) => (
          <option key={f} value={f}>
            {t(`formats.${f}`)}
          </option>
        ))}
      </select>
      {problem && (
        <p data-testid="import-problem" className="text-amber-700 sm:col-span-2 dark:text-amber-400">
          {t(`problems.${problem}`, { name: shown(c.name) })}
        </p>
      )}
      <div className="sm:col-span-2">
        <button type="submit" data-testid="import-start" disabled={disabled || problem !== null} className="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800 disabled:opacity-50">
          {t('submit')}
        </button>
      </div>
    </form>
  );
}
