import { Suspense } from 'react';
import { ContextRoute } from '@/app/components/context/context-route';

export default function ContextPage() {
  return (
    <div className="space-y-4" data-testid="context-page">
      <div>
        <h1 className="text-2xl font-semibold">One word, many meanings</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          GPT-2 gives the same word a different vector in every sentence. Enter a word and a few sentences that use it, label their senses, and see — layer by layer,
          from the embeddings to the last block — how close the word&apos;s vectors are. GPT-2 runs in your browser.
        </p>
      </div>
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <ContextRoute />
      </Suspense>
    </div>
  );
}
