import { SpeedCheck } from './speed-check';

export const metadata = { title: 'Speed on this machine · Word vector explorer' };

export default function SpeedPage() {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">How fast is it here?</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Runs 200 analogy queries (b − a + c on word triples drawn with a fixed seed from the 10,000 most frequent words) over all the loaded words, in the same
        Web Worker the analogy page uses, and reports the median time per query and per kernel pass. The same measurement runs in Node with{' '}
        <code>npm run -s bench:query</code>.
      </p>
      <SpeedCheck />
    </div>
  );
}
