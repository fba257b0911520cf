import { mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGpt2Graph } from '../gpt2/graph';
import { readSafetensors } from '../gpt2/safetensors';
import { TINY_CONFIG, randomGpt2Weights } from '../gpt2/test-weights';
import { CONFIG_FILE, WEIGHTS_FILE, installGpt2FromFolder, writeGpt2Folder } from './gpt2-convert';
import { listGpt2Models, OutdatedGpt2ModelError, readGpt2Model, validateGpt2Manifest } from './gpt2-model-reader';
import { writeGpt2Model, type Gpt2ModelInfo } from './gpt2-model-writer';

let root: string;
let source: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-gpt2-'));
  source = path.join(root, 'src');
  await mkdir(source);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const SEED = 3;
const weights = randomGpt2Weights(TINY_CONFIG, SEED);
let expected: Uint8Array;
beforeAll(() => {
  expected = buildGpt2Graph(weights);
});

const info = (name: string, over: Partial<Gpt2ModelInfo> = {}): Omit<Gpt2ModelInfo, 'config'> => ({
  name,
  label: 'Tiny random test model — not GPT-2',
  random: true,
  source: `random weights, seed ${SEED}`,
  dtype: 'fp32',
  ...over,
});

const rootEntries = async () => (await readdir(root)).filter((e) => e !== 'src').sort();

describe('writeGpt2Folder + installGpt2FromFolder', () => {
  it('writes a Hugging Face folder whose model.onnx equals the graph built from the weights in memory', async () => {
    await writeGpt2Folder(source, weights);
    const file = readSafetensors(await readFile(path.join(source, WEIGHTS_FILE)));
    expect(file.info('h.1.attn.bias')).toMatchObject({ dtype: 'F32', shape: [1, 1, 1024, 1024] });
    const mask = file.float32('h.0.attn.bias');
    expect([mask[0], mask[1], mask[1024], mask[1025], mask[1026]]).toEqual([1, 0, 1, 1, 0]); // lower triangle
    expect(JSON.parse(await readFile(path.join(source, CONFIG_FILE), 'utf8'))).toMatchObject({ n_layer: 2, n_head: 4, n_embd: 64, n_positions: 1024, vocab_size: 50257 });

    const stages: string[] = [];
    const manifest = await installGpt2FromFolder(source, info('gpt2-tiny-random'), root, (s) => stages.push(s));
    expect(stages).toHaveLength(3);
    const onnx = await readFile(path.join(root, 'gpt2-tiny-random', 'model.onnx'));
    expect(Buffer.compare(onnx, Buffer.from(expected))).toBe(0);
    expect(manifest).toMatchObject({
      format: 'wve-gpt2',
      version: 2,
      name: 'gpt2-tiny-random',
      random: true,
      config: TINY_CONFIG,
      dtype: 'fp32',
      files: { model: { path: 'model.onnx', bytes: expected.byteLength } },
      tokenizer: { encoding: 'r50k_base', eosTokenId: 50256 },
      inputs: ['input_ids', 'head_mask', 'mlp_mask', 'lens_position'],
      outputs: ['resid', 'final_norm', 'attn', 'lens_logits', 'next_logits'],
    });
    const installed = await readGpt2Model('gpt2-tiny-random', root, { verify: true });
    expect(installed.manifest).toEqual(manifest);
    expect(await rootEntries()).toEqual(['gpt2-tiny-random']); // no temporaries left
  });

  it('writes int8 graphs, refuses NaN weights and a bad name before reading the weights', async () => {
    await writeGpt2Folder(source, weights);
    const manifest = await installGpt2FromFolder(source, info('small8', { dtype: 'int8' }), root);
    expect(manifest.dtype).toBe('int8');
    const onnx = await readFile(path.join(root, 'small8', 'model.onnx'));
    expect(Buffer.compare(onnx, Buffer.from(buildGpt2Graph(weights, { dtype: 'int8' })))).toBe(0);
    expect(onnx.length / expected.length).toBeLessThan(0.3);

    const stages: string[] = [];
    await expect(installGpt2FromFolder(source, info('../evil'), root, (s) => stages.push(s))).rejects.toThrow('model name "../evil" must be');
    expect(stages).toEqual([]); // nothing read
    const poisoned = { config: weights.config, get: (n: string) => (n === 'h.1.mlp.c_fc.weight' ? { ...weights.get(n), data: weights.get(n).data.map((v, i) => (i === 1234 ? NaN : v)) } : weights.get(n)) };
    await writeGpt2Folder(source, poisoned);
    await expect(installGpt2FromFolder(source, info('nan'), root)).rejects.toThrow(`${path.join(source, WEIGHTS_FILE)}: tensor "h.1.mlp.c_fc.weight" holds NaN at index 1234`);
    expect(await rootEntries()).toEqual(['small8']);
  });

  it('reads checkpoints whose names carry the transformer. prefix, and writes fp16 graphs', async () => {
    await writeGpt2Folder(source, weights, 'transformer.');
    expect(readSafetensors(await readFile(path.join(source, WEIGHTS_FILE))).info('transformer.wte.weight')).toBeDefined();
    const manifest = await installGpt2FromFolder(source, info('half', { dtype: 'fp16' }), root);
    const onnx = await readFile(path.join(root, 'half', 'model.onnx'));
    expect(Buffer.compare(onnx, Buffer.from(buildGpt2Graph(weights, { dtype: 'fp16' })))).toBe(0);
    expect(manifest.dtype).toBe('fp16');
  });

  it('fails with a clear message on a missing file or a config that does not match the weights, writing nothing', async () => {
    await expect(installGpt2FromFolder(source, info('m'), root)).rejects.toThrow(`${path.join(source, WEIGHTS_FILE)} is missing`);
    await writeGpt2Folder(source, weights);
    await writeFile(path.join(source, CONFIG_FILE), JSON.stringify({ n_layer: 3, n_head: 4, n_embd: 64 }));
    await expect(installGpt2FromFolder(source, info('m'), root)).rejects.toThrow(/does not match its config\.json[^]*missing 12 tensor\(s\): h\.2\.ln_1\.weight/);
    await writeFile(path.join(source, CONFIG_FILE), '{"n_layer": 2,');
    await expect(installGpt2FromFolder(source, info('m'), root)).rejects.toThrow(`${path.join(source, CONFIG_FILE)} is not a valid config.json`);
    await rm(path.join(source, CONFIG_FILE));
    await expect(installGpt2FromFolder(source, info('m'), root)).rejects.toThrow(`${path.join(source, CONFIG_FILE)} is missing`);
    expect(await rootEntries()).toEqual([]);
  });
});

