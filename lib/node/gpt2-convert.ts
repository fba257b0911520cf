/**
 * A Hugging Face GPT-2 folder (model.safetensors + config.json) -> models/<name>/ (model.onnx +
 * gpt2.json). The one path every model takes: downloads, `--from DIR`, and the random test models
 * (which are first written as such a folder).
 *
 * Memory: the safetensors file is read once into one buffer and F32 tensors are views into it, so
 * the peak is about the file plus the serialised graph (~2 × 500 MB for GPT-2 small).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildGpt2Graph } from '../gpt2/graph';
import type { TensorSpec } from '../gpt2/safetensors';
import { checkFiniteWeights, gpt2TensorShapes, gpt2WeightsFromSafetensors, parseGpt2Config, type Gpt2Config, type Gpt2Weights } from '../gpt2/weights';
import type { Gpt2Manifest } from './gpt2-model-reader';
import { checkGpt2ModelName, writeGpt2Model, type Gpt2ModelInfo } from './gpt2-model-writer';
import { readSafetensorsFile, writeSafetensorsFile } from './safetensors-file';

export const WEIGHTS_FILE = 'model.safetensors';
export const CONFIG_FILE = 'config.json';

/** Reads and parses DIR/config.json (or another name, e.g. a download's .part) with errors that name the file. */
export async function readConfigJson(dir: string, fileName = CONFIG_FILE): Promise<Record<string, unknown>> {
  const file = path.join(dir, fileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing`);
  }
  try {
    const json = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not a JSON object');
    return json;
  } catch (e) {
    throw new Error(`${file} is not a valid config.json: ${(e as Error).message}`);
  }
}

/**
 * Builds models/<info.name> from a folder holding model.safetensors and config.json: the config
 * is checked before the weights are read, the weights (shapes, then NaN/Infinity) before the
 * graph is built. `onStage` reports progress in words ("reading weights", ...).
 */
export async function installGpt2FromFolder(
  dir: string,
  info: Omit<Gpt2ModelInfo, 'config'>,
  root: string,
  onStage: (stage: string) => void = () => undefined,
): Promise<Gpt2Manifest> {
  checkGpt2ModelName(info.name);
  const weightsFile = path.join(dir, WEIGHTS_FILE);
  if (!(await stat(weightsFile).catch(() => null))?.isFile()) throw new Error(`${weightsFile} is missing (expected a Hugging Face GPT-2 folder with ${WEIGHTS_FILE} and ${CONFIG_FILE})`);
  const configJson = await readConfigJson(dir);
  parseGpt2Config(configJson); // before reading hundreds of MB
  onStage(`reading ${weightsFile}`);
  const weights = gpt2WeightsFromSafetensors(await readSafetensorsFile(weightsFile), configJson);
  checkFiniteWeights(weights, weightsFile);
  onStage(`building the ONNX graph (${info.dtype})`);
  const onnx = buildGpt2Graph(weights, { dtype: info.dtype });
  onStage(`writing ${path.join(root, info.name)}`);
  return writeGpt2Model(root, { ...info, config: weights.config }, onnx);
}

/** A Hugging Face style config.json for `config`. */
export function gpt2ConfigJson(config: Gpt2Config): Record<string, unknown> {
  return {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    activation_function: 'gelu_new',
    n_layer: config.nLayer,
    n_head: config.nHead,
    n_embd: config.nEmbd,
    n_positions: config.nPositions,
    n_ctx: config.nPositions,
    vocab_size: config.vocabSize,
    layer_norm_epsilon: config.layerNormEpsilon,
    bos_token_id: 50256,
    eos_token_id: 50256,
  };
}

/**
 * Writes `weights` as a Hugging Face GPT-2 folder: config.json and model.safetensors with the
 * checkpoint's names, F32, including the h.N.attn.bias causal-mask buffers [1, 1, P, P] that real
 * checkpoints carry (and the reader must ignore). `prefix` is "" (as openai-community/gpt2) or
 * "transformer.".
 */
export async function writeGpt2Folder(dir: string, weights: Gpt2Weights, prefix = ''): Promise<void> {
  const { config } = weights;
  const P = config.nPositions;
  const specs: TensorSpec[] = [];
  for (const [name, shape] of gpt2TensorShapes(config)) {
    specs.push({ name: prefix + name, shape, dtype: 'F32' });
    const layer = /^h\.(\d+)\.ln_1\.weight$/.exec(name);
    if (layer) specs.push({ name: `${prefix}h.${layer[1]}.attn.bias`, shape: [1, 1, P, P], dtype: 'F32' });
  }
  const mask = (): Float32Array => {
    const m = new Float32Array(P * P);
    for (let i = 0; i < P; i++) m.fill(1, i * P, i * P + i + 1); // lower triangle, diagonal included
    return m;
  };
  await writeSafetensorsFile(path.join(dir, WEIGHTS_FILE), specs, (spec) => {
    const name = spec.name.slice(prefix.length);
    return name.endsWith('.attn.bias') ? mask() : weights.get(name).data;
  }, { format: 'pt' });
  await writeFile(path.join(dir, CONFIG_FILE), JSON.stringify(gpt2ConfigJson(config), null, 2) + '\n');
}
