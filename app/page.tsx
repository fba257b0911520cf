import { listSets, DEFAULT_SET } from '@/lib/node/vector-set-reader';
import { METHODS, type Method } from '@/lib/vectors/methods';
import { AnalogyExplorer, type QueryState } from './components/analogy-explorer';
import { NoVectors } from './components/no-vectors';

// Reads models/ on each request, so a newly imported set shows up without a rebuild.
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AnalogyPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const { sets, broken } = await listSets();
  const method = one(params.method);
  const k = Number(one(params.k));
  const setParam = one(params.set);
  const initial: QueryState = {
    q: one(params.q) ?? 'king - man + woman',
    method: METHODS.includes(method as Method) ? (method as Method) : '3cosadd',
    honest: one(params.honest) === '1',
    k: [5, 10, 20, 50].includes(k) ? k : 10,
    expect: one(params.expect) || undefined,
    word: one(params.word) || undefined,
    set: sets.some((s) => s.name === setParam) ? setParam! : DEFAULT_SET,
  };
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
      {sets.length === 0 ? <NoVectors /> : (
        <AnalogyExplorer initial={initial} sets={sets.map((s) => ({ name: s.name, title: s.title }))} />
      )}
      {broken.length > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          Ignored broken sets in models/: {broken.map((b) => `${b.name} (${b.error})`).join('; ')}
        </p>
      )}
    </div>
  );
}
