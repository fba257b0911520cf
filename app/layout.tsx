import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { withBase } from './base-path';
import { SiteSetup } from './components/site-setup';
import './globals.css';

export const metadata: Metadata = {
  title: 'Word vector explorer',
  description: 'Try the claims of "how LLMs work" yourself: word vectors, analogies, neighbours — computed in your browser.',
};

const NAV = [
  { href: '/', label: 'Analogies' },
  { href: '/map', label: 'Maps' },
  { href: '/context', label: 'Context' },
  { href: '/layers', label: 'Layers' },
  { href: '/speed', label: 'Speed' },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3" aria-label="Main">
            {/* Plain links: each page loads as its own document, with its own security policy. */}
            <a href={withBase('/')} className="font-semibold">
              Word vector explorer
            </a>
            {NAV.map((n) => (
              <a key={n.href} href={withBase(n.href)} className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
                {n.label}
              </a>
            ))}
          </nav>
        </header>
        <SiteSetup />
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
