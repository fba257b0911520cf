import { mkdir, mkdtemp, readdir, rm, truncate, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dequantise, quantiseRow, validateManifest } from '../vectors/format';
import { listSets, loadVectorSet } from './vector-set-reader';
import { VectorSetWriter } from './vector-set-writer';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-set-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const info = (name: string, dims: number) => ({ name, title: name, dims, source: 'test', licence: 'test' });

async function writeSet(name: string, words: string[], rows: number[][]) {
  const w = await VectorSetWriter.create(root, info(name, rows[0].length));
  for (let i = 0; i < words.length; i++) await w.add(words[i], rows[i]);
  return w.finish();
}

describe('quantiseRow', () => {
  it('keeps values in -127..127 and makes the dequantised row exactly unit length', () => {
    const row = [3, -4, 0.001, 12, -0.5];
    const { q, scale, norm } = quantiseRow(row);
    expect(norm).toBeCloseTo(Math.hypot(...row), 10);
    expect(Math.max(...Array.from(q, Math.abs))).toBe(127); // the largest |x| maps to 127
    expect(q[3]).toBe(127);
    expect(Math.hypot(...Array.from(q, (v) => v * scale))).toBeCloseTo(1, 6);
    // Each component is within half a step of the true unit vector.
    const unit = row.map((x) => x / norm);
    const step = 12 / norm / 127;
    q.forEach((v, i) => expect(Math.abs(v * scale - unit[i])).toBeLessThan(step));
  });

  it('stores an all-zero row as zeros with scale 0', () => {
    expect(quantiseRow([0, 0, 0])).toMatchObject({ scale: 0, norm: 0 });
  });
});

describe('writing and reading a set', () => {
  it('round-trips words, float32 vectors and checksums', async () => {
    const words = ['the', 'cat', 'Café', 'naïve'];
    const rows = [
      [0.1, -0.2, 0.3],
      [1.5, 2.5, -3.5],
      [0, 0, 0],
      [1e-3, 2e-3, -1e-3],
    ];
    const m = await writeSet('tiny', words, rows);
    expect(m).toMatchObject({ count: 4, dims: 3, lowercase: false, dtype: 'int8-rowscale' });
    const set = await loadVectorSet('tiny', { reference: true, verify: true }, root);
    expect(set.words).toEqual(words);
    expect(Array.from(set.reference!)).toEqual(rows.flat().map((x) => Math.fround(x)));
    // The norm is of the float32 vector as stored.
    expect(Array.from(set.norms)).toEqual(rows.map((r) => Math.fround(Math.hypot(...r.map(Math.fround)))));
    const unit = dequantise(set.q, set.scales, 3);
    expect(unit[3 * 1 + 2]).toBeCloseTo(-3.5 / Math.hypot(1.5, 2.5, 3.5), 2);
    expect(Array.from(unit.subarray(6, 9))).toEqual([0, 0, 0]);
    expect(validateManifest(JSON.parse(await readFile(path.join(root, 'tiny', 'manifest.json'), 'utf8')))).toEqual(m);
  });

  it('detects a corrupted byte with verify, and a truncated file without it', async () => {
    await writeSet('tiny', ['a', 'b'], [
      [1, 2],
      [3, 4],
    ]);
    const file = path.join(root, 'tiny', 'vectors.i8');
    const bytes = await readFile(file);
    bytes[0] ^= 0x55;
    await writeFile(file, bytes);
    await expect(loadVectorSet('tiny', { verify: true }, root)).rejects.toThrow(/vectors\.i8: checksum mismatch/);
    await truncate(file, 3);
    await expect(loadVectorSet('tiny', {}, root)).rejects.toThrow(/vectors\.i8 has 3 bytes, manifest says 4/);
    const { sets, broken } = await listSets(root);
    expect(sets).toEqual([]);
    expect(broken[0]).toMatchObject({ name: 'tiny', error: expect.stringContaining('truncated') });
  });

  it('lists GPT-2 model folders neither as sets nor as broken sets', async () => {
    await writeSet('tiny', ['a'], [[1, 0]]);
    await mkdir(path.join(root, 'gpt2-tiny-random'));
    await writeFile(path.join(root, 'gpt2-tiny-random', 'gpt2.json'), '{}');
    await mkdir(path.join(root, 'half-written'));
    const { sets, broken } = await listSets(root);
    expect(sets.map((s) => s.name)).toEqual(['tiny']);
    expect(broken.map((b) => b.name)).toEqual(['half-written']);
  });

  it('rejects bad rows without writing them, and abort leaves nothing behind', async () => {
    const w = await VectorSetWriter.create(root, info('bad', 2));
    await w.add('x', [1, 2]);
    await expect(w.add('x', [1, 2])).rejects.toThrow('duplicate word "x"');
    await expect(w.add('y', [1])).rejects.toThrow('has 1 numbers, expected 2');
    await expect(w.add('z', [1, NaN])).rejects.toThrow('non-finite');
    await expect(w.add('a b', [1, 2])).rejects.toThrow('whitespace');
    await w.abort();
    expect(await readdir(root)).toEqual([]);
  });

  it('replaces an existing set only when the new one is complete', async () => {
    await writeSet('s', ['old'], [[1, 0]]);
    const w = await VectorSetWriter.create(root, info('s', 2));
    await w.add('new', [0, 1]);
    expect((await loadVectorSet('s', {}, root)).words).toEqual(['old']); // still the old one mid-write
    await w.finish();
    expect((await loadVectorSet('s', {}, root)).words).toEqual(['new']);
    expect((await readdir(root)).sort()).toEqual(['s']);
  });

  it('refuses an empty set and a bad name', async () => {
    const w = await VectorSetWriter.create(root, info('empty', 2));
    await expect(w.finish()).rejects.toThrow('empty input');
    expect(await readdir(root)).toEqual([]);
    await expect(VectorSetWriter.create(root, info('../evil', 2))).rejects.toThrow('set name');
  });

  it('loadVectorSet refuses a name that is a path before touching the file system', async () => {
    // A set lies one level up: a path name would have reached it.
    await writeSet('outside', ['a'], [[1, 0]]);
    const inner = path.join(root, 'inner');
    await mkdir(inner);
    await expect(loadVectorSet('../outside', {}, inner)).rejects.toThrow(/^set name "..\/outside" is not valid: use 1-64 characters/);
    await expect(loadVectorSet('outside', {}, root)).resolves.toMatchObject({ words: ['a'] });
  });
});

describe('removeStaleTemporaries', () => {
  it('removes folders of dead processes only, optionally for one set', async () => {
    const { mkdir } = await import('node:fs/promises');
    const { removeStaleTemporaries } = await import('./vector-set-writer');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: never a live process
    for (const d of [`.tmp-a-${dead}`, `.old-a-${dead}`, `.tmp-b-${dead}`, `.tmp-a-${process.pid}`, 'keep']) await mkdir(path.join(root, d));
    expect((await removeStaleTemporaries(root, 'a')).sort()).toEqual([`.old-a-${dead}`, `.tmp-a-${dead}`]);
    expect(await removeStaleTemporaries(root)).toEqual([`.tmp-b-${dead}`]);
    expect((await readdir(root)).sort()).toEqual([`.tmp-a-${process.pid}`, 'keep']);
  });
});
