import { ContextExplorer, type ContextState } from '@/app/components/context/context-explorer';
import { DEFAULT_PRESET } from '@/app/components/context/presets';
import { pickModel, toModelChoice } from '@/app/components/gpt2/model-choice';
import { BrokenModels, NoGpt2, UnknownModel } from '@/app/components/gpt2/model-notices';
import { listGpt2Models } from '@/lib/node/gpt2-model-reader';

// Reads models/ on each request, so a newly installed model shows up without a rebuild.
export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export default async function ContextPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const { models, broken } = await listGpt2Models();
  const requested = one(params.model);
  // ?model= picks any installed model, random test models included: that is the tests' setting, shown on the page.
  const { real, explicit, picked } = pickModel(models, requested);

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
      {requested && !explicit && <UnknownModel requested={requested} models={models} />}
      {!picked ? (
        <NoGpt2 models={models} />
      ) : (
        <ContextExplorer
          key={picked.manifest.name}
          model={toModelChoice(picked)}
          explicitModel={explicit ? explicit.manifest.name : undefined}
          others={real.filter((m) => m !== picked).map((m) => ({ name: m.manifest.name, label: m.manifest.label }))}
          initial={initial}
          initialLayer={Number.isInteger(layer) && layer >= 0 && layer <= picked.manifest.config.nLayer ? layer : undefined}
        />
      )}
      <BrokenModels broken={broken} />
    </div>
  );
}
