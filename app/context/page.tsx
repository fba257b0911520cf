import { ContextExplorer, type ContextState, type ModelChoice } from '@/app/components/context/context-explorer';
import { DEFAULT_PRESET } from '@/app/components/context/presets';
import { listGpt2Models, type InstalledGpt2 } from '@/lib/node/gpt2-model-reader';

// Reads models/ on each request, so a newly installed model shows up without a rebuild.
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Real GPT-2 checkpoints, in the order the page prefers them. Random test models are never a default. */
const PREFERRED = ['gpt2', 'distilgpt2', 'gpt2-medium'];

function choice(m: InstalledGpt2): ModelChoice {
  const { manifest } = m;
  return {
    name: manifest.name,
    label: manifest.label,
    random: manifest.random,
    source: manifest.source,
    dtype: manifest.dtype,
    url: `/models/${encodeURIComponent(manifest.name)}/${encodeURIComponent(manifest.files.model.path)}`,
    bytes: manifest.files.model.bytes,
    sha256: manifest.files.model.sha256,
    config: manifest.config,
  };
}

export default async function ContextPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const { models, broken } = await listGpt2Models();
  const real = models.filter((m) => !m.manifest.random).sort((a, b) => rank(a) - rank(b));
  const requested = one(params.model);
  // ?model= picks any installed model, random test models included: that is the tests' setting, shown on the page.
  const explicit = requested ? models.find((m) => m.manifest.name === requested) : undefined;
  const picked = explicit ?? real[0];

  const sentences = many(params.s);
  const senses = many(params.sense);
  const layer = Number(one(params.layer));
  const initial: ContextState = sentences.length
    ? { target: one(params.target) ?? '', sentences: sentences.map((text, i) => ({ text, sense: senses[i] ?? '' })), pooling: one(params.pool) === 'mean' ? 'mean' : 'last' }
    : { target: DEFAULT_PRESET.target, sentences: DEFAULT_PRESET.sentences, pooling: one(params.pool) === 'mean' ? 'mean' : 'last' };

  return (
    <div className="space-y-4" data-testid="context-page">
      <div>
        <h1 className="text-2xl font-semibold">One word, many meanings</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          GPT-2 gives the same word a different vector in every sentence. Enter a word and a few sentences that use it, label their senses, and see — layer by layer,
          from the embeddings to the last block — how close the word&apos;s vectors are. GPT-2 runs in your browser.
        </p>
      </div>
      {requested && !explicit && (
        <p role="alert" className="rounded border border-red-400 p-3 text-sm">
          There is no GPT-2 model named <code>{requested}</code> in <code>models/</code>
          {models.length > 0 && <> (installed: {models.map((m) => m.manifest.name).join(', ')})</>}.
        </p>
      )}
      {!picked ? (
        <div role="alert" data-testid="no-gpt2" className="space-y-2 rounded border border-amber-400 bg-amber-50 p-4 text-sm dark:bg-amber-950">
          <p className="font-medium">GPT-2 is not installed.</p>
          <p>
            Install it with one command, then reload this page: <code className="rounded bg-white px-1 dark:bg-zinc-900">npm run models:gpt2</code>
          </p>
          {models.some((m) => m.manifest.random) && <p className="text-xs">Random test models are installed, but they are not GPT-2 and are not offered here.</p>}
        </div>
      ) : (
        <ContextExplorer
          key={picked.manifest.name}
          model={choice(picked)}
          explicitModel={explicit ? explicit.manifest.name : undefined}
          others={real.filter((m) => m !== picked).map((m) => ({ name: m.manifest.name, label: m.manifest.label }))}
          initial={initial}
          initialLayer={Number.isInteger(layer) && layer >= 0 && layer <= picked.manifest.config.nLayer ? layer : undefined}
        />
      )}
      {broken.length > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">Ignored broken GPT-2 folders in models/: {broken.map((b) => `${b.name} (${b.error})`).join('; ')}</p>
      )}
    </div>
  );
}

function rank(m: InstalledGpt2): number {
  const i = PREFERRED.indexOf(m.manifest.name);
  return i < 0 ? PREFERRED.length : i;
}
