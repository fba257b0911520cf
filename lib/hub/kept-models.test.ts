import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsStore } from '../node/fs-store';
import { MemoryStore, readJson, writeJson, type ByteStore } from './byte-store';
import { keptBuild, keptFolderName, keptUsage, listKept, parseKeptFolderName, readKept, recordBuild, recordDownload, removeKept } from './kept-models';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-kept-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const CONFIG = { n_layer: 2, n_embd: 64, wve_random_test_model: true };
const WHEN = new Date('2026-12-01T10:00:00Z');
const download = (etag: string | null = '"aaa"') => ({
  hub: 'https://huggingface.co',
  repo: 'openai-community/gpt2',
  revision: 'main',
  etag,
  files: { 'config.json': 60, 'model.safetensors': 1000 },
  config: CONFIG,
});

/** Puts the downloaded files in the model's folder, as the download would. */
async function keepFiles(root: ByteStore, repo = 'openai-community/gpt2', revision = 'main') {
  const folder = root.folder(keptFolderName(repo, revision));
  await folder.write('config.json', new Uint8Array(60));
  await folder.write('model.safetensors', new Uint8Array(1000));
  return folder;
}

describe('keptFolderName / parseKeptFolderName', () => {
  it('names folders readably and reads them back', () => {
    const cases: [string, string, string][] = [
      ['openai-community/gpt2', 'main', 'openai-community--gpt2~main'],
      ['gpt2', 'main', 'gpt2~main'],
      ['distilbert/distilgpt2', 'refs/pr/12', 'distilbert--distilgpt2~refs~pr~12'],
      ['a.b/c_d', 'f'.repeat(40), `a.b--c_d~${'f'.repeat(40)}`],
    ];
    for (const [repo, revision, folder] of cases) {
      expect(keptFolderName(repo, revision)).toBe(folder);
      expect(parseKeptFolderName(folder)).toEqual({ repo, revision });
    }
  });

  it('refuses bad names and does not read foreign folders as models', () => {
    expect(() => keptFolderName('../x', 'main')).toThrow('repo "../x"');
    expect(() => keptFolderName('gpt2', 'a..b')).toThrow('revision "a..b"');
    for (const folder of ['gpt2', 'a--b--c~main', 'gpt2~', '~main', 'gpt2~a~~b', '.tmp~x']) expect(parseKeptFolderName(folder)).toBeNull();
  });
});

