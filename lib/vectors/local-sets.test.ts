import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore, type ByteStore } from '../hub/byte-store';
import { VectorSetWriter } from '../node/vector-set-writer';
import { AnalogyEngine } from './analogy';
import type { LoadProgress } from './fetch-set';
import { FILE_NAMES } from './format';
import {
  importLocalSet,
  listLocalSets,
  LOCAL_SETS_FOLDER,
  LocalSetWriter,
  openLocalSet,
  removeLocalSet,
  removeUnfinished,
  saveLocalSet,
  setNameFromFile,
  type LocalSetInput,
} from './local-sets';

const DIMS = 6;
/** king − man + woman = queen exactly; the other rows point elsewhere. */
function royalSet(name = 'royal', extra = 40): LocalSetInput {
  const words = ['man', 'woman', 'king', 'queen'];
  const base = [1, 0, 0, 0, 0.2, 0.1];
  const gender = [0, 1, 0, 0, 0, 0];
  const royal = [0, 0, 1, 0, 0, 0];
  const rows = [base, base.map((v, d) => v + gender[d]), base.map((v, d) => v + royal[d]), base.map((v, d) => v + gender[d] + royal[d])];
  for (let i = 0; i < extra; i++) {
    words.push(`w${i}`);
    rows.push(Array.from({ length: DIMS }, (_, d) => Math.sin(i * 5.3 + d * 2.1) + (d === 3 ? 1.5 : 0)));
  }
  return { name, title: 'Royal test set', source: 'unit test', licence: 'CC0', dims: DIMS, words, vectors: new Float32Array(rows.flat()) };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-local-sets-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** A store whose `rename` fails from the n-th call on, as a browser closed in the middle of finishing would. */
function failingRenames(store: ByteStore, after: number): ByteStore {
  let renames = 0;
  const wrap = (s: ByteStore): ByteStore =>
    new Proxy(s, {
      get(target, key, receiver) {
        if (key === 'folder') return (name: string) => wrap(target.folder(name));
        if (key === 'rename') {
          return async (from: string, to: string) => {
            if (++renames > after) throw new Error('the tab was closed');
            return target.rename(from, to);
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return wrap(store);
}

describe('saveLocalSet', () => {
  it('keeps the same files and checksum as the Node writer, listed with its size', async () => {
    const input = royalSet();
    const store = new MemoryStore();
    const manifest = await saveLocalSet(store, input);
    expect(manifest).toMatchObject({ name: 'royal', title: 'Royal test set', count: 44, dims: DIMS, lowercase: true, source: 'unit test', licence: 'CC0' });

    const node = await VectorSetWriter.create(tmp, { ...input });
    for (let i = 0; i < input.words.length; i++) await node.add(input.words[i], input.vectors.subarray(i * DIMS, (i + 1) * DIMS));
    const nodeManifest = await node.finish();
    expect(manifest.checksum).toBe(nodeManifest.checksum);
    expect(manifest.files).toEqual(nodeManifest.files);
    const folder = store.folder(LOCAL_SETS_FOLDER).folder('royal');
    for (const file of Object.values(FILE_NAMES)) {
      expect(Buffer.from(await folder.read(file)).equals(await readFile(path.join(tmp, 'royal', file))), file).toBe(true);
    }

    const list = await listLocalSets(store);
    expect(list.broken).toEqual([]);
    expect(list.unfinished).toEqual([]);
    expect(list.sets.map((s) => s.manifest.name)).toEqual(['royal']);
    const files = await folder.list();
    expect(list.sets[0].bytes).toBe(files.reduce((n, f) => n + (f.kind === 'file' ? f.bytes : 0), 0));
  });

  it('opens in the same VectorStore as a server set: king − man + woman answers queen', async () => {
    const store = new MemoryStore();
    await saveLocalSet(store, royalSet());
    const events: LoadProgress[] = [];
    const set = await openLocalSet(store, 'royal', (p) => events.push(p));
    await set.complete;
    expect(events.at(-1)).toMatchObject({ status: 'ready', rows: 44 });
    expect(new AnalogyEngine(set.store).query('king - man + woman', { k: 3 }).results[0].word).toBe('queen');
    await expect(openLocalSet(store, 'gone', () => undefined)).rejects.toThrow('the vector set "gone" is no longer kept in this browser');
    // A damaged file is named, as a truncated download is.
    const folder = store.folder(LOCAL_SETS_FOLDER).folder('royal');
    await folder.write(FILE_NAMES.vectors, (await folder.read(FILE_NAMES.vectors)).subarray(0, 100));
    const damaged = await openLocalSet(store, 'royal', () => undefined);
    await expect(damaged.complete).rejects.toThrow(`vectors.i8 ended after 100 bytes, expected ${44 * DIMS} (file damaged?)`);
  });

  it('refuses a name already kept unless replacing, and checks its input', async () => {
    const store = new MemoryStore();
    await saveLocalSet(store, royalSet());
    await expect(saveLocalSet(store, royalSet())).rejects.toThrow('a set named "royal" is already kept in this browser: choose another name, or replace it');
    const smaller = { ...royalSet('royal', 2), replace: true };
    expect((await saveLocalSet(store, smaller)).count).toBe(6);
    expect((await listLocalSets(store)).sets[0].manifest.count).toBe(6);

    await expect(saveLocalSet(store, { ...royalSet('Bad Name') })).rejects.toThrow(`"Bad Name" is not a valid set name`);
    await expect(saveLocalSet(store, { ...royalSet('short'), vectors: new Float32Array(5) })).rejects.toThrow('vectors has 5 numbers, expected 44 words × 6 dims = 264');
    const dup = royalSet('dup');
    dup.words[7] = 'king';
    await expect(saveLocalSet(store, dup)).rejects.toThrow('row 7 ("king"): duplicate word "king"');
    const inf = royalSet('inf');
    inf.vectors[20] = Infinity;
    await expect(saveLocalSet(store, inf)).rejects.toThrow('row 3 ("queen"): "queen" has a non-finite value at position 3');
    // Refused sets leave nothing behind.
    expect((await store.folder(LOCAL_SETS_FOLDER).list()).map((e) => e.name)).toEqual(['royal']);
  });
});

describe('atomicity', () => {
  const enc = new TextEncoder();
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `w${i} ${i % 7} ${(i * 3) % 5} 1`);
  const fileInput = (text: string) => {
    const bytes = enc.encode(text);
    const chunks = () => (async function* () { for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000); })();
    return { label: 'vectors.txt', fileName: 'vectors.txt', totalBytes: bytes.length, chunks: chunks(), reread: chunks };
  };

  it('an import that fails half-way keeps nothing, and a set it was replacing stays whole', async () => {
    const store = new MemoryStore();
    const ls = lines(9000);
    ls[8500] = 'w8500 1 2 x';
    await expect(importLocalSet(store, fileInput(ls.join('\n')), { name: 'new', title: 't', licence: 'l' })).rejects.toThrow('line 8501: "x" is not a number (column 4)');
    expect(await store.folder(LOCAL_SETS_FOLDER).list()).toEqual([]);

    const kept = await saveLocalSet(store, royalSet('kept'));
    await expect(importLocalSet(store, fileInput(ls.join('\n')), { name: 'kept', title: 't', licence: 'l', replace: true })).rejects.toThrow(/^line 8501/);
    const list = await listLocalSets(store);
    expect(list.sets.map((s) => s.manifest.checksum)).toEqual([kept.checksum]);
    expect((await store.folder(LOCAL_SETS_FOLDER).folder('kept').list()).map((f) => f.name).sort()).toEqual([...Object.values(FILE_NAMES), 'manifest.json'].sort());
  });

  it('a cancelled import stops between chunks with the signal’s reason and keeps nothing', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    const cancel = new Error('cancelled by the user');
    const input = fileInput(lines(20000).join('\n'));
    let chunks = 0;
    const source = input.chunks;
    input.chunks = (async function* () {
      for await (const chunk of source) {
        if (++chunks === 100) controller.abort(cancel); // the user clicks Cancel half-way
        yield chunk;
      }
    })();
    await expect(importLocalSet(store, input, { name: 'big', title: 't', licence: 'l', signal: controller.signal })).rejects.toBe(cancel);
    expect(chunks).toBeLessThan(110);
    expect(await store.folder(LOCAL_SETS_FOLDER).list()).toEqual([]);
  });

  it('an import interrupted while writing leaves no listed set, and the next import removes its folder', async () => {
    const store = new MemoryStore();
    const writer = await LocalSetWriter.create(store, { name: 'crashed', title: 't', source: 's', licence: 'l', dims: 3 });
    for (let i = 0; i < 5000; i++) await writer.add(`w${i}`, [1, i, 2]); // then the tab is closed: no finish, no abort
    await saveLocalSet(store, royalSet('other'));
    const list = await listLocalSets(store);
    expect(list.sets.map((s) => s.manifest.name)).toEqual(['other']);
    expect(list.unfinished).toEqual(['crashed']);
    expect(await removeUnfinished(store, new Set(['crashed']))).toEqual([]); // still running elsewhere: left alone
    expect(await removeUnfinished(store, new Set())).toEqual(['crashed']);
    expect((await listLocalSets(store)).unfinished).toEqual([]);
  });

  it('an interruption while finishing leaves the set unlisted, never half old and half new', async () => {
    const base = new MemoryStore();
    await saveLocalSet(base, royalSet('swap'));
    // The tab is closed after two of the five renames: nothing runs after that.
    const writer = await LocalSetWriter.create(failingRenames(base, 2), { name: 'swap', title: 't', source: 's', licence: 'l', dims: 3 }, { replace: true });
    await writer.add('new', [1, 2, 3]);
    await expect(writer.finish()).rejects.toThrow('the tab was closed');
    expect(await listLocalSets(base)).toEqual({ sets: [], broken: [], unfinished: ['swap'] });
    // When the failure is seen (not a closed tab), the writer cleans up after itself.
    await saveLocalSet(base, royalSet('again'));
    await expect(saveLocalSet(failingRenames(base, 1), { ...royalSet('again', 3), replace: true })).rejects.toThrow('the tab was closed');
    expect((await listLocalSets(base)).unfinished).toEqual(['swap']);
    expect((await base.folder(LOCAL_SETS_FOLDER).list()).map((e) => e.name)).toEqual(['swap']);
  });

  it('leftover .part files beside a kept set are removed, the set kept', async () => {
    const store = new MemoryStore();
    const m = await saveLocalSet(store, royalSet('keep'));
    await store.folder(LOCAL_SETS_FOLDER).folder('keep').write('vectors.i8.part', new Uint8Array(10));
    expect(await removeUnfinished(store, new Set())).toEqual(['keep/*.part']);
    expect((await listLocalSets(store)).sets.map((s) => s.manifest.checksum)).toEqual([m.checksum]);
  });
});

describe('listLocalSets and removeLocalSet', () => {
  it('reports broken folders instead of throwing', async () => {
    const store = new MemoryStore();
    await saveLocalSet(store, royalSet('good'));
    await saveLocalSet(store, royalSet('short-file'));
    const sets = store.folder(LOCAL_SETS_FOLDER);
    await sets.folder('short-file').write('scales.f32', new Uint8Array(4));
    await sets.folder('bad-json').write('manifest.json', new TextEncoder().encode('{'));
    await saveLocalSet(store, royalSet('renamed'));
    const manifest = JSON.parse(new TextDecoder().decode(await sets.folder('renamed').read('manifest.json')));
    await sets.folder('renamed').write('manifest.json', new TextEncoder().encode(JSON.stringify({ ...manifest, name: 'other' })));
    await sets.write('stray-file', new Uint8Array(1));

    const list = await listLocalSets(store);
    expect(list.sets.map((s) => s.manifest.name)).toEqual(['good']);
    expect(list.broken.map((b) => b.name).sort()).toEqual(['bad-json', 'renamed', 'short-file']);
    expect(list.broken.find((b) => b.name === 'short-file')?.error).toBe('scales.f32 has 4 bytes, its manifest says 176');
    expect(list.broken.find((b) => b.name === 'renamed')?.error).toBe('its manifest.json names the set "other"');
    expect(list.broken.find((b) => b.name === 'bad-json')?.error).toMatch(/manifest\.json is not valid JSON/);
  });

  it('removes a set and says when there was none', async () => {
    const store = new MemoryStore();
    await saveLocalSet(store, royalSet('a'));
    await saveLocalSet(store, royalSet('b'));
    expect(await removeLocalSet(store, 'a')).toBe(true);
    expect((await listLocalSets(store)).sets.map((s) => s.manifest.name)).toEqual(['b']);
    expect(await removeLocalSet(store, 'a')).toBe(false);
    await expect(removeLocalSet(store, '../b')).rejects.toThrow('is not a valid set name');
    expect(await listLocalSets(new MemoryStore())).toEqual({ sets: [], broken: [], unfinished: [] });
  });
});

describe('setNameFromFile', () => {
  it('makes a valid set name from a file name', () => {
    expect(setNameFromFile('glove.6B.50d.txt')).toBe('glove.6b.50d');
    expect(setNameFromFile('GoogleNews-vectors-negative300.bin')).toBe('googlenews-vectors-negative300');
    expect(setNameFromFile('crawl 300d 2M.vec')).toBe('crawl-300d-2m');
    expect(setNameFromFile('__Vectors (1).txt')).toBe('vectors-1');
    expect(setNameFromFile('東京.txt')).toBe('my-vectors');
    expect(setNameFromFile('x'.repeat(100))).toHaveLength(64);
  });
});
