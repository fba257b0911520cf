import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { I18nProvider } from './components/i18n-provider';
import { SiteNav } from './components/site-nav';
import { SiteSetup } from './components/site-setup';
import './globals.css';

const site = translatorFor(DEFAULT_LOCALE, 'site');

/**
 * The pages are built once, as static HTML in the default language (the reader's language is
 * chosen in the browser): the title and description here are the default language's, and
 * <I18nProvider> puts the reader's in their place as the page starts.
 */
export const metadata: Metadata = {
  title: site('title'),
  description: site('description'),
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <I18nProvider>
          <header className="border-b border-zinc-200 dark:border-zinc-800">
            <SiteNav />
          </header>
          <SiteSetup />
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </I18nProvider>
      </body>
    </html>
  );
}
