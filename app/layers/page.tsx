import { LayersExplorer, type LayersState } from '@/app/components/layers/layers-explorer';
import { pickModel, toModelChoice } from '@/app/components/gpt2/model-choice';
import { BrokenModels, NoGpt2, UnknownModel } from '@/app/components/gpt2/model-notices';
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
      {requested && !explicit && <UnknownModel requested={requested} models={models} />}
      {!picked ? (
        <NoGpt2 models={models} />
      ) : (
        <LayersExplorer
          key={picked.manifest.name}
          model={toModelChoice(picked)}
          explicitModel={explicit ? explicit.manifest.name : undefined}
          others={real.filter((m) => m !== picked).map((m) => ({ name: m.manifest.name, label: m.manifest.label }))}
          initial={initial}
        />
      )}
      <BrokenModels broken={broken} />
    </div>
  );
}
