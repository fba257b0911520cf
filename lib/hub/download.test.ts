import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { FsStore } from '../node/fs-store';
import { startHubStandIn, type HubStandIn, type StandInControl, type StandInLogEntry } from '../node/hub-stand-in';
import { MemoryStore, readJson, type ByteStore } from './byte-store';
import { IncompleteDownloadError, PROGRESS_STEP, download, type DownloadProgress } from './download';
import { HubHttpError, NetworkError } from './http-errors';
import { hubFileUrl } from './hub-url';
import { probeHubFile } from './probe';

const SIZE = 3_000_000;
const randomBytes = (seed: number, size = SIZE) => {
  const rand = seededRandom(seed);
  return Uint8Array.from({ length: size }, () => Math.floor(rand() * 256));
};
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let root: string;
let standIn: HubStandIn;
let weights: Uint8Array;
const REPO = 'test-org/blob';
const repoDir = () => path.join(root, 'test-org', 'blob');
const url = (file = 'model.safetensors') => hubFileUrl(standIn.hub, REPO, 'main', file);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-hub-'));
  await mkdir(repoDir(), { recursive: true });
  await writeFile(path.join(repoDir(), 'config.json'), '{"n_layer": 2}\n');
  standIn = await startHubStandIn({ root });
});
afterAll(async () => {
  await standIn.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  weights = randomBytes(1);
  await writeFile(path.join(repoDir(), 'model.safetensors'), weights);
  await fetch(`${standIn.hub}/__control`, { method: 'DELETE' });
  await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
});

const control = async (settings: Partial<StandInControl>) => {
  const res = await fetch(`${standIn.hub}/__control`, { method: 'POST', body: JSON.stringify(settings) });
  expect(res.status).toBe(200);
};
const requests = async (): Promise<StandInLogEntry[]> => (await fetch(`${standIn.hub}/__log`)).json();
/** One line per request; the body size only for the CDN (the hub's 302 has a short text body). */
const summary = async () => (await requests()).map((r) => `${r.origin} ${r.status} ${r.range ?? '-'}${r.origin === 'cdn' ? ` ${r.bytes}` : ''}`);

let n = 0;
const stores: [string, () => ByteStore][] = [
  ['MemoryStore', () => new MemoryStore()],
  ['FsStore', () => new FsStore(path.join(root, '.stores', `s${n++}`))],
];

describe.each(stores)('download() into a %s', (_, make) => {
  it('follows the hub\'s 302 to the CDN origin and installs the file only when complete', async () => {
    const store = make();
    const progress: DownloadProgress[] = [];
    const result = await download({ url: url(), store, name: 'model.safetensors', onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ bytes: SIZE, resumedFrom: 0, restarted: false, etag: `"${sha256(weights)}"` });
    expect(sha256(await store.read('model.safetensors'))).toBe(sha256(weights));
    expect((await store.list()).map((e) => e.name)).toEqual(['model.safetensors']);

    const log = await requests();
    expect(log.map((r) => [r.origin, r.status])).toEqual([
      ['hub', 302],
      ['cdn', 200],
    ]);
    expect(new URL(standIn.cdn).origin).not.toBe(new URL(standIn.hub).origin);
    expect(log[1].bytes).toBe(SIZE);

    // Throttled: the start, about every MB, and the end.
    expect(progress[0]).toEqual({ loaded: 0, total: SIZE, resumedFrom: 0 });
    expect(progress.at(-1)).toEqual({ loaded: SIZE, total: SIZE, resumedFrom: 0 });
    expect(progress.length).toBeLessThanOrEqual(2 + SIZE / PROGRESS_STEP);
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i].loaded - progress[i - 1].loaded).toBeGreaterThanOrEqual(PROGRESS_STEP);
  });

  it('keeps the part of a body cut halfway, and the next try fetches only the rest', async () => {
    const store = make();
    await control({ cutAfter: SIZE / 2 });
    const err = await download({ url: url(), store, name: 'model.safetensors' }).catch((e) => e);
    expect(err).toBeInstanceOf(IncompleteDownloadError);
    expect(err.message).toMatch(new RegExp(`^download of ${url().replace(/[.?]/g, '\\$&')} stopped at [\\d,]+ of 3,000,000 bytes \\(.+\\); try again — the download resumes$`));
    const kept = (await store.size('model.safetensors.part'))!;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(SIZE / 2);
    expect(err.loaded).toBe(kept);
    expect(await store.size('model.safetensors')).toBeNull();
    expect(await readJson(store, 'model.safetensors.part.json')).toEqual({ url: url(), etag: `"${sha256(weights)}"`, total: SIZE });

    await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
    const result = await download({ url: url(), store, name: 'model.safetensors' });
    expect(result).toMatchObject({ bytes: SIZE, resumedFrom: kept, restarted: false });
    const log = await requests();
    expect(log.map((r) => [r.origin, r.status, r.range, r.ifRange])).toEqual([
      ['hub', 302, `bytes=${kept}-`, `"${sha256(weights)}"`],
      ['cdn', 206, `bytes=${kept}-`, `"${sha256(weights)}"`],
    ]);
    expect(log[1].bytes).toBe(SIZE - kept);
    expect(sha256(await store.read('model.safetensors'))).toBe(sha256(weights));
    expect((await store.list()).map((e) => e.name)).toEqual(['model.safetensors']);
  });
});

