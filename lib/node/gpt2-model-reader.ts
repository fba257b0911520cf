/**
 * GPT-2 model folders under models/ (`models/<name>/model.onnx` + `gpt2.json`): the manifest
 * type, its validation, and listing/reading for the CLI and the app's server routes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { GPT2_DTYPES, GPT2_OUTPUTS, type Gpt2Dtype } from '../gpt2/graph-contract';
import type { Gpt2Config } from '../gpt2/weights';
import { SET_NAME_PATTERN } from '../vectors/format';
import { modelsDir } from './vector-set-reader';

export const GPT2_FORMAT = 'wve-gpt2';
/**
 * 2: the graph's outputs are resid, final_norm, attn, lens_logits [L+1, N, V] at a list of N
 * positions and next_logits (and it may be int8). Folders of older versions are rebuilt, not read;
 * so is a folder written before version 2 lost the full [1, T, V] logits output (its manifest
 * lists `logits`).
 */
export const GPT2_FORMAT_VERSION = 2;
export const GPT2_MANIFEST = 'gpt2.json';
export const GPT2_MODEL_FILE = 'model.onnx';
/** GPT-2's BPE (gpt-tokenizer/encoding/r50k_base): 50,257 tokens, the last one <|endoftext|>. */
export const GPT2_TOKENIZER = { encoding: 'r50k_base', eosTokenId: 50256 } as const;
export const GPT2_VOCAB_SIZE = 50257;

/** What every random test model's label says, so the UI never passes one off as GPT-2. */
export const RANDOM_LABEL = 'random test model — not GPT-2';

export interface Gpt2Manifest {
  format: typeof GPT2_FORMAT;
  version: typeof GPT2_FORMAT_VERSION;
  name: string;
  /** Shown in the app; a random model's label says "random test model — not GPT-2". */
  label: string;
  /** True for the generated random test models. */
  random: boolean;
  /** Where the weights came from, e.g. "openai-community/gpt2" or "random weights, seed 1". */
  source: string;
  config: Gpt2Config;
  dtype: Gpt2Dtype;
  files: { model: { path: string; bytes: number; sha256: string } };
  tokenizer: { encoding: string; eosTokenId: number };
  inputs: string[];
  outputs: string[];
}

