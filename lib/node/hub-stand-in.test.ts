import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TINY_CONFIG, randomGpt2Weights } from '../gpt2/test-weights';
import { writeGpt2Folder } from './gpt2-convert';
import { makeRandomRepo, startHubStandIn, type HubStandIn, type StandInLogEntry } from './hub-stand-in';

const WEIGHTS = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
const SHA = createHash('sha256').update(WEIGHTS).digest('hex');
const CONFIG = '{"n_layer": 2}\n';

let root: string;
let standIn: HubStandIn;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'wve-stand-in-'));
  await mkdir(path.join(root, 'org', 'model'), { recursive: true });
  await writeFile(path.join(root, 'org', 'model', 'model.safetensors'), WEIGHTS);
  await writeFile(path.join(root, 'org', 'model', 'config.json'), CONFIG);
  await mkdir(path.join(root, 'gpt2'));
  await writeFile(path.join(root, 'gpt2', 'config.json'), CONFIG);
  standIn = await startHubStandIn({ root });
});
afterAll(async () => {
  await standIn.close();
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${standIn.hub}/__control`, { method: 'DELETE' });
  await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
});

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => fetch(url, { method, headers, redirect: 'manual' });
const resolveUrl = (file: string, repo = 'org/model', revision = 'main') => `${standIn.hub}/${repo}/resolve/${revision}/${file}`;
const cdnUrl = async () => (await get(resolveUrl('model.safetensors'))).headers.get('location')!;
const EXPOSED = 'ETag, Content-Range, Accept-Ranges, Content-Length, X-Linked-Size, X-Linked-ETag, X-Repo-Commit, X-Error-Code, X-Error-Message';

describe('the hub origin', () => {
  it('answers config.json directly with its git blob id as ETag, and CORS', async () => {
    const res = await get(resolveUrl('config.json'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(CONFIG);
    const blob = createHash('sha1').update(`blob ${CONFIG.length}\0${CONFIG}`).digest('hex');
    expect(Object.fromEntries(res.headers)).toMatchObject({
      etag: `"${blob}"`,
      'content-length': String(CONFIG.length),
      'accept-ranges': 'bytes',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSED,
      'x-repo-commit': expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('redirects an LFS file to the CDN origin with X-Linked-Size, X-Linked-ETag and ETag', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await get(resolveUrl('model.safetensors'), {}, method);
      expect(res.status).toBe(302);
      expect(Object.fromEntries(res.headers)).toMatchObject({
        location: `${standIn.cdn}/repos/org/model/${SHA}`,
        'x-linked-size': String(WEIGHTS.length),
        'x-linked-etag': `"${SHA}"`,
        etag: `"${SHA}"`,
        'access-control-allow-origin': '*',
      });
    }
    expect(new URL(standIn.cdn).port).not.toBe(new URL(standIn.hub).port);
  });

  it('serves a single-name repo, the commit id as revision, and a revision with an encoded slash only if it exists', async () => {
    expect((await get(resolveUrl('config.json', 'gpt2'))).status).toBe(200);
    const commit = (await get(resolveUrl('config.json'))).headers.get('x-repo-commit')!;
    expect((await get(resolveUrl('config.json', 'org/model', commit))).status).toBe(200);
    const pr = await get(resolveUrl('config.json', 'org/model', 'refs%2Fpr%2F1'));
    expect([pr.status, pr.headers.get('x-error-message')]).toEqual([404, 'Invalid rev id: refs/pr/1']);
  });

  it('sends the hub\'s error codes: RepoNotFound (401 anonymous, 404 with a token), RevisionNotFound, EntryNotFound', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      [resolveUrl('config.json', 'nobody/nothing'), {}, 401, 'RepoNotFound'],
      [resolveUrl('config.json', 'nobody/nothing'), { authorization: 'Bearer hf_x' }, 404, 'RepoNotFound'],
      [resolveUrl('config.json', '..%2F..'), {}, 401, 'RepoNotFound'],
      [resolveUrl('config.json', 'org/model', 'v2'), {}, 404, 'RevisionNotFound'],
      [resolveUrl('tokenizer.json'), {}, 404, 'EntryNotFound'],
      [resolveUrl('..%2Fmodel%2Fconfig.json'), {}, 404, 'EntryNotFound'],
    ];
    for (const [url, headers, status, code] of cases) {
      const res = await get(url, headers);
      expect([url, res.status, res.headers.get('x-error-code'), res.headers.get('access-control-allow-origin')]).toEqual([url, status, code, '*']);
    }
  });

  it('answers preflights on both origins', async () => {
    for (const url of [resolveUrl('model.safetensors'), await cdnUrl()]) {
      const res = await fetch(url, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET', 'access-control-request-headers': 'range, if-range' } });
      expect(res.status).toBe(204);
      expect(Object.fromEntries(res.headers)).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD',
        'access-control-allow-headers': 'Range, If-Range, If-None-Match, Content-Type, Authorization',
      });
    }
  });
});

describe('the CDN origin', () => {
  it('serves the bytes with a strong ETag, Range, If-Range, 416 and HEAD', async () => {
    const url = await cdnUrl();
    const whole = await get(url);
    expect(Object.fromEntries(whole.headers)).toMatchObject({
      'accept-ranges': 'bytes',
      etag: `"${SHA}"`,
      'content-type': 'application/octet-stream',
      'content-length': String(WEIGHTS.length),
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSED,
    });
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(WEIGHTS);

    const tail = await get(url, { range: 'bytes=9000-', 'if-range': `"${SHA}"` });
    expect([tail.status, tail.headers.get('content-range')]).toEqual([206, 'bytes 9000-9999/10000']);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(WEIGHTS.subarray(9000));
    const middle = await get(url, { range: 'bytes=10-19' });
    expect([middle.status, middle.headers.get('content-range'), (await middle.arrayBuffer()).byteLength]).toEqual([206, 'bytes 10-19/10000', 10]);
    const suffix = await get(url, { range: 'bytes=-100' });
    expect([suffix.status, suffix.headers.get('content-range')]).toEqual([206, 'bytes 9900-9999/10000']);
    await suffix.arrayBuffer();

    const changed = await get(url, { range: 'bytes=9000-', 'if-range': '"something-else"' });
    expect([changed.status, (await changed.arrayBuffer()).byteLength]).toEqual([200, WEIGHTS.length]);
    const beyond = await get(url, { range: 'bytes=10000-' });
    expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, 'bytes */10000']);
    const head = await get(url, {}, 'HEAD');
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([200, '10000', 0]);
    expect((await get(`${standIn.cdn}/repos/org/model/${'0'.repeat(64)}`)).status).toBe(404);
  });
});

describe('test controls', () => {
  const control = (body: unknown) => fetch(`${standIn.hub}/__control`, { method: 'POST', body: JSON.stringify(body) });
  const log = async (): Promise<StandInLogEntry[]> => (await fetch(`${standIn.hub}/__log`)).json();

  it('cuts the next cutTimes CDN bodies after cutAfter bytes, then serves whole ones', async () => {
    const url = await cdnUrl();
    expect(await (await control({ cutAfter: 1000, cutTimes: 2 })).json()).toEqual({ cutAfter: 1000, cutTimes: 2, cutPauseMs: 0, stallAfter: null, offline: false, ignoreRange: false });
    for (let i = 0; i < 2; i++) await expect(get(url).then((r) => r.arrayBuffer())).rejects.toThrow();
    expect((await (await get(url)).arrayBuffer()).byteLength).toBe(WEIGHTS.length);
    const cdn = (await log()).filter((e) => e.origin === 'cdn');
    expect(cdn.map((e) => [e.method, e.status, e.bytes])).toEqual([
      ['GET', 200, 1000],
      ['GET', 200, 1000],
      ['GET', 200, WEIGHTS.length],
    ]);
    expect(cdn[0]).toMatchObject({ path: `/repos/org/model/${SHA}`, range: null, ifRange: null, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('with cutPauseMs, a cut body goes quiet after cutAfter bytes and keeps the connection open before it drops', async () => {
    const url = await cdnUrl();
    await control({ cutAfter: 1000, cutPauseMs: 10_000 });
    const aborter = new AbortController();
    const reader = (await fetch(url, { signal: aborter.signal })).body!.getReader();
    let received = 0;
    while (received < 1000) received += (await reader.read()).value!.byteLength;
    expect(received).toBe(1000);
    const next = reader.read().then(
      () => 'more',
      () => 'dropped',
    );
    expect(await Promise.race([next, new Promise((resolve) => setTimeout(() => resolve('open'), 300))])).toBe('open');
    aborter.abort();
    expect(await next).toBe('dropped');
  });

  it('ignores Range when asked, drops connections offline, and rejects unknown settings', async () => {
    const url = await cdnUrl();
    await control({ ignoreRange: true });
    expect((await get(url, { range: 'bytes=10-' })).status).toBe(200);
    await control({ offline: true });
    await expect(get(resolveUrl('config.json'))).rejects.toThrow('fetch failed');
    expect((await log()).at(-1)).toMatchObject({ origin: 'hub', status: 0, bytes: 0 });
    await control({ offline: false });
    const bad = await control({ cutAfter: -1 });
    expect([bad.status, await bad.json()]).toEqual([400, { error: '"cutAfter" must be a byte count or null' }]);
    expect(await (await control({ slow: true })).json()).toEqual({ error: 'unknown field "slow": use cutAfter, cutTimes, cutPauseMs, stallAfter, offline, ignoreRange' });
    await fetch(`${standIn.hub}/__log`, { method: 'DELETE' });
    expect(await log()).toEqual([]);
  });
});

describe('makeRandomRepo(root, size, repo)', () => {
  it('writes the seed-1 random GPT-2 folder, marked as a random test model, once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wve-random-'));
    try {
      expect(await makeRandomRepo(dir, 'tiny', 'test/gpt2-tiny')).toBe(true);
      await mkdir(path.join(dir, 'expected'));
      await writeGpt2Folder(path.join(dir, 'expected'), randomGpt2Weights(TINY_CONFIG, 1));
      const made = path.join(dir, 'test', 'gpt2-tiny');
      expect(Buffer.compare(await readFile(path.join(made, 'model.safetensors')), await readFile(path.join(dir, 'expected', 'model.safetensors')))).toBe(0);
      const config = JSON.parse(await readFile(path.join(made, 'config.json'), 'utf8'));
      expect(config).toEqual({ ...JSON.parse(await readFile(path.join(dir, 'expected', 'config.json'), 'utf8')), wve_random_test_model: true });
      expect(await readdir(path.join(dir, 'test'))).toEqual(['gpt2-tiny']); // no temporary folder left
      expect(await makeRandomRepo(dir, 'tiny', 'test/gpt2-tiny')).toBe(false);
      await mkdir(path.join(dir, 'half', 'done'), { recursive: true });
      await expect(makeRandomRepo(dir, 'tiny', 'half/done')).rejects.toThrow('exists but lacks config.json or model.safetensors');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run hub:stand-in', () => {
  it('prints its URLs and serves the root until stopped', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const child = spawn(tsx, [path.resolve('scripts/hub-stand-in.ts'), '--root', root, '--port', '0', '--cdn-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('log ')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const hub = /^hub\s+(\S+)/m.exec(out)![1];
      expect(out).toMatch(/^cdn\s+http:\/\/127\.0\.0\.1:\d+$/m);
      expect(await (await fetch(`${hub}/org/model/resolve/main/config.json`)).text()).toBe(CONFIG);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('rejects bad arguments with the usage', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const child = spawn(tsx, [path.resolve('scripts/hub-stand-in.ts'), '--root', root, '--make-random', 'huge:x/y'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--make-random takes SIZE:REPO items (SIZE tiny or small), got "huge:x/y"');
  });
});