describe('writeGpt2Model', () => {
  const fakeOnnx = new Uint8Array([1, 2, 3, 4, 5]);
  const full = (name: string, over: Partial<Gpt2ModelInfo> = {}): Gpt2ModelInfo => ({ ...info(name), config: TINY_CONFIG, ...over });

  it('keeps the previous model when a rewrite fails, and leaves no temporary folder', async () => {
    await writeGpt2Model(root, full('m'), fakeOnnx);
    await expect(writeGpt2Model(root, full('m', { label: 'GPT-2 (random)' }), new Uint8Array([9, 9]))).rejects.toThrow(
      `a random model's label must say "random test model — not GPT-2"`,
    );
    expect((await readGpt2Model('m', root, { verify: true })).manifest.files.model.bytes).toBe(5);
    expect(await rootEntries()).toEqual(['m']);
  });

  it('replaces an existing model only when the new one is complete', async () => {
    await writeGpt2Model(root, full('m'), fakeOnnx);
    await writeGpt2Model(root, full('m', { random: false, label: 'GPT-2 small', source: 'openai-community/gpt2' }), new Uint8Array(7));
    const { manifest } = await readGpt2Model('m', root, { verify: true });
    expect(manifest).toMatchObject({ random: false, label: 'GPT-2 small', files: { model: { bytes: 7 } } });
  });

  it('refuses a bad name, a vocabulary other than GPT-2 tokenizer, and a folder that is not a GPT-2 model', async () => {
    await expect(writeGpt2Model(root, full('Bad Name'), fakeOnnx)).rejects.toThrow('model name "Bad Name" must be');
    await expect(writeGpt2Model(root, full('v', { config: { ...TINY_CONFIG, vocabSize: 100 } }), fakeOnnx)).rejects.toThrow(
      'vocab_size 100 does not match the GPT-2 tokenizer (r50k_base, 50257 tokens)',
    );
    await mkdir(path.join(root, 'glove'));
    await writeFile(path.join(root, 'glove', 'manifest.json'), '{}');
    await expect(writeGpt2Model(root, full('glove'), fakeOnnx)).rejects.toThrow('exists and is not a GPT-2 model folder');
    expect(await readdir(path.join(root, 'glove'))).toEqual(['manifest.json']);
  });

  it("removes dead processes' temporaries and keeps a live one's", async () => {
    const dead = path.join(root, '.tmp-m-999999999');
    const live = path.join(root, `.tmp-m-${process.ppid}`);
    await mkdir(dead);
    await mkdir(live);
    await writeGpt2Model(root, full('m'), fakeOnnx);
    expect(await rootEntries()).toEqual([`.tmp-m-${process.ppid}`, 'm']);
  });
});

