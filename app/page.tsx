import { Suspense } from 'react';
import { Walk } from './components/walk/walk';

/**
 * The front page: a guided walk through the explanation (app/components/walk). It renders in the
 * browser, which first sends old analogy links (`/?q=…`) on to /analogies.
 */
export default function WalkPage() {
  return (
    <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
      <Walk />
    </Suspense>
  );
}
