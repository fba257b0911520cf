'use client';
/** "Loading…" in the reader's language, for a GPT-2 page's Suspense fallback (the page itself is a server component). */
import { useTranslations } from 'next-intl';

export function Gpt2Loading() {
  const t = useTranslations('gpt2');
  return <p className="text-sm text-zinc-500">{t('loading')}</p>;
}
