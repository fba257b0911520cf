'use client';
/**
 * The site's navigation: plain links (each page loads as its own document, with its own security
 * policy), the current page marked for eyes and screen readers, wrapping on a phone.
 */
import { useTranslations } from 'next-intl';
import { usePathname } from 'next/navigation';
import { withBase } from '@/app/base-path';
import { LanguageSwitch } from './language-switch';

const NAV = [
  { href: '/', key: 'walk' },
  { href: '/analogies', key: 'analogies' },
  { href: '/map', key: 'map' },
  { href: '/context', key: 'context' },
  { href: '/layers', key: 'layers' },
  { href: '/train', key: 'train' },
  { href: '/speed', key: 'speed' },
  { href: '/glossary', key: 'glossary' },
] as const;

export function SiteNav() {
  const t = useTranslations('site');
  const path = (usePathname() ?? '/').replace(/\/$/, '') || '/';
  return (
    <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-1 px-4 py-3" aria-label={t('nav.label')}>
      <a href={withBase('/')} className="mr-2 font-semibold">
        {t('title')}
      </a>
      {NAV.map((n) => {
        const current = n.href === path;
        return (
          <a
            key={n.href}
            href={withBase(n.href)}
            aria-current={current ? 'page' : undefined}
            className="text-sm text-zinc-600 underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-[current=page]:font-semibold aria-[current=page]:text-zinc-900 aria-[current=page]:underline dark:text-zinc-400 dark:aria-[current=page]:text-zinc-100"
          >
            {t(`nav.${n.key}`)}
          </a>
        );
      })}
      <LanguageSwitch />
    </nav>
  );
}