describe('readGpt2Model and listGpt2Models', () => {
  it('report a missing model, a truncated or corrupt model.onnx, a renamed folder and bad JSON', async () => {
    await expect(readGpt2Model('nope', root)).rejects.toThrow(`no GPT-2 model "nope" in ${root} (gpt2.json missing)`);
    const manifest = await writeGpt2Model(root, { ...info('a'), config: TINY_CONFIG }, new Uint8Array(100));
    await writeGpt2Model(root, { ...info('b'), config: TINY_CONFIG }, new Uint8Array(100));
    await writeGpt2Model(root, { ...info('c'), config: TINY_CONFIG }, new Uint8Array(100));
    await writeGpt2Model(root, { ...info('d'), config: TINY_CONFIG }, new Uint8Array(100));
    await truncate(path.join(root, 'a', 'model.onnx'), 60);
    await writeFile(path.join(root, 'b', 'model.onnx'), new Uint8Array(100).fill(1));
    await writeFile(path.join(root, 'c', 'gpt2.json'), JSON.stringify({ ...manifest, name: 'other' }));
    await writeFile(path.join(root, 'd', 'gpt2.json'), '{');
    await mkdir(path.join(root, 'vectors'));
    await writeFile(path.join(root, 'vectors', 'manifest.json'), '{}');

    await expect(readGpt2Model('a', root)).rejects.toThrow('model.onnx has 60 bytes, gpt2.json says 100 (truncated or replaced)');
    expect((await readGpt2Model('b', root)).manifest.name).toBe('b'); // same size: only a checksum catches it
    await expect(readGpt2Model('b', root, { verify: true })).rejects.toThrow('checksum mismatch (file corrupt)');
    await expect(readGpt2Model('c', root)).rejects.toThrow('name "other" differs from the folder "c"');
    await expect(readGpt2Model('d', root)).rejects.toThrow('gpt2.json is not valid JSON');

    const listed = await listGpt2Models(root);
    expect(listed.models.map((m) => m.manifest.name)).toEqual(['b']);
    expect(listed.broken.map((b) => b.name)).toEqual(['a', 'c', 'd']); // the vector set is not listed at all
    expect(await listGpt2Models(path.join(root, 'absent'))).toEqual({ models: [], broken: [] });
  });

  it('validateGpt2Manifest names the field that is wrong', () => {
    const good = {
      format: 'wve-gpt2',
      version: 2,
      name: 'gpt2',
      label: 'GPT-2 small',
      random: false,
      source: 'openai-community/gpt2',
      config: TINY_CONFIG,
      dtype: 'fp32',
      files: { model: { path: 'model.onnx', bytes: 10, sha256: 'a'.repeat(64) } },
      tokenizer: { encoding: 'r50k_base', eosTokenId: 50256 },
      inputs: ['input_ids', 'head_mask', 'mlp_mask', 'lens_position'],
      outputs: ['resid', 'final_norm', 'attn', 'lens_logits', 'next_logits'],
    };
    expect(validateGpt2Manifest(good)).toEqual(good);
    expect(validateGpt2Manifest({ ...good, dtype: 'int8' }).dtype).toBe('int8');
    expect(() => validateGpt2Manifest({ ...good, format: 'x' }, 'f.json')).toThrow('f.json: format is "x", expected "wve-gpt2"');
    expect(() => validateGpt2Manifest({ ...good, dtype: 'int4' })).toThrow('dtype "int4" must be one of "fp32", "fp16", "int8"');
    expect(() => validateGpt2Manifest({ ...good, config: { ...TINY_CONFIG, nHead: 5 } })).toThrow('is not a valid GPT-2 config');
    expect(() => validateGpt2Manifest({ ...good, outputs: ['resid'] })).toThrow('"outputs" must list resid, final_norm, attn, lens_logits, next_logits');
    expect(() => validateGpt2Manifest({ ...good, version: 3 })).toThrow('version 3 is not supported (expected 2');
    expect(() => validateGpt2Manifest({ ...good, tokenizer: { encoding: 'cl100k_base', eosTokenId: 100257 } })).toThrow('tokenizer must be');
    expect(() => validateGpt2Manifest({ ...good, random: true })).toThrow("a random model's label must say");
  });

  it('reports a folder of an older format version as needing a rebuild, saying how', async () => {
    const manifest = await writeGpt2Model(root, { ...info('old'), random: false, label: 'GPT-2 small', source: 'openai-community/gpt2', config: TINY_CONFIG }, new Uint8Array(10));
    const v1 = { ...manifest, version: 1, outputs: manifest.outputs.filter((o) => o !== 'next_logits') };
    await writeFile(path.join(root, 'old', 'gpt2.json'), JSON.stringify(v1));
    const error = await readGpt2Model('old', root).catch((e) => e);
    expect(error).toBeInstanceOf(OutdatedGpt2ModelError);
    expect(error.message).toContain('old/gpt2.json: built by an older version: rebuild with npm run models:gpt2 -- --force (format version 1; this code reads 2)');
    expect((error as OutdatedGpt2ModelError).manifest.source).toBe('openai-community/gpt2');
    expect((await listGpt2Models(root)).broken).toEqual([{ name: 'old', error: error.message }]);
    expect(() => validateGpt2Manifest({ ...v1, random: true, label: 'Tiny random test model — not GPT-2' })).toThrow('rebuild with npm run -s models:random-gpt2 -- --size tiny|small --if-missing');
    // version 2 before the full logits output was dropped: the same version number, rebuilt too
    const early2 = { ...manifest, outputs: ['logits', ...manifest.outputs] };
    expect(() => validateGpt2Manifest(early2, 'f.json')).toThrow(OutdatedGpt2ModelError);
    expect(() => validateGpt2Manifest(early2, 'f.json')).toThrow('f.json: built by an older version: rebuild with npm run models:gpt2 -- --force (its graph still has the full logits output');
  });
});
