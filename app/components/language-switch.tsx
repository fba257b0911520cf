'use client';
/** English / 中文, on every page: the choice is kept in the address (?lang=) and remembered. */
import { useTranslations } from 'next-intl';
import { LOCALES } from '@/lib/i18n/locales';
import { useLocaleChoice } from './i18n-provider';

/** Each language's name in itself, so a reader finds their own whatever is shown. */
// i18n-exempt: language names are written in their own language
const NAMES = { en: 'English', zh: '中文' } as const;

export function LanguageSwitch() {
  const { locale, choose } = useLocaleChoice();
  const t = useTranslations('site');
  return (
    <span role="group" aria-label={t('language')} className="ml-auto flex gap-1 text-sm">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l === 'zh' ? 'zh-CN' : 'en'}
          data-testid={`lang-${l}`}
          aria-pressed={locale === l}
          onClick={() => choose(l)}
          className="rounded px-2 py-0.5 text-zinc-600 hover:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-pressed:bg-zinc-200 aria-pressed:font-semibold aria-pressed:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-800 dark:aria-pressed:text-zinc-100"
        >
          {NAMES[l]}
        </button>
      ))}
    </span>
  );
}
