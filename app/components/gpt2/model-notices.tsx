/** What the GPT-2 pages say about installed models: an unknown ?model=, none installed, broken folders. */
import type { InstalledGpt2 } from '@/lib/node/gpt2-model-reader';

export function UnknownModel({ requested, models }: { requested: string; models: InstalledGpt2[] }) {
  return (
    <p role="alert" className="rounded border border-red-400 p-3 text-sm">
      There is no GPT-2 model named <code>{requested}</code> in <code>models/</code>
      {models.length > 0 && <> (installed: {models.map((m) => m.manifest.name).join(', ')})</>}.
    </p>
  );
}

export function NoGpt2({ models }: { models: InstalledGpt2[] }) {
  return (
    <div role="alert" data-testid="no-gpt2" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-4 text-sm dark:bg-amber-950">
      <p className="font-medium">GPT-2 is not installed.</p>
      <p>
        Install it with one command, then reload this page: <code className="rounded bg-white px-1 dark:bg-zinc-900">npm run models:gpt2</code>
      </p>
      {models.some((m) => m.manifest.random) && <p className="text-xs">Random test models are installed, but they are not GPT-2 and are not offered here.</p>}
    </div>
  );
}

export function BrokenModels({ broken }: { broken: { name: string; error: string }[] }) {
  if (broken.length === 0) return null;
  return <p className="text-xs text-amber-700 dark:text-amber-400">Ignored broken GPT-2 folders in models/: {broken.map((b) => `${b.name} (${b.error})`).join('; ')}</p>;
}
