import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { NetworkError, downloadFile, downloadHfFiles, hfResolveUrl, type FetchFn } from './hf-download';

/** A local file server whose behaviour each test chooses. */
type Mode = 'range' | 'ignore-range' | 'truncate' | 'not-found';
const rand = seededRandom(11);
const content = Buffer.from(Uint8Array.from({ length: 300_000 }, () => Math.floor(rand() * 256)));
const ETAG = '"v1"';
let mode: Mode = 'range';
let etag = ETAG;
let requests: { url: string; headers: IncomingHttpHeaders; bytesSent: number }[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const record = { url: req.url!, headers: req.headers, bytesSent: 0 };
    requests.push(record);
    if (mode === 'not-found') {
      res.writeHead(404).end('not found');
      return;
    }
    const send = (status: number, body: Buffer, extra: Record<string, string> = {}) => {
      record.bytesSent = body.length;
      res.writeHead(status, { 'content-length': String(body.length), etag, ...extra }).end(body);
    };
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRangeOk = req.headers['if-range'] === undefined || req.headers['if-range'] === etag;
    if (mode === 'range' && m && ifRangeOk) {
      const from = Number(m[1]);
      if (from >= content.length) {
        res.writeHead(416, { 'content-range': `bytes */${content.length}` }).end();
        return;
      }
      send(206, content.subarray(from), { 'content-range': `bytes ${from}-${content.length - 1}/${content.length}` });
    } else if (mode === 'truncate') {
      // Promise the whole file, send a third of it, then drop the connection.
      res.writeHead(200, { 'content-length': String(content.length), etag });
      record.bytesSent = 100_000;
      res.write(content.subarray(0, 100_000), () => res.socket?.destroy());
    } else {
      send(200, content);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'wve-dl-'));
  mode = 'range';
  etag = ETAG;
  requests = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  delete process.env.HF_ENDPOINT;
});

const fetchFn: FetchFn = (url, init) => fetch(url, init);
const url = () => `${base}/files/model.safetensors`;
const dest = () => path.join(dir, 'model.safetensors');
/** A partial download left by an earlier run of `url`. */
const leavePartial = async (bytes: Buffer, fromUrl = url(), tag: string | null = ETAG) => {
  await writeFile(`${dest()}.part`, bytes);
  await writeFile(`${dest()}.part.json`, JSON.stringify({ url: fromUrl, etag: tag, total: content.length }));
};