describe('download() on the hub stand-in', () => {
  const name = 'model.safetensors';
  const cutOnce = async (store: ByteStore) => {
    await control({ cutAfter: 1_000_000 });
    await expect(download({ url: url(), store, name })).rejects.toThrow(IncompleteDownloadError);
    await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
    return (await store.size(`${name}.part`))!;
  };

  it('restarts when the file changed between tries: If-Range makes the CDN send the whole new file', async () => {
    const store = new MemoryStore();
    await cutOnce(store);
    const changed = randomBytes(2, SIZE + 123);
    await writeFile(path.join(repoDir(), name), changed);
    const result = await download({ url: url(), store, name });
    expect(result).toEqual({ bytes: SIZE + 123, resumedFrom: 0, restarted: true, etag: `"${sha256(changed)}"` });
    expect(await summary()).toEqual([`hub 302 bytes=1000000-`, `cdn 200 bytes=1000000- ${SIZE + 123}`]);
    expect(sha256(await store.read(name))).toBe(sha256(changed));
  });

  it('resumes through a CDN whose CORS hides Content-Range and ETag from scripts', async () => {
    const hiding: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const headers = new Headers(res.headers);
      headers.delete('content-range');
      headers.delete('etag');
      return new Response(res.body, { status: res.status, headers });
    };
    const store = new MemoryStore();
    await control({ cutAfter: 1_000_000 });
    await expect(download({ url: url(), store, name, fetch: hiding })).rejects.toThrow(IncompleteDownloadError);
    const kept = (await store.size(`${name}.part`))!;
    const result = await download({ url: url(), store, name, fetch: hiding });
    expect(result).toEqual({ bytes: SIZE, resumedFrom: kept, restarted: false, etag: null });
    expect((await requests()).at(-1)).toMatchObject({ origin: 'cdn', status: 206, ifRange: null, bytes: SIZE - kept });
    expect(sha256(await store.read(name))).toBe(sha256(weights));
  });

  it('restarts from byte 0 when the server ignores Range', async () => {
    const store = new MemoryStore();
    await cutOnce(store);
    await control({ ignoreRange: true });
    const result = await download({ url: url(), store, name });
    expect(result).toMatchObject({ bytes: SIZE, resumedFrom: 0, restarted: true });
    expect((await requests())[1]).toMatchObject({ origin: 'cdn', status: 200, bytes: SIZE });
    expect(sha256(await store.read(name))).toBe(sha256(weights));
  });

  it('restarts after a 416 for a part longer than the file', async () => {
    const store = new MemoryStore();
    await store.write(`${name}.part`, new Uint8Array(SIZE + 10));
    await store.write(`${name}.part.json`, new TextEncoder().encode(JSON.stringify({ url: url(), etag: `"${sha256(weights)}"`, total: SIZE + 10 })));
    const result = await download({ url: url(), store, name });
    expect(result).toMatchObject({ bytes: SIZE, resumedFrom: 0, restarted: true });
    expect(await summary()).toEqual([`hub 302 bytes=${SIZE + 10}-`, `cdn 416 bytes=${SIZE + 10}- 0`, 'hub 302 -', `cdn 200 - ${SIZE}`]);
    expect(sha256(await store.read(name))).toBe(sha256(weights));
  });

  it('finishes a part that already holds the whole current file (416 with its size) without fetching it again', async () => {
    const store = new MemoryStore();
    await store.write(`${name}.part`, weights);
    await store.write(`${name}.part.json`, new TextEncoder().encode(JSON.stringify({ url: url(), etag: `"${sha256(weights)}"`, total: SIZE })));
    const result = await download({ url: url(), store, name });
    expect(result).toEqual({ bytes: SIZE, resumedFrom: SIZE, restarted: false, etag: `"${sha256(weights)}"` });
    expect(await summary()).toEqual([`hub 302 bytes=${SIZE}-`, `cdn 416 bytes=${SIZE}- 0`]);
    expect(await store.list()).toEqual([{ name, kind: 'file', bytes: SIZE }]);
  });

  it('gives up on a stalled body with the stall message, keeps the part, and resumes', async () => {
    const store = new FsStore(path.join(root, '.stores', 'stall'));
    await control({ stallAfter: 200_000 });
    const err = await download({ url: url(), store, name, stallMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(IncompleteDownloadError);
    expect(err.message).toBe(`no data for 0.3 s from ${new URL(standIn.cdn).host} after 200,000 of 3,000,000 bytes; try again — the download resumes`);
    expect(await store.size(`${name}.part`)).toBe(200_000);
    const result = await download({ url: url(), store, name, stallMs: 300 });
    expect(result).toMatchObject({ bytes: SIZE, resumedFrom: 200_000 });
    expect(sha256(await store.read(name))).toBe(sha256(weights));
  });

  it('stops when the caller aborts, keeping the part', async () => {
    const store = new MemoryStore();
    await control({ stallAfter: 100_000 });
    const abort = new AbortController();
    const pending = download({ url: url(), store, name, signal: abort.signal });
    while ((await store.size(`${name}.part`)) !== 100_000) await new Promise((resolve) => setTimeout(resolve, 20));
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await store.size(`${name}.part`)).toBe(100_000);
  });

  it('says it cannot reach a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await download({ url: `http://127.0.0.1:${port}/gpt2/resolve/main/config.json`, store: new MemoryStore(), name: 'config.json' }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toBe(`cannot reach 127.0.0.1:${port}: connection refused, ECONNREFUSED`);
  });

  it('says it cannot reach a server that drops connections (stand-in offline)', async () => {
    await control({ offline: true });
    const err = await download({ url: url(), store: new MemoryStore(), name }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(new RegExp(`^cannot reach ${new URL(standIn.hub).host.replace(/\./g, '\\.')}: `));
  });

  it('names the URL, status and likely cause of hub errors', async () => {
    const store = new MemoryStore();
    const missingRepo = hubFileUrl(standIn.hub, 'nobody/nothing', 'main', 'config.json');
    await expect(download({ url: missingRepo, store, name: 'config.json' })).rejects.toThrow(
      `${missingRepo}: HTTP 401 Unauthorized (no such repository, or it is private or gated: check the owner/name spelling); the server says "Repository not found"`,
    );
    const badRevision = hubFileUrl(standIn.hub, REPO, 'v9', 'config.json');
    const err = await download({ url: badRevision, store, name: 'config.json' }).catch((e) => e);
    expect(err).toBeInstanceOf(HubHttpError);
    expect(err).toMatchObject({ status: 404, code: 'RevisionNotFound' });
    expect(err.message).toBe(`${badRevision}: HTTP 404 Not Found (no such revision: check the branch, tag or commit); the server says "Invalid rev id: v9"`);
    const missingFile = `${standIn.hub}/${REPO}/resolve/main/tokenizer.json`;
    await expect(download({ url: missingFile, store, name: 'tokenizer.json' })).rejects.toThrow(`${missingFile}: HTTP 404 Not Found (no such file in this repository and revision)`);
    expect(await store.list()).toEqual([]);
  });

  it('downloads a small file the hub answers directly, with its git blob ETag', async () => {
    const store = new MemoryStore();
    const result = await download({ url: url('config.json'), store, name: 'config.json' });
    const text = '{"n_layer": 2}\n';
    const blobId = createHash('sha1').update(`blob ${text.length}\0${text}`).digest('hex');
    expect(result).toEqual({ bytes: text.length, resumedFrom: 0, restarted: false, etag: `"${blobId}"` });
    expect(await readJson(store, 'config.json')).toEqual({ n_layer: 2 });
    expect(await summary()).toEqual(['hub 200 -']);
  });

  it('accepts a body decoded by fetch (longer than its Content-Length) but not one longer than X-Linked-Size', async () => {
    const answer = (headers: Record<string, string>) => async () => new Response(new Uint8Array(10), { status: 200, headers });
    const store = new MemoryStore();
    expect(await download({ url: url('config.json'), store, name: 'config.json', fetch: answer({ 'content-length': '4' }) })).toMatchObject({ bytes: 10 });
    await expect(download({ url: url('config.json'), store, name: 'x.json', fetch: answer({ 'x-linked-size': '4' }) })).rejects.toThrow(
      `${url('config.json')}: 10 bytes arrived but the server announced 4; the partial file was deleted, try again`,
    );
    expect((await store.list()).map((e) => e.name)).toEqual(['config.json']);
  });

  it('deletes a complete download that fails the caller\'s check', async () => {
    const store = new MemoryStore();
    const verify = async (part: string) => {
      expect(await store.size(part)).toBe(SIZE);
      throw new Error('bad header');
    };
    await expect(download({ url: url(), store, name, verify })).rejects.toThrow('downloaded model.safetensors is not usable and was deleted: bad header');
    expect(await store.list()).toEqual([]);
  });
});

describe('probeHubFile(url, fetch)', () => {
  it('gives the size and ETag of an LFS file behind the redirect, and of a small file', async () => {
    expect(await probeHubFile(url())).toEqual({ bytes: SIZE, etag: `"${sha256(weights)}"` });
    expect(await probeHubFile(url('config.json'))).toMatchObject({ bytes: 15 });
    expect((await requests()).map((r) => `${r.method} ${r.origin} ${r.status}`)).toEqual(['HEAD hub 302', 'HEAD cdn 200', 'HEAD hub 200']);
  });

  it('reads X-Linked-Size when the answer carries it (the redirect itself)', async () => {
    const manual: typeof fetch = (input, init) => fetch(input, { ...init, redirect: 'manual' });
    expect(await probeHubFile(url(), manual)).toEqual({ bytes: SIZE, etag: `"${sha256(weights)}"` });
  });

  it('is null offline and throws on an error status', async () => {
    await control({ offline: true });
    expect(await probeHubFile(url())).toBeNull();
    await control({ offline: false });
    await expect(probeHubFile(hubFileUrl(standIn.hub, 'nobody/nothing', 'main', 'config.json'))).rejects.toThrow('HTTP 401');
  });
});
