/**
 * Writes a GPT-2 model folder (models/<name>/model.onnx + gpt2.json) atomically: everything goes
 * into models/.tmp-<name>-<pid>/ and is renamed into place at the end, so a crash or an error
 * leaves the previous model (if any) as it was. Temporaries of dead processes are removed first.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GPT2_INPUTS, GPT2_OUTPUTS, type Gpt2Dtype } from '../gpt2/graph-contract';
import type { Gpt2Config } from '../gpt2/weights';
import { SET_NAME_PATTERN } from '../vectors/format';
import {
  GPT2_FORMAT,
  GPT2_FORMAT_VERSION,
  GPT2_MANIFEST,
  GPT2_MODEL_FILE,
  GPT2_TOKENIZER,
  GPT2_VOCAB_SIZE,
  validateGpt2Manifest,
  type Gpt2Manifest,
} from './gpt2-model-reader';
import { writeAll } from './safetensors-file';
import { removeStaleTemporaries, swapIntoPlace } from './vector-set-writer';

export interface Gpt2ModelInfo {
  name: string;
  label: string;
  random: boolean;
  source: string;
  config: Gpt2Config;
  dtype: Gpt2Dtype;
}

/**
 * Throws unless `name` is a plain folder name (1-64 characters of a-z, 0-9, '.', '_', '-', starting
 * with a letter or digit): no path separators, no "..". Cheap and synchronous, so command-line
 * tools call it before they download or read anything.
 */
export function checkGpt2ModelName(name: string): void {
  if (!SET_NAME_PATTERN.test(name)) throw new Error(`model name "${name}" must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit (a folder under models/, not a path)`);
}

/** Throws when `name` is not usable, or when models/<name> holds something other than a GPT-2 model. */
export async function checkGpt2Target(root: string, name: string): Promise<void> {
  checkGpt2ModelName(name);
  const dir = path.join(root, name);
  const exists = await stat(dir).then(
    () => true,
    () => false,
  );
  const isGpt2 = await stat(path.join(dir, GPT2_MANIFEST)).then(
    () => true,
    () => false,
  );
  if (exists && !isGpt2) throw new Error(`${dir} exists and is not a GPT-2 model folder (no ${GPT2_MANIFEST}); choose another name`);
}

/** Writes model.onnx (the graph bytes) and gpt2.json, replacing models/<name> only when both are complete. */
export async function writeGpt2Model(root: string, info: Gpt2ModelInfo, onnx: Uint8Array): Promise<Gpt2Manifest> {
  await checkGpt2Target(root, info.name);
  if (info.config.vocabSize !== GPT2_VOCAB_SIZE) {
    throw new Error(`vocab_size ${info.config.vocabSize} does not match the GPT-2 tokenizer (${GPT2_TOKENIZER.encoding}, ${GPT2_VOCAB_SIZE} tokens)`);
  }
  await mkdir(root, { recursive: true });
  await removeStaleTemporaries(root, info.name);
  const temp = path.join(root, `.tmp-${info.name}-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  try {
    const handle = await open(path.join(temp, GPT2_MODEL_FILE), 'w');
    try {
      await writeAll(handle, onnx);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const manifest: Gpt2Manifest = {
      format: GPT2_FORMAT,
      version: GPT2_FORMAT_VERSION,
      name: info.name,
      label: info.label,
      random: info.random,
      source: info.source,
      config: info.config,
      dtype: info.dtype,
      files: { model: { path: GPT2_MODEL_FILE, bytes: onnx.byteLength, sha256: createHash('sha256').update(onnx).digest('hex') } },
      tokenizer: { ...GPT2_TOKENIZER },
      inputs: [...GPT2_INPUTS],
      outputs: [...GPT2_OUTPUTS],
    };
    validateGpt2Manifest(manifest, `${info.name}/${GPT2_MANIFEST}`); // never write one the reader would refuse
    await writeFile(path.join(temp, GPT2_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    await swapIntoPlace(temp, path.join(root, info.name));
    return manifest;
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
}
