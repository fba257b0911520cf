/**
 * `npm run models:gpt2 [-- --model gpt2|distilgpt2|gpt2-medium] [--from DIR] [--dtype fp32|fp16|int8] [--force]`:
 * downloads a GPT-2 checkpoint from the Hugging Face hub (or takes a local folder) and builds
 * models/NAME/ (model.onnx + gpt2.json). Exit codes: 0 done or already installed, 1 failed
 * (nothing installed), 2 bad arguments.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkSafetensorsFile } from '../lib/node/safetensors-file';
import { CONFIG_FILE, WEIGHTS_FILE, readConfigJson } from '../lib/node/gpt2-convert';
import { HF_GPT2_MODELS, downloadHfFiles, type HfGpt2Model } from '../lib/node/hf-download';
import { checkGpt2ModelName } from '../lib/node/gpt2-model-writer';
import { GPT2_DTYPES } from '../lib/gpt2/graph-contract';
import { parseGpt2Config } from '../lib/gpt2/weights';
import { modelsDir } from '../lib/node/vector-set-reader';
import { buildModelFolder, installedSummary } from './gpt2-build';
import { choiceFlag, parseCli, runCli, UsageError } from './cli';
import { createProgress, type Progress } from './progress';

const MODELS = Object.keys(HF_GPT2_MODELS) as HfGpt2Model[];

const USAGE = `usage: npm run models:gpt2 [-- --model gpt2|distilgpt2|gpt2-medium] [--from DIR] [--dtype fp32|fp16|int8] [--force]

Downloads a GPT-2 checkpoint (model.safetensors + config.json) from the Hugging Face hub and
builds models/NAME/ (model.onnx + gpt2.json) for the app. An interrupted download resumes on the
next run; downloaded files are kept in models/.downloads/MODEL/ so a rebuild needs no network.

  --model M         gpt2 (default; GPT-2 small, 548 MB), distilgpt2 (353 MB), gpt2-medium (1.5 GB)
  --from DIR        build from a local folder holding model.safetensors and config.json
                    (e.g. made by huggingface-cli download) instead of downloading
  --dtype D         fp32 (default), fp16 (weights stored as float16: half the file) or int8
                    (dynamic int8 matmuls: a quarter of the file and about twice as fast on
                    WebAssembly; slightly less accurate, and WebGPU runs it on the CPU)
  --name NAME       folder under models/ (default: the model's name)
  --force           rebuild when models/NAME is already installed
  --models-dir DIR  where models are stored (default: $WVE_MODELS_DIR or ./models)`;

runCli('models:gpt2', USAGE, async () => {
  const { values, positionals } = parseCli(
    {
      model: { type: 'string' },
      from: { type: 'string' },
      dtype: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean', default: false },
      'models-dir': { type: 'string' },
    },
    true,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const model = choiceFlag(values.model, 'model', MODELS, 'gpt2');
  const dtype = choiceFlag(values.dtype, 'dtype', GPT2_DTYPES, 'fp32');
  const root = path.resolve(values['models-dir'] ?? modelsDir());
  const name = values.name ?? model;
  try {
    checkGpt2ModelName(name); // before anything is downloaded or read
  } catch (e) {
    throw new UsageError(`--name: ${(e as Error).message}`);
  }
  const known = HF_GPT2_MODELS[model];

  if (!values.force) {
    const summary = await installedSummary(root, name, dtype);
    if (summary) {
      console.log(`${summary} is already installed (--force rebuilds it)`);
      return;
    }
  }

  let sourceDir: string;
  let source: string;
  if (values.from) {
    sourceDir = path.resolve(values.from);
    if (!(await stat(sourceDir).catch(() => null))?.isDirectory()) {
      throw new Error(`--from ${values.from}: no such folder (it must hold ${WEIGHTS_FILE} and ${CONFIG_FILE})`);
    }
    source = `${known.repo} (from ${sourceDir})`;
  } else {
    sourceDir = path.join(root, '.downloads', model);
    source = known.repo;
    await download(model, sourceDir);
  }

  // The label names the checkpoint: make sure the folder holds that one.
  const config = parseGpt2Config(await readConfigJson(sourceDir));
  if (config.nLayer !== known.nLayer || config.nEmbd !== known.nEmbd) {
    throw new Error(
      `${path.join(sourceDir, CONFIG_FILE)} describes a ${config.nLayer}-layer, ${config.nEmbd}-dim model, not ${model} ` +
        `(${known.nLayer} layers, ${known.nEmbd} dims): pass the matching --model (${MODELS.join(', ')})`,
    );
  }
  await buildModelFolder(sourceDir, { name, label: known.label, random: false, source, dtype }, root);
});

async function download(model: HfGpt2Model, dir: string): Promise<void> {
  let bar: Progress | undefined;
  const verify: Record<string, (file: string) => Promise<void>> = {
    [WEIGHTS_FILE]: async (file: string) => void (await checkSafetensorsFile(file)), // size vs the header's offsets
    [CONFIG_FILE]: async (file: string) => void parseGpt2Config(await readConfigJson(path.dirname(file), path.basename(file))),
  };
  await downloadHfFiles({
    model,
    dir,
    fetch: (url, init) => fetch(url, init),
    files: [CONFIG_FILE, WEIGHTS_FILE].map((name) => ({ name, verify: verify[name] })),
    onFile(name, cached) {
      bar?.done();
      bar = undefined;
      console.error(cached ? `${name}: already downloaded (${dir})` : `downloading ${name} from ${HF_GPT2_MODELS[model].repo}`);
    },
    onProgress(name, done, total) {
      if (total === undefined) return;
      bar ??= createProgress(name, total, 'bytes');
      bar.update(done);
    },
  });
  bar?.done();
}
