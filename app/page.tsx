import { Suspense } from 'react';
import { PageLoading } from './components/page-intro';
import { Walk } from './components/walk/walk';

/**
 * The front page: a guided walk through the explanation (app/components/walk). It renders in the
 * browser, which first sends old analogy links (`/?q=…`) on to /analogies.
 */
export default function WalkPage() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Walk />
    </Suspense>
  );
}