describe.each([
  ['MemoryStore', () => new MemoryStore() as ByteStore],
  ['FsStore', () => new FsStore(path.join(tmp, `root-${Math.random().toString(36).slice(2)}`)) as ByteStore],
])('kept models in a %s', (_, makeRoot) => {
  it('round-trips a download and a build through meta.json', async () => {
    const root = makeRoot();
    expect(await readKept(root, 'openai-community/gpt2', 'main')).toBeNull();
    const folder = await keepFiles(root);
    const meta = await recordDownload(root, download(), WHEN);
    expect(meta).toEqual({ ...download(), keptAt: '2026-12-01T10:00:00.000Z', builds: {} });
    expect(await readKept(root, 'openai-community/gpt2', 'main')).toEqual(meta);

    await folder.write('model-fp32.onnx', new Uint8Array(500));
    const build = { file: 'model-fp32.onnx', bytes: 500, etag: '"aaa"', builder: 'graph v1' };
    await recordBuild(root, 'openai-community/gpt2', 'main', 'fp32', build);
    const kept = (await readKept(root, 'openai-community/gpt2', 'main'))!;
    expect(kept.builds).toEqual({ fp32: build });
    expect(keptBuild(kept, 'fp32')).toEqual(build);
    expect(keptBuild(kept, 'fp32', 'graph v1')).toEqual(build);
    expect(keptBuild(kept, 'fp32', 'graph v2')).toBeNull(); // a newer builder wants its own
    expect(keptBuild(kept, 'fp16')).toBeNull();
    expect((await folder.list()).map((e) => e.name).sort()).toEqual(['config.json', 'meta.json', 'model-fp32.onnx', 'model.safetensors']);

    expect(await listKept(root)).toEqual({ models: [kept], broken: [] });
    expect(await keptUsage(root)).toEqual({
      folders: [{ folder: 'openai-community--gpt2~main', repo: 'openai-community/gpt2', revision: 'main', bytes: 1560 + (await folder.size('meta.json'))! }],
      total: 1560 + (await folder.size('meta.json'))!,
    });
    await removeKept(root, 'openai-community/gpt2', 'main');
    expect(await readKept(root, 'openai-community/gpt2', 'main')).toBeNull();
    expect(await root.list()).toEqual([]);
  });

  it('a build made from another ETag is stale: refused when recorded, and dropped when the weights change', async () => {
    const root = makeRoot();
    const folder = await keepFiles(root);
    await recordDownload(root, download('"aaa"'), WHEN);
    await folder.write('model-fp16.onnx', new Uint8Array(250));
    await expect(recordBuild(root, 'openai-community/gpt2', 'main', 'fp16', { file: 'model-fp16.onnx', bytes: 250, etag: '"old"', builder: 'b' })).rejects.toThrow(
      'the fp16 build of openai-community/gpt2@main was made from ETag "old", but the kept weights have ETag "aaa": build again from the kept files',
    );
    await expect(recordBuild(root, 'openai-community/gpt2', 'main', 'fp16', { file: 'model-fp16.onnx', bytes: 999, etag: '"aaa"', builder: 'b' })).rejects.toThrow(
      'model-fp16.onnx holds 250 bytes, not the 999 bytes of the fp16 build: write the file first',
    );
    await recordBuild(root, 'openai-community/gpt2', 'main', 'fp16', { file: 'model-fp16.onnx', bytes: 250, etag: '"aaa"', builder: 'b' });

    // The same weights downloaded again keep their build; new weights make it stale, and it goes.
    expect(keptBuild((await recordDownload(root, download('"aaa"'), WHEN)), 'fp16')).not.toBeNull();
    const after = await recordDownload(root, download('"bbb"'), WHEN);
    expect(after.builds).toEqual({});
    expect(await folder.size('model-fp16.onnx')).toBeNull();

    // A meta.json edited by hand to pair a build with other weights is reported stale, not used.
    await writeJson(folder, 'meta.json', { ...after, builds: { fp16: { file: 'x.onnx', bytes: 1, etag: '"aaa"', builder: 'b' } } });
    expect(keptBuild((await readKept(root, 'openai-community/gpt2', 'main'))!, 'fp16')).toBeNull();
  });

  it('lists broken folders with their problem instead of throwing', async () => {
    const root = makeRoot();
    await keepFiles(root);
    await recordDownload(root, download(), WHEN);
    await keepFiles(root, 'gpt2', 'main');
    await root.folder('gpt2~main').write('meta.json', new TextEncoder().encode('{"hub": '));
    const unfinished = root.folder(keptFolderName('distilbert/distilgpt2', 'main'));
    await unfinished.write('model.safetensors.part', new Uint8Array(1234));
    await root.folder('not a model').write('x', new Uint8Array(1));
    await root.folder('a--b~main').write('meta.json', new TextEncoder().encode(JSON.stringify({ ...download(), keptAt: 'x', builds: {} })));
    await root.folder('c--d~main').write('meta.json', new TextEncoder().encode(JSON.stringify({ ...download(), repo: 'c/d', files: { x: -1 }, keptAt: 'x', builds: {} })));

    const { models, broken } = await listKept(root);
    expect(models.map((m) => m.repo)).toEqual(['openai-community/gpt2']);
    expect(broken.sort((a, b) => a.folder.localeCompare(b.folder))).toEqual([
      { folder: 'a--b~main', problem: 'a--b~main/meta.json: describes openai-community/gpt2@main, which belongs in another folder' },
      { folder: 'c--d~main', problem: 'c--d~main/meta.json: "files" must map file names to sizes in bytes' },
      { folder: 'distilbert--distilgpt2~main', problem: 'no meta.json: an unfinished download (model.safetensors.part holds 1,234 bytes)' },
      { folder: 'gpt2~main', problem: expect.stringMatching(/^.*gpt2~main\/meta\.json is not valid JSON: /) },
      { folder: 'not a model', problem: 'the folder name is not owner--name~revision' },
    ]);
    await expect(readKept(root, 'gpt2', 'main')).rejects.toThrow('meta.json is not valid JSON');
    const usage = await keptUsage(root);
    expect(usage.folders.find((f) => f.folder === 'distilbert--distilgpt2~main')).toEqual({ folder: 'distilbert--distilgpt2~main', repo: 'distilbert/distilgpt2', revision: 'main', bytes: 1234 });
    expect(usage.folders.find((f) => f.folder === 'not a model')).toMatchObject({ repo: null, bytes: 1 });
    expect(usage.total).toBe(usage.folders.reduce((n, f) => n + f.bytes, 0));
  });

  it('refuses to record a build of a model that is not kept', async () => {
    await expect(recordBuild(makeRoot(), 'gpt2', 'main', 'fp32', { file: 'm.onnx', bytes: 1, etag: null, builder: 'b' })).rejects.toThrow('gpt2@main is not kept: record its download before a build');
  });
});

describe('meta.json on disk', () => {
  it('is written atomically (no temporary file left) and reads back as JSON', async () => {
    const root = new FsStore(path.join(tmp, 'atomic'));
    await keepFiles(root);
    await recordDownload(root, download(), WHEN);
    await recordDownload(root, download(), WHEN);
    const dir = path.join(tmp, 'atomic', 'openai-community--gpt2~main');
    expect((await readdir(dir)).sort()).toEqual(['config.json', 'meta.json', 'model.safetensors']);
    expect(await readJson(root.folder('openai-community--gpt2~main'), 'meta.json')).toMatchObject({ repo: 'openai-community/gpt2', config: CONFIG });
  });
});
