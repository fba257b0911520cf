import { mkdir, mkdtemp, readdir, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesAny, parseRange, serveFile } from './serve-file';

let root: string;
let outside: string;
const BODY = Uint8Array.from({ length: 3_000_000 }, (_, i) => (i * 31) & 255);
const ETAG = '"abc123"';

beforeAll(async () => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'wve-serve-'));
  root = path.join(await realpath(base), 'models');
  outside = path.join(base, 'secret.txt');
  await mkdir(path.join(root, 'set'), { recursive: true });
  await writeFile(path.join(root, 'set', 'vectors.i8'), BODY);
  await writeFile(outside, 'root:x:0:0');
  await symlink(outside, path.join(root, 'set', 'vocab.txt')); // leaves models/
  await symlink(path.join(root, 'set', 'vectors.i8'), path.join(root, 'set', 'alias.i8')); // stays inside
});
afterAll(() => rm(path.dirname(root), { recursive: true, force: true }));

const serve = (relative: string, headers: Record<string, string> = {}, method = 'GET') =>
  serveFile(new Request('http://x/data', { method, headers }), { root, relative, contentType: 'application/octet-stream', etag: ETAG });
/** How many of this process's open file descriptors point at the served file. */
const openCopies = async () => {
  const targets = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((t) => t === path.join(root, 'set', 'vectors.i8')).length;
};

describe('serveFile', () => {
  it('sends the whole file with its length, type, ETag and Accept-Ranges', async () => {
    const res = await serve('set/vectors.i8');
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({ 'content-length': String(BODY.length), 'content-type': 'application/octet-stream', etag: ETAG, 'accept-ranges': 'bytes' });
    expect(Buffer.compare(new Uint8Array(await res.arrayBuffer()), BODY)).toBe(0);
  });

  it('refuses a symlink that leaves the root, directories and missing files, naming no path', async () => {
    for (const rel of ['set/vocab.txt', 'set', 'set/missing.bin', '../secret.txt']) {
      const res = await serve(rel);
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).toBe('not found');
      expect(text).not.toContain(os.tmpdir());
    }
    const alias = await serve('set/alias.i8');
    expect(alias.status).toBe(200); // a link that stays inside is fine
    await alias.body?.cancel();
  });

  it('answers ranges: 206 with Content-Range, a suffix, an open end; 416 past the end; the whole file for a list', async () => {
    const r1 = await serve('set/vectors.i8', { range: 'bytes=100-199' });
    expect(r1.status).toBe(206);
    expect(r1.headers.get('content-range')).toBe(`bytes 100-199/${BODY.length}`);
    expect(Buffer.compare(new Uint8Array(await r1.arrayBuffer()), BODY.subarray(100, 200))).toBe(0);
    const r2 = await serve('set/vectors.i8', { range: 'bytes=-10' });
    expect(Buffer.compare(new Uint8Array(await r2.arrayBuffer()), BODY.subarray(BODY.length - 10))).toBe(0);
    const r3 = await serve('set/vectors.i8', { range: `bytes=${BODY.length - 5}-` });
    expect(r3.headers.get('content-length')).toBe('5');
    await r3.arrayBuffer();
    const r4 = await serve('set/vectors.i8', { range: `bytes=${BODY.length}-` });
    expect(r4.status).toBe(416);
    expect(r4.headers.get('content-range')).toBe(`bytes */${BODY.length}`);
    const r5 = await serve('set/vectors.i8', { range: 'bytes=0-1,5-6' });
    expect(r5.status).toBe(200);
    await r5.body?.cancel();
  });

  it('honours If-Range only with a matching strong tag', async () => {
    const same = await serve('set/vectors.i8', { range: 'bytes=0-9', 'if-range': ETAG });
    expect(same.status).toBe(206);
    await same.body?.cancel();
    const changed = await serve('set/vectors.i8', { range: 'bytes=0-9', 'if-range': '"other"' });
    expect(changed.status).toBe(200);
    await changed.body?.cancel();
    const weak = await serve('set/vectors.i8', { range: 'bytes=0-9', 'if-range': `W/${ETAG}` });
    expect(weak.status).toBe(200);
    await weak.body?.cancel();
  });

  it('answers 304 to If-None-Match with the tag, its weak form, a list holding it, or *', async () => {
    for (const header of [ETAG, `W/${ETAG}`, `"x", W/"y", ${ETAG}`, '*']) expect((await serve('set/vectors.i8', { 'if-none-match': header })).status).toBe(304);
    const other = await serve('set/vectors.i8', { 'if-none-match': '"x", W/"y"' });
    expect(other.status).toBe(200);
    await other.body?.cancel();
  });

  it('leaks no open file: after 1,000 HEAD requests and 1,000 GETs cancelled mid-body, the file is open nowhere', async () => {
    expect(await openCopies()).toBe(0);
    for (let i = 0; i < 1000; i++) {
      const res = await serve('set/vectors.i8', {}, 'HEAD');
      expect(res.body).toBeNull();
      expect(res.headers.get('content-length')).toBe(String(BODY.length));
    }
    expect(await openCopies()).toBe(0); // HEAD never opens the file
    for (let i = 0; i < 1000; i++) {
      const res = await serve('set/vectors.i8');
      const reader = res.body!.getReader();
      await reader.read(); // the first megabyte, then the client goes away
      if (i === 0) expect(await openCopies()).toBe(1); // the count sees an open body
      await reader.cancel();
    }
    expect(await openCopies()).toBe(0);
  });
});

describe('parseRange and matchesAny', () => {
  it('parse the forms RFC 9110 defines and ignore the rest', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual([0, 0]);
    expect(parseRange('bytes=5-100', 10)).toEqual([5, 9]);
    expect(parseRange('bytes=-3', 10)).toEqual([7, 9]);
    expect(parseRange('bytes=-30', 10)).toEqual([0, 9]);
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(parseRange('bytes=-', 10)).toBeNull();
  });

  it('compare entity tags weakly or strongly', () => {
    expect(matchesAny('W/"a"', '"a"', 'weak')).toBe(true);
    expect(matchesAny('W/"a"', '"a"', 'strong')).toBe(false);
    expect(matchesAny('"a"', 'W/"a"', 'strong')).toBe(false);
    expect(matchesAny('"b", "a"', '"a"', 'strong')).toBe(true);
    expect(matchesAny('*', '"a"', 'strong')).toBe(false);
    expect(matchesAny(null, '"a"', 'weak')).toBe(false);
  });
});
