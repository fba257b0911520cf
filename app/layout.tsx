import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from './components/i18n-provider';
import { SiteNav } from './components/site-nav';
import { SiteSetup } from './components/site-setup';
import './globals.css';

export const metadata: Metadata = {
  title: 'Word vector explorer',
  description: 'Try the claims of "how LLMs work" yourself: word vectors, analogies, neighbours — computed in your browser.',
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
