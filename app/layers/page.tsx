import { LayersExplorer, type LayersState } from '@/app/components/layers/layers-explorer';
import { pickModel, toModelChoice } from '@/app/components/layers/model-choice';
import { DEFAULT_LAYERS_PRESET } from '@/app/components/layers/presets';
import { listGpt2Models } from '@/lib/node/gpt2-model-reader';

// Reads models/ on each request, so a newly installed model shows up without a rebuild.
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const int = (v: string | undefined, fallback: number) => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : fallback);

export default async function LayersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const { models, broken } = await listGpt2Models();
  const requested = one(params.model);
  const { real, explicit, picked } = pickModel(models, requested);

  const prompt = one(params.p);
  const temperature = Number(one(params.temp));
  const initial: LayersState = {
    prompt: prompt ?? DEFAULT_LAYERS_PRESET.prompt,
    tokens: prompt !== undefined ? many(params.tok) : DEFAULT_LAYERS_PRESET.tokens,
    temperature: temperature >= 0.1 && temperature <= 2 ? temperature : 1, // the slider's range
    position: int(one(params.pos), -1),
    layer: int(one(params.layer), 0),
    head: int(one(params.head), 0),
    ablation: one(params.ablate) ?? '',
  };

  return (
    <div className="space-y-4" data-testid="layers-page">
      <div>
        <h1 className="text-2xl font-semibold">Inside the layers</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          What GPT-2 predicts next, what it would predict after each layer (the logit lens), where every attention head looks, and what changes when you switch heads
          or feed-forward blocks off. GPT-2 runs in your browser.
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
        <LayersExplorer
          key={picked.manifest.name}
          model={toModelChoice(picked)}
          explicitModel={explicit ? explicit.manifest.name : undefined}
          others={real.filter((m) => m !== picked).map((m) => ({ name: m.manifest.name, label: m.manifest.label }))}
          initial={initial}
        />
      )}
      {broken.length > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">Ignored broken GPT-2 folders in models/: {broken.map((b) => `${b.name} (${b.error})`).join('; ')}</p>
      )}
    </div>
  );
}
