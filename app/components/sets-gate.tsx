'use client';
/**
 * What the vector pages share: find this site's vector sets and those kept in this browser, then
 * render the page with them (or say there are none). A set named by the address (?set=NAME) that
 * is in neither list is said to be gone, and the page opens its default set instead. Also shared:
 * the note, in other languages than English, that the words typed must be English ones.
 */
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useInitialUrlState } from '@/app/url-state';
import { LocalSetsContext, useSetIndex } from '@/app/hooks/use-set-index';
import { DEFAULT_SET, pickSet, type SetIndex } from '@/lib/vectors/set-index';
import { NoVectors } from './no-vectors';

export function SetsGate({ children }: { children: (sets: SetIndex['sets']) => ReactNode }) {
  const t = useTranslations('vectors.sets');
  const common = useTranslations('common');
  const state = useSetIndex();
  const requested = useInitialUrlState().get('set');
  if (state.status === 'loading') return <p className="text-sm text-zinc-500">{t('looking')}</p>;
  if (state.status === 'error') {
    return (
      <p role="alert" data-testid="load-error" className="rounded border border-red-400 p-3 text-sm">
        {t('listFailed', { detail: state.error })}
      </p>
    );
  }
  const { index, local } = state;
  const serverNames = index.sets.map((s) => s.name);
  // A kept set whose name the site now uses too is hidden: the name opens the site's set.
  const shadowed = local.sets.filter((s) => serverNames.includes(s.name));
  const kept = local.sets.filter((s) => !serverNames.includes(s.name));
  const sets = [...index.sets, ...kept.map((s) => ({ name: s.name, title: s.title }))];
  const gone = requested && !sets.some((s) => s.name === requested) ? requested : null;
  const instead = sets.find((s) => s.name === pickSet({ sets, broken: [] }, null, DEFAULT_SET));
  const note = 'text-xs text-amber-700 dark:text-amber-400';
  const broken = (list: { name: string; error: string }[]) => list.map((b) => t('brokenItem', { name: b.name, detail: b.error })).join(common('semicolon'));
  return (
    <LocalSetsContext.Provider value={{ ...local, sets: kept, serverNames }}>
      {gone && (
        <p role="status" data-testid="set-gone" className="mb-3 rounded border border-amber-400 p-2 text-sm">
          {t('gone', { name: gone, instead: instead?.title ?? t('anotherSet') })}
        </p>
      )}
      {sets.length === 0 ? <NoVectors /> : children(sets)}
      {index.broken.length > 0 && <p className={note}>{t('brokenServer', { list: broken(index.broken) })}</p>}
      {local.broken.length > 0 && (
        <p className={note} data-testid="local-broken">
          {t('brokenLocal', { list: broken(local.broken) })}
        </p>
      )}
      {shadowed.length > 0 && <p className={note}>{t('shadowed', { names: shadowed.map((s) => t('quoted', { name: s.name })).join(common('separator')) })}</p>}
    </LocalSetsContext.Provider>
  );
}

/** Where words are typed, in a language other than English: the words must still be English, as the vectors are. */
export function EnglishNote() {
  const locale = useLocale();
  const t = useTranslations('vectors');
  if (locale === 'en') return null;
  return (
    <p data-testid="english-note" className="text-xs text-zinc-600 dark:text-zinc-400">
      {t('englishNote')}
    </p>
  );
}
