import { Suspense } from 'react';
import { LayersRoute } from '@/app/components/layers/layers-route';

export default function LayersPage() {
  return (
    <div className="space-y-4" data-testid="layers-page">
      <div>
        <h1 className="text-2xl font-semibold">Inside the layers</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          What GPT-2 predicts next, what it would predict after each layer (the logit lens), where every attention head looks, and what changes when you switch heads
          or feed-forward blocks off — and text that continues, token by token. GPT-2 runs in your browser.
        </p>
      </div>
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <LayersRoute />
      </Suspense>
    </div>
  );
}