/** A model folder written by an older version of this code: valid then, rebuilt now. */
export class OutdatedGpt2ModelError extends Error {
  constructor(
    message: string,
    /** The folder's manifest as read (its `random` flag tells a test model from a real one). */
    readonly manifest: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Checks a parsed gpt2.json; `where` names the file in errors. An older format version throws OutdatedGpt2ModelError. */
export function validateGpt2Manifest(value: unknown, where = GPT2_MANIFEST): Gpt2Manifest {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (typeof value !== 'object' || value === null) fail('not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.format !== GPT2_FORMAT) fail(`format is ${JSON.stringify(m.format)}, expected "${GPT2_FORMAT}"`);
  const rebuild = m.random === true ? 'npm run -s models:random-gpt2 -- --size tiny|small --if-missing' : 'npm run models:gpt2 -- --force';
  if (typeof m.version === 'number' && Number.isInteger(m.version) && m.version >= 1 && m.version < GPT2_FORMAT_VERSION) {
    throw new OutdatedGpt2ModelError(`${where}: built by an older version: rebuild with ${rebuild} (format version ${m.version}; this code reads ${GPT2_FORMAT_VERSION})`, m);
  }
  if (m.version === GPT2_FORMAT_VERSION && Array.isArray(m.outputs) && m.outputs.includes('logits')) {
    throw new OutdatedGpt2ModelError(`${where}: built by an older version: rebuild with ${rebuild} (its graph still has the full logits output and a one-position lens)`, m);
  }
  if (m.version !== GPT2_FORMAT_VERSION) fail(`version ${JSON.stringify(m.version)} is not supported (expected ${GPT2_FORMAT_VERSION}; a newer version of this code wrote it?)`);
  if (typeof m.name !== 'string' || !SET_NAME_PATTERN.test(m.name)) fail(`name ${JSON.stringify(m.name)} is not a valid model name`);
  for (const key of ['label', 'source'] as const) if (typeof m[key] !== 'string' || m[key] === '') fail(`"${key}" must be a non-empty string`);
  if (typeof m.random !== 'boolean') fail('"random" must be true or false');
  if (m.random && !(m.label as string).toLowerCase().includes(RANDOM_LABEL.toLowerCase())) fail(`a random model's label must say "${RANDOM_LABEL}" (got ${JSON.stringify(m.label)})`);
  if (!GPT2_DTYPES.includes(m.dtype as Gpt2Dtype)) fail(`dtype ${JSON.stringify(m.dtype)} must be one of ${GPT2_DTYPES.map((d) => `"${d}"`).join(', ')}`);
  const c = m.config as Record<string, unknown> | undefined;
  const positive = (v: unknown, integer = true) => typeof v === 'number' && v > 0 && (!integer || Number.isInteger(v));
  if (
    !c ||
    !['nLayer', 'nHead', 'nEmbd', 'nPositions', 'vocabSize'].every((k) => positive(c[k])) ||
    !positive(c.layerNormEpsilon, false) ||
    (c.nEmbd as number) % (c.nHead as number) !== 0
  ) {
    fail(`config ${JSON.stringify(m.config)} is not a valid GPT-2 config`);
  }
  const file = (m.files as Record<string, Record<string, unknown>> | undefined)?.model;
  if (!file || file.path !== GPT2_MODEL_FILE || !positive(file.bytes) || typeof file.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) {
    fail(`files.model must be { "path": "${GPT2_MODEL_FILE}", "bytes", "sha256" }`);
  }
  const tok = m.tokenizer as Record<string, unknown> | undefined;
  if (tok?.encoding !== GPT2_TOKENIZER.encoding || tok.eosTokenId !== GPT2_TOKENIZER.eosTokenId) fail(`tokenizer must be ${JSON.stringify(GPT2_TOKENIZER)}`);
  const names = (v: unknown, want: readonly string[], key: string) => {
    if (!Array.isArray(v) || want.some((n) => !v.includes(n))) fail(`"${key}" must list ${want.join(', ')}`);
  };
  names(m.inputs, ['input_ids'], 'inputs');
  names(m.outputs, GPT2_OUTPUTS, 'outputs');
  return m as unknown as Gpt2Manifest;
}

export interface InstalledGpt2 {
  manifest: Gpt2Manifest;
  dir: string;
  /** Absolute path of model.onnx. */
  modelPath: string;
}

/**
 * Reads and validates models/<name>/gpt2.json and checks model.onnx's size (cheap: no hashing
 * unless `verify`). Throws a message saying what is wrong.
 */
export async function readGpt2Model(name: string, root = modelsDir(), options: { verify?: boolean } = {}): Promise<InstalledGpt2> {
  const dir = path.join(root, name);
  const manifestPath = path.join(dir, GPT2_MANIFEST);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new Error(`no GPT-2 model "${name}" in ${root} (${GPT2_MANIFEST} missing)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${manifestPath} is not valid JSON: ${(e as Error).message}`);
  }
  const manifest = validateGpt2Manifest(json, manifestPath);
  if (manifest.name !== name) throw new Error(`${manifestPath}: name "${manifest.name}" differs from the folder "${name}"`);
  const modelPath = path.join(dir, manifest.files.model.path);
  const size = (await stat(modelPath).catch(() => null))?.size;
  if (size === undefined) throw new Error(`${modelPath} is missing`);
  if (size !== manifest.files.model.bytes) throw new Error(`${modelPath} has ${size} bytes, ${GPT2_MANIFEST} says ${manifest.files.model.bytes} (truncated or replaced)`);
  if (options.verify && (await sha256File(modelPath)) !== manifest.files.model.sha256) throw new Error(`${modelPath}: checksum mismatch (file corrupt)`);
  return { manifest, dir, modelPath };
}

/** Every valid GPT-2 model folder in `root`, sorted by name; broken folders are reported, not thrown. */
export async function listGpt2Models(root = modelsDir()): Promise<{ models: InstalledGpt2[]; broken: { name: string; error: string }[] }> {
  const models: InstalledGpt2[] = [];
  const broken: { name: string; error: string }[] = [];
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch {
    return { models, broken };
  }
  for (const name of entries.sort()) {
    if (name.startsWith('.')) continue;
    const hasManifest = await stat(path.join(root, name, GPT2_MANIFEST)).then(
      () => true,
      () => false,
    );
    if (!hasManifest) continue; // a vector set or something else
    try {
      models.push(await readGpt2Model(name, root));
    } catch (e) {
      broken.push({ name, error: (e as Error).message });
    }
  }
  return { models, broken };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