describe('downloadFile', () => {
  it('downloads a whole file, reporting progress, and leaves no partial files', async () => {
    const progress: [number, number | undefined][] = [];
    const result = await downloadFile({ url: url(), dest: dest(), fetch: fetchFn, onProgress: (d, t) => progress.push([d, t]) });
    expect(result).toEqual({ bytes: content.length, resumedFrom: 0, restarted: false });
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
    expect(progress.at(-1)).toEqual([content.length, content.length]);
    expect(progress.length).toBeGreaterThan(1);
    expect(await readdir(dir)).toEqual(['model.safetensors']);
    expect(requests[0].headers.range).toBeUndefined();
    expect(requests[0].headers['accept-encoding']).toBe('identity');
  });

  it('resumes a partial file with a Range request and If-Range', async () => {
    await leavePartial(content.subarray(0, 120_000));
    const result = await downloadFile({ url: url(), dest: dest(), fetch: fetchFn });
    expect(result).toEqual({ bytes: content.length, resumedFrom: 120_000, restarted: false });
    expect(requests[0].headers).toMatchObject({ range: 'bytes=120000-', 'if-range': ETAG });
    expect(requests[0].bytesSent).toBe(content.length - 120_000);
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
    expect(await readdir(dir)).toEqual(['model.safetensors']);
  });

  it('restarts from byte 0 when the server ignores Range', async () => {
    mode = 'ignore-range';
    await leavePartial(Buffer.alloc(50_000, 7)); // wrong bytes: must not survive
    const result = await downloadFile({ url: url(), dest: dest(), fetch: fetchFn });
    expect(result).toEqual({ bytes: content.length, resumedFrom: 0, restarted: true });
    expect(requests[0].headers.range).toBe('bytes=50000-');
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
  });

  it('restarts when the file changed on the server (If-Range no longer matches)', async () => {
    await leavePartial(Buffer.alloc(50_000, 7), url(), '"old"');
    const result = await downloadFile({ url: url(), dest: dest(), fetch: fetchFn });
    expect(result.restarted).toBe(true);
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
  });

  it('restarts when the partial file is as long as the file or longer (416)', async () => {
    await leavePartial(Buffer.alloc(content.length + 5, 1));
    const result = await downloadFile({ url: url(), dest: dest(), fetch: fetchFn });
    expect(result).toMatchObject({ bytes: content.length, restarted: true });
    expect(requests.map((r) => r.headers.range)).toEqual([`bytes=${content.length + 5}-`, undefined]);
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
  });

  it('does not resume a partial file of another URL', async () => {
    await leavePartial(Buffer.alloc(50_000, 7), `${base}/other`);
    await downloadFile({ url: url(), dest: dest(), fetch: fetchFn });
    expect(requests[0].headers.range).toBeUndefined();
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
  });

  it('reports a truncated response, installs nothing, and resumes on the next run', async () => {
    mode = 'truncate';
    await expect(downloadFile({ url: url(), dest: dest(), fetch: fetchFn })).rejects.toThrow(/run the command again to resume$/);
    expect((await readdir(dir)).sort()).toEqual(['model.safetensors.part', 'model.safetensors.part.json']);
    const kept = (await readFile(`${dest()}.part`)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(content.length);

    mode = 'range';
    const result = await downloadFile({ url: url(), dest: dest(), fetch: fetchFn });
    expect(result).toEqual({ bytes: content.length, resumedFrom: kept, restarted: false });
    expect(Buffer.compare(await readFile(dest()), content)).toBe(0);
  });

  it('deletes a complete download that fails the check, with its reason', async () => {
    const verify = async () => {
      throw new Error('bad header');
    };
    await expect(downloadFile({ url: url(), dest: dest(), fetch: fetchFn, verify })).rejects.toThrow('downloaded model.safetensors is not usable and was deleted: bad header');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports HTTP errors with the status', async () => {
    mode = 'not-found';
    await expect(downloadFile({ url: url(), dest: dest(), fetch: fetchFn })).rejects.toThrow(`${url()}: HTTP 404 Not Found (no such file)`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('says when the server cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await downloadFile({ url: `http://127.0.0.1:${port}/x`, dest: dest(), fetch: fetchFn }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toMatch(new RegExp(`^cannot reach 127\\.0\\.0\\.1:${port}: connection refused, ECONNREFUSED$`));
  });
});

describe('downloadHfFiles', () => {
  it('fetches hub files by repo path, then reuses complete ones without network', async () => {
    process.env.HF_ENDPOINT = base;
    expect(hfResolveUrl('openai-community/gpt2', 'config.json')).toBe(`${base}/openai-community/gpt2/resolve/main/config.json`);
    const seen: string[] = [];
    const files = [{ name: 'config.json' }, { name: 'model.safetensors' }];
    const target = path.join(dir, 'gpt2');
    await downloadHfFiles({ model: 'gpt2', files, dir: target, fetch: fetchFn, onFile: (n, cached) => seen.push(`${n}:${cached}`) });
    expect(requests.map((r) => r.url)).toEqual(['/openai-community/gpt2/resolve/main/config.json', '/openai-community/gpt2/resolve/main/model.safetensors']);
    expect(Buffer.compare(await readFile(path.join(target, 'model.safetensors')), content)).toBe(0);

    // Second run: complete files are not fetched again; one that fails its check (damaged since) is.
    await writeFile(path.join(target, 'config.json'), 'damaged');
    const sizeIsRight = async (f: string) => {
      if ((await readFile(f)).length !== content.length) throw new Error('wrong size');
    };
    await downloadHfFiles({ model: 'gpt2', files: files.map((f) => ({ ...f, verify: sizeIsRight })), dir: target, fetch: fetchFn, onFile: (n, cached) => seen.push(`${n}:${cached}`) });
    expect(seen).toEqual(['config.json:false', 'model.safetensors:false', 'config.json:false', 'model.safetensors:true']);
    expect(Buffer.compare(await readFile(path.join(target, 'config.json')), content)).toBe(0);
    expect(requests).toHaveLength(3);
  });

  it('without network explains how to use --from', async () => {
    const offline: FetchFn = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND' }) });
    };
    const err = await downloadHfFiles({ model: 'distilgpt2', files: [{ name: 'config.json' }], dir: path.join(dir, 'd'), fetch: offline }).catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain('cannot download distilbert/distilgpt2 from the Hugging Face hub (cannot reach huggingface.co: host name not found, ENOTFOUND).');
    expect(err.message).toContain('huggingface-cli download distilbert/distilgpt2 model.safetensors config.json --local-dir distilgpt2');
    expect(err.message).toContain('npm run models:gpt2 -- --model distilgpt2 --from distilgpt2');
    expect(await readdir(path.join(dir, 'd'))).toEqual([]);
  });
});
