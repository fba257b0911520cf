import { Suspense } from 'react';
import { AnalogyRoute } from '../components/analogy-route';

export default function AnalogyPage() {
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Words as vectors</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Each word is a list of numbers; words with similar meanings have similar numbers. Type an expression such as <code>king - man + woman</code> (or{' '}
          <code>man : woman :: king : ?</code>, or one word for its neighbours) and see which words sit closest to the result. Everything is computed in your
          browser. Press <kbd>/</kbd> to jump to the box.
        </p>
      </div>
      <Suspense fallback={<p className="text-sm text-zinc-500">Loading…</p>}>
        <AnalogyRoute />
      </Suspense>
    </div>
  );
}
