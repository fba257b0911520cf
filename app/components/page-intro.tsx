'use client';
/**
 * A page's heading and its opening paragraph, in the reader's language: `intro.title` of the
 * namespace as the <h1>, `intro.text` (rich text: <b>, <em>, <code>, <kbd>) as the paragraph.
 * When the namespace also has `intro.docTitle`, the tab's title becomes "docTitle · site title".
 *
 *   <PageIntro ns="analogy" />
 *
 * Also here: <PageLoading />, the line a page shows while its client part starts (a Suspense fallback).
 */
import { useTranslations } from 'next-intl';
import { useEffect, type ReactNode } from 'react';

/** The markup an intro's text may use. */
export const INTRO_TAGS = {
  b: (c: ReactNode) => <strong>{c}</strong>,
  em: (c: ReactNode) => <em>{c}</em>,
  code: (c: ReactNode) => <code>{c}</code>,
  kbd: (c: ReactNode) => <kbd>{c}</kbd>,
};

interface Props {
  /** The message namespace holding `intro.title` and `intro.text` (and optionally `intro.docTitle`). */
  ns: string;
  /** Values for the text's {arguments}, if it has any. */
  values?: Record<string, string | number>;
}

export function PageIntro({ ns, values }: Props) {
  const t = useTranslations(ns);
  const site = useTranslations('site');
  const docTitle = t.has('intro.docTitle') ? `${t('intro.docTitle')} · ${site('title')}` : null;
  useEffect(() => {
    if (docTitle) document.title = docTitle;
  }, [docTitle]);
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t('intro.title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{t.rich('intro.text', { ...values, ...INTRO_TAGS })}</p>
    </div>
  );
}

/** "Loading…" in the reader's language, e.g. as a Suspense fallback. */
export function PageLoading() {
  const t = useTranslations('common');
  return <p className="text-sm text-zinc-500">{t('loading')}</p>;
}
