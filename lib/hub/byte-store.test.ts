import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsStore } from '../node/fs-store';
import { MemoryStore, readJson, storeBytes, writeJson, type ByteStore } from './byte-store';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-store-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const bytes = (...values: number[]) => Uint8Array.from(values);
let n = 0;
const stores: [string, () => ByteStore][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['FsStore', () => new FsStore(path.join(tmp, `s${n++}`))],
];

describe.each(stores)('%s', (_, make) => {
  it('size is null for a missing file, read names it', async () => {
    const store = make();
    expect(await store.size('x')).toBeNull();
    await expect(store.read('x')).rejects.toThrow(/x: no such file$/);
    expect(await store.list()).toEqual([]);
  });

  it('a writer replaces or appends, and read returns the whole file', async () => {
    const store = make();
    const w = await store.writer('f');
    await w.write(bytes(1, 2));
    const reused = bytes(3);
    await w.write(reused);
    reused[0] = 99; // the store must not keep the caller's buffer
    await w.flush();
    await w.close();
    expect(await store.read('f')).toEqual(bytes(1, 2, 3));

    const a = await store.writer('f', { append: true });
    await a.write(bytes(4));
    await a.close();
    expect(await store.read('f')).toEqual(bytes(1, 2, 3, 4));
    expect(await store.size('f')).toBe(4);

    const r = await store.writer('f');
    await r.write(bytes(7));
    await r.close();
    expect(await store.read('f')).toEqual(bytes(7));
  });

  it('write replaces a file at once and leaves no temporary file', async () => {
    const store = make();
    await store.write('meta.json', bytes(1, 2, 3));
    await writeJson(store, 'meta.json', { a: 1 });
    expect(await readJson(store, 'meta.json')).toEqual({ a: 1 });
    expect((await store.list()).map((e) => e.name)).toEqual(['meta.json']);
  });

  it('rename replaces the target; remove takes files and folders and ignores missing ones', async () => {
    const store = make();
    await store.write('a.part', bytes(1, 2));
    await store.write('a', bytes(9));
    await store.rename('a.part', 'a');
    expect(await store.read('a')).toEqual(bytes(1, 2));
    expect(await store.size('a.part')).toBeNull();
    await expect(store.rename('nothing', 'b')).rejects.toThrow();

    await store.folder('m').write('x', bytes(1));
    await store.remove('m');
    await store.remove('a');
    await store.remove('never-there');
    expect(await store.list()).toEqual([]);
  });

  it('folders appear on their first write, list with sizes, and removeAll empties everything', async () => {
    const store = make();
    const sub = store.folder('model');
    expect(await sub.list()).toEqual([]);
    expect(await store.list()).toEqual([]); // looked at, not yet written
    await sub.write('w', new Uint8Array(1000));
    await store.write('top', bytes(1, 2));
    const listed = (await store.list()).sort((a, b) => a.name.localeCompare(b.name));
    expect(listed).toEqual([
      { name: 'model', kind: 'folder' },
      { name: 'top', kind: 'file', bytes: 2 },
    ]);
    expect(await store.folder('model').size('w')).toBe(1000);
    expect(await storeBytes(store)).toBe(1002);
    await store.removeAll();
    expect(await store.list()).toEqual([]);
    expect(await sub.size('w')).toBeNull();
  });

  it('refuses names that are paths', async () => {
    const store = make();
    for (const name of ['', '.', '..', 'a/b', 'a\\b']) {
      await expect(store.size(name)).rejects.toThrow(`store name "${name}" must be a plain file name`);
      expect(() => store.folder(name)).toThrow('must be a plain file name');
    }
  });
});

describe('FsStore', () => {
  it('keeps files where it says, creating the folder on the first write', async () => {
    const store = new FsStore(path.join(tmp, 'deep', 'er'));
    expect(store.path('f')).toBe(path.join(tmp, 'deep', 'er', 'f'));
    await store.write('f', bytes(5));
    expect(await readdir(path.join(tmp, 'deep', 'er'))).toEqual(['f']);
  });
});
