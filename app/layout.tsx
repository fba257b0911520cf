import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
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
            <Link href="/" className="font-semibold">
              Word vector explorer
            </Link>
            {NAV.map((n) => (
              <Link key={n.href} href={n.href} prefetch={false} className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
                {n.label}
              </Link>
            ))}
          </nav>
        </header>
        <SiteSetup />
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
