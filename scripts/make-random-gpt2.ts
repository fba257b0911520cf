/**
 * `npm run -s models:random-gpt2 -- --size tiny|small [--seed N] [--name NAME] [--if-missing] [--dtype fp32|fp16|int8]`:
 * a GPT-2 with seeded random weights (lib/gpt2/test-weights.ts) for tests and benchmarks. It is
 * written as a Hugging Face folder (model.safetensors with the exact checkpoint names and shapes,
 * config.json) and built by the same code as `models:gpt2 --from DIR`. Labelled as a random test
 * model everywhere; never GPT-2. Exit codes: 0 done or present, 1 failed, 2 bad arguments.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelsDir } from '../lib/node/vector-set-reader';
import { OutdatedGpt2ModelError, readGpt2Model, RANDOM_LABEL } from '../lib/node/gpt2-model-reader';
import { checkGpt2ModelName } from '../lib/node/gpt2-model-writer';
import { GPT2_DTYPES } from '../lib/gpt2/graph-contract';
import { choiceFlag, intFlag, parseCli, runCli, UsageError } from './cli';

const SIZES = {
  tiny: { nLayer: 2, nHead: 4, nEmbd: 64 },
  small: { nLayer: 12, nHead: 12, nEmbd: 768 }, // GPT-2 small's shapes
} as const;
type Size = keyof typeof SIZES;

const USAGE = `usage: npm run -s models:random-gpt2 -- --size tiny|small [--seed N] [--name NAME] [--if-missing] [--dtype fp32|fp16|int8]

Makes a GPT-2-shaped model with seeded random weights (a test fixture, labelled "${RANDOM_LABEL}")
in models/NAME/, through the same build as npm run models:gpt2 -- --from DIR.

  --size S          tiny (2 layers, 4 heads, 64 dims) or small (12 layers, 12 heads, 768 dims);
                    both have the real 50,257-token vocabulary and 1,024 positions
  --seed N          random seed (default 1)
  --name NAME       folder under models/ (default gpt2-SIZE-random)
  --if-missing      do nothing when models/NAME already holds this model (same size, seed and
                    dtype, built by this version after the last change to the graph builder or
                    the weights)
  --dtype D         fp32 (default), fp16 or int8 (see npm run models:gpt2 -- --help)
  --models-dir DIR  where models are stored (default: $WVE_MODELS_DIR or ./models)`;

runCli('models:random-gpt2', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      size: { type: 'string' },
      seed: { type: 'string' },
      name: { type: 'string' },
      'if-missing': { type: 'boolean', default: false },
      dtype: { type: 'string' },
      'models-dir': { type: 'string' },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.size === undefined) throw new UsageError('missing --size tiny|small');
  const size = choiceFlag(values.size, 'size', Object.keys(SIZES) as Size[], 'tiny');
  const seed = intFlag(values.seed, 'seed', 1, 0);
  const dtype = choiceFlag(values.dtype, 'dtype', GPT2_DTYPES, 'fp32');
  const root = path.resolve(values['models-dir'] ?? modelsDir());
  const name = values.name ?? `gpt2-${size}-random`;
  try {
    checkGpt2ModelName(name); // before anything is read
  } catch (e) {
    throw new UsageError(`--name: ${(e as Error).message}`);
  }
  const shape = SIZES[size];
  const config = { ...shape, nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 };
  const source = `random weights, seed ${seed}`;
  const label = `${size === 'tiny' ? 'Tiny' : 'GPT-2-small-shaped'} ${RANDOM_LABEL} (${shape.nLayer} layers × ${shape.nEmbd} dims)`;

  // Cheap check first (gpt2.json + model.onnx size): npm test runs this before every test run.
  // A folder of an older format version is rebuilt, unless it holds a real model.
  let outdated: Record<string, unknown> | undefined;
  const existing = await readGpt2Model(name, root).catch((e) => {
    if (e instanceof OutdatedGpt2ModelError) outdated = e.manifest;
    return null;
  });
  const real = existing ? !existing.manifest.random : outdated !== undefined && outdated.random !== true;
  if (real) {
    const source = existing?.manifest.source ?? String(outdated?.source);
    throw new Error(`${path.join(root, name)} holds a real model (${source}), not a random one: choose another --name`);
  }
  if (outdated) console.error(`${path.join(root, name)} was built by an older version (format version ${String(outdated.version)}): rebuilding`);
  const m = existing?.manifest;
  if (values['if-missing'] && m && m.source === source && m.dtype === dtype && JSON.stringify(m.config) === JSON.stringify(config)) {
    if (!(await olderThanSources(existing.modelPath))) {
      console.log(`${existing.dir} is present (${m.label}, ${m.dtype})`);
      return;
    }
    console.error(`${existing.dir} predates a change to the graph builder or the random weights: rebuilding`);
  }

  // Heavy modules only when building.
  const [{ randomGpt2Weights }, { writeGpt2Folder }, { removeStaleTemporaries }, { buildModelFolder }] = await Promise.all([
    import('../lib/gpt2/test-weights'),
    import('../lib/node/gpt2-convert'),
    import('../lib/node/vector-set-writer'),
    import('./gpt2-build'),
  ]);
  await mkdir(root, { recursive: true });
  await removeStaleTemporaries(root, `${name}.src`);
  const sourceDir = path.join(root, `.tmp-${name}.src-${process.pid}`);
  await rm(sourceDir, { recursive: true, force: true });
  await mkdir(sourceDir);
  try {
    console.error(`writing random ${size} weights (seed ${seed}) as a Hugging Face folder …`);
    await writeGpt2Folder(sourceDir, randomGpt2Weights(config, seed));
    await buildModelFolder(sourceDir, { name, label, random: true, source, dtype }, root);
  } finally {
    await rm(sourceDir, { recursive: true, force: true });
  }
});

/** The code a random model is made from: a model older than any of these is rebuilt (as make would). */
const BUILD_SOURCES = [
  '../lib/gpt2/graph.ts',
  '../lib/gpt2/graph-contract.ts',
  '../lib/gpt2/quantize.ts',
  '../lib/gpt2/smooth.ts',
  '../lib/onnx/builder.ts',
  '../lib/gpt2/test-weights.ts',
  '../lib/gpt2/safetensors.ts',
  '../lib/gpt2/weights.ts',
];

async function olderThanSources(modelPath: string): Promise<boolean> {
  const built = (await stat(modelPath)).mtimeMs;
  for (const rel of BUILD_SOURCES) {
    const changed = (await stat(fileURLToPath(new URL(rel, import.meta.url))).catch(() => null))?.mtimeMs;
    if (changed !== undefined && changed > built) return true;
  }
  return false;
}
