import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VectorSetWriter } from '../node/vector-set-writer';
import { AnalogyEngine } from './analogy';
import { openRemoteSet, type LoadProgress } from './fetch-set';

let root: string;
const ROWS = 3000;
const DIMS = 8;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-fetch-'));
  const w = await VectorSetWriter.create(root, { name: 'synthetic', title: 't', dims: DIMS, source: 's', licence: 'l' });
  for (let i = 0; i < ROWS; i++) await w.add(`w${i}`, Array.from({ length: DIMS }, (_, d) => Math.sin(i * 7 + d * 3) + (d === i % DIMS ? 2 : 0)));
  await w.finish();
});
afterAll(() => rm(root, { recursive: true, force: true }));

/**
 * A fetch over the set's folder that sends bodies in small chunks, optionally cut short, and
 * optionally holding the rows' body after `holdAfter` bytes until `release` resolves.
 */
const requested: string[] = [];
function fileFetch(options: { chunk?: number; truncate?: string; holdAfter?: number; release?: Promise<void> } = {}): typeof fetch {
  return (async (url: string | URL) => {
    requested.push(String(url));
    const file = String(url).split('/').pop()!.split('?')[0];
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path.join(root, 'synthetic', file)));
    } catch {
      return new Response('missing', { status: 404 });
    }
    if (options.truncate === file) bytes = bytes.subarray(0, bytes.length - 5);
    const chunk = options.chunk ?? 4096;
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (at >= bytes.length) return controller.close();
        if (file === 'vectors.i8' && options.holdAfter !== undefined && at >= options.holdAfter) await options.release;
        controller.enqueue(bytes.slice(at, (at += chunk)));
      },
    });
    return new Response(body);
  }) as typeof fetch;
}

describe('openRemoteSet', () => {
  it('gives up with a message when no data arrives for the stall time, instead of loading forever', async () => {
    const never = new Promise<void>(() => undefined);
    const remote = await openRemoteSet('http://x/data/synthetic', () => undefined, { fetch: fileFetch({ chunk: 512, holdAfter: 4096, release: never }), batchBytes: 1024, stallMs: 300 });
    await expect(remote.complete).rejects.toThrow('no data from x for 300 ms: the connection or the server may be down; try again');
  });

  it("asks for the data files under URLs that name the set's checksum (so a cache may keep them)", async () => {
    requested.length = 0;
    const remote = await openRemoteSet('http://x/data/synthetic', () => undefined, { fetch: fileFetch() });
    await remote.complete;
    const v = `?v=${remote.manifest.checksum.slice(0, 16)}`;
    expect(requested.sort()).toEqual(['http://x/data/synthetic/manifest.json', ...['scales.f32', 'vectors.i8', 'vocab.txt'].map((f) => `http://x/data/synthetic/${f}${v}`)].sort());
  });

  it('streams every row and reports bytes of the total, ending with ready', async () => {
    const events: LoadProgress[] = [];
    const remote = await openRemoteSet('http://x/data/synthetic', (p) => events.push(p), { fetch: fileFetch() });
    await remote.complete;
    expect(remote.store.loadedRows).toBe(ROWS);
    const progress = events.filter((e) => e.status === 'progress');
    const last = progress[progress.length - 1] as Extract<LoadProgress, { status: 'progress' }>;
    expect(last.loaded).toBe(last.total);
    expect(last.total).toBe(remote.manifest.files.vocab.bytes + remote.manifest.files.scales.bytes + remote.manifest.files.vectors.bytes);
    expect(events[events.length - 1].status).toBe('ready');
    // The loaded store answers like one built from the files directly.
    const engine = new AnalogyEngine(remote.store);
    const r = engine.neighbors('w5', { k: 3, honest: true });
    expect(r.results[0].word).toBe('w5');
    expect(r.results[0].score).toBeCloseTo(1, 4); // int16 query quantisation: within 1e-5
  });

  it('tells of bytes alone at most every 50 ms, but of every new row count and of the last byte at once', async () => {
    const clock = vi.spyOn(performance, 'now').mockReturnValue(1000); // no time passes during the load
    try {
      const events: LoadProgress[] = [];
      const remote = await openRemoteSet('http://x/data/synthetic', (p) => events.push(p), { fetch: fileFetch({ chunk: 256 }), batchBytes: 2048 });
      await remote.complete;
      const progress = events.filter((e) => e.status === 'progress') as Extract<LoadProgress, { status: 'progress' }>[];
      // One report of the first bytes, then one per new row count; the last brings the last rows.
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.slice(1).every((p, i) => p.rows !== progress[i].rows)).toBe(true);
      expect(progress[progress.length - 1].loaded).toBe(progress[progress.length - 1].total);
      // With time passing, byte-only reports come again (the words and scales download, rows 0).
      clock.mockImplementation(() => clock.mock.calls.length * 60);
      const timed: LoadProgress[] = [];
      await (await openRemoteSet('http://x/data/synthetic', (p) => timed.push(p), { fetch: fileFetch({ chunk: 256 }), batchBytes: 2048 })).complete;
      expect(timed.filter((e) => e.status === 'progress' && e.rows === 0).length).toBeGreaterThan(10);
    } finally {
      clock.mockRestore();
    }
  });

  it('makes rows searchable before the download ends (most frequent first)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const partial = new Promise<number>((resolve) => {
      void openRemoteSet(
        'http://x/data/synthetic',
        (p) => p.status === 'progress' && p.rows > 0 && resolve(p.rows),
        { fetch: fileFetch({ chunk: 512, holdAfter: 8192, release: held }), batchBytes: 1024 },
      ).then((remote) => {
        engineOf = new AnalogyEngine(remote.store);
        done = remote.complete;
      });
    });
    let engineOf!: AnalogyEngine;
    let done!: Promise<void>;
    const rows = await partial;
    await new Promise((r) => setTimeout(r, 20)); // let the stream reach the hold
    expect(rows).toBeGreaterThan(0);
    expect(engineOf.store.loadedRows).toBeLessThanOrEqual(8192 / DIMS);
    expect(engineOf.neighbors('w1', { k: 3 }).results).toHaveLength(3); // answers over loaded rows
    expect(() => engineOf.neighbors(`w${ROWS - 1}`)).toThrow(/still loading/);
    release();
    await done;
    expect(engineOf.store.loadedRows).toBe(ROWS);
    expect(engineOf.neighbors(`w${ROWS - 1}`).results).toHaveLength(10);
  });

  it('rejects a truncated download with a message that says so', async () => {
    const remote = await openRemoteSet('http://x/data/synthetic', () => undefined, { fetch: fileFetch({ truncate: 'vectors.i8' }) });
    await expect(remote.complete).rejects.toThrow(/vectors\.i8 ended after .* expected .* \(truncated download\?\)/);
    await expect(openRemoteSet('http://x/data/synthetic', () => undefined, { fetch: fileFetch({ truncate: 'vocab.txt' }) })).rejects.toThrow(/truncated/);
  });

  it('says which file is missing', async () => {
    await expect(openRemoteSet('http://x/data/nothing-here', () => undefined, { fetch: (async () => new Response('no', { status: 404 })) as typeof fetch })).rejects.toThrow(
      'could not fetch http://x/data/nothing-here/manifest.json: HTTP 404',
    );
  });
});
