import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGpt2Graph } from '../lib/gpt2/graph';
import { TINY_CONFIG, randomGpt2Weights } from '../lib/gpt2/test-weights';
import { writeGpt2Folder } from '../lib/node/gpt2-convert';
import { readGpt2Model } from '../lib/node/gpt2-model-reader';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs a script with tsx; resolves with the exit code and output (never rejects). */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.resolve('node_modules/.bin/tsx');
  return new Promise((resolve) => {
    execFile(tsx, [path.resolve('scripts', script), ...args], { env: { ...process.env, WVE_MODELS_DIR: root, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('models:random-gpt2', () => {
  it('builds the tiny model from seeded weights, labelled as a random test model', async () => {
    const r = await run('make-random-gpt2.ts', ['--size', 'tiny', '--seed', '5']);
    expect(r.code).toBe(0);
    const { manifest, modelPath } = await readGpt2Model('gpt2-tiny-random', root, { verify: true });
    expect(manifest).toMatchObject({ random: true, source: 'random weights, seed 5', config: TINY_CONFIG, dtype: 'fp32' });
    expect(manifest.label).toContain('random test model — not GPT-2');
    // Same weights as the in-memory fixture: the file, the reader and the build lose nothing.
    const expected = buildGpt2Graph(randomGpt2Weights(TINY_CONFIG, 5));
    expect(Buffer.compare(await readFile(modelPath), Buffer.from(expected))).toBe(0);
    expect(r.stdout).toContain(`model.onnx ${expected.byteLength.toLocaleString('en')} bytes`);
  });

  it('--if-missing keeps a matching model and rebuilds one made with another seed', async () => {
    const file = path.join(root, 'gpt2-tiny-random', 'model.onnx');
    const before = (await stat(file)).mtimeMs;
    const same = await run('make-random-gpt2.ts', ['--size', 'tiny', '--seed', '5', '--if-missing']);
    expect(same).toMatchObject({ code: 0 });
    expect(same.stdout).toContain('is present');
    expect((await stat(file)).mtimeMs).toBe(before);
    // A model older than the graph builder's source is rebuilt.
    await utimes(file, new Date(0), new Date(0));
    const stale = await run('make-random-gpt2.ts', ['--size', 'tiny', '--seed', '5', '--if-missing']);
    expect(stale.stderr).toContain('predates a change to the graph builder or the random weights: rebuilding');
    expect((await stat(file)).mtimeMs).toBeGreaterThan(0);
    const other = await run('make-random-gpt2.ts', ['--size', 'tiny', '--seed', '6', '--if-missing']);
    expect(other.code).toBe(0);
    expect((await readGpt2Model('gpt2-tiny-random', root)).manifest.source).toBe('random weights, seed 6');
  });

  it('--if-missing rebuilds a folder written by an older format version', async () => {
    const manifestPath = path.join(root, 'gpt2-tiny-random', 'gpt2.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: 1 }));
    await expect(readGpt2Model('gpt2-tiny-random', root)).rejects.toThrow('built by an older version: rebuild with');
    const r = await run('make-random-gpt2.ts', ['--size', 'tiny', '--seed', '6', '--if-missing']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('was built by an older version (format version 1): rebuilding');
    expect((await readGpt2Model('gpt2-tiny-random', root)).manifest.version).toBe(2);
  });

  it('--dtype int8 builds an int8 model', async () => {
    const r = await run('make-random-gpt2.ts', ['--size', 'tiny', '--dtype', 'int8', '--name', 'tiny8']);
    expect(r.code).toBe(0);
    const { manifest, modelPath } = await readGpt2Model('tiny8', root, { verify: true });
    expect(manifest.dtype).toBe('int8');
    expect(Buffer.compare(await readFile(modelPath), Buffer.from(buildGpt2Graph(randomGpt2Weights(TINY_CONFIG, 1), { dtype: 'int8' })))).toBe(0);
  });

  it('refuses to replace a real model and rejects bad arguments', async () => {
    const real = path.join(root, 'gpt2-tiny-random', 'gpt2.json');
    const manifest = JSON.parse(await readFile(real, 'utf8'));
    await writeFile(real, JSON.stringify({ ...manifest, random: false, label: 'GPT-2', source: 'openai-community/gpt2' }));
    const r = await run('make-random-gpt2.ts', ['--size', 'tiny']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds a real model (openai-community/gpt2), not a random one: choose another --name');
    expect(await run('make-random-gpt2.ts', [])).toMatchObject({ code: 2, stderr: expect.stringContaining('missing --size tiny|small') });
    expect(await run('make-random-gpt2.ts', ['--size', 'huge'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--size must be one of tiny, small') });
    expect(await run('make-random-gpt2.ts', ['--size', 'tiny', '--dtype', 'int4'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--dtype must be one of fp32, fp16, int8') });
    expect(await run('make-random-gpt2.ts', ['--size', 'tiny', '--name', '../evil'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--name: model name "../evil" must be') });
    await expect(stat(path.join(root, '..', 'evil'))).rejects.toThrow();
  });
});

describe('models:gpt2', () => {
  it('without network says so and explains --from, installing nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await run('models-gpt2.ts', ['--model', 'distilgpt2'], { HF_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot download distilbert/distilgpt2 from the Hugging Face hub');
    expect(r.stderr).toContain('npm run models:gpt2 -- --model distilgpt2 --from distilgpt2');
    await expect(stat(path.join(root, 'distilgpt2'))).rejects.toThrow();
  });

  it('refuses --name ../evil before downloading or reading anything', async () => {
    const r = await run('models-gpt2.ts', ['--name', '../evil', '--dtype', 'int8'], { HF_ENDPOINT: 'http://127.0.0.1:9' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--name: model name "../evil" must be 1-64 characters');
    expect(r.stderr).not.toMatch(/cannot download|downloading (config.json|model.safetensors)/);
    await expect(stat(path.join(root, '.downloads', 'gpt2'))).rejects.toThrow();
  });

  it('--from checks that the folder holds the named checkpoint', async () => {
    const dir = path.join(root, 'src-tiny');
    await mkdir(dir);
    await writeGpt2Folder(dir, randomGpt2Weights(TINY_CONFIG, 1));
    const r = await run('models-gpt2.ts', ['--from', dir, '--name', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('describes a 2-layer, 64-dim model, not gpt2 (12 layers, 768 dims): pass the matching --model');
    expect(await run('models-gpt2.ts', ['--from', path.join(root, 'absent')])).toMatchObject({ code: 1, stderr: expect.stringContaining('no such folder') });
    await expect(stat(path.join(root, 'x'))).rejects.toThrow();
  });
});
