import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Word vector explorer',
  description: 'Try the claims of "how LLMs work" yourself: word vectors, analogies, neighbours — computed in your browser.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3" aria-label="Main">
            <a href="/" className="font-semibold">
              Word vector explorer
            </a>
            <a href="/" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
              Analogies
            </a>
            <a href="/map" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
              Maps
            </a>
            <a href="/context" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
              Context
            </a>
            <a href="/layers" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
              Layers
            </a>
            <a href="/speed" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">
              Speed
            </a>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
