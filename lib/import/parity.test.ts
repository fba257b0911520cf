/**
 * The browser's import (chunks of a File into a set in a byte store) and `npm run -s import`
 * (a Node file stream into models/) share their readers and rules: for the same bytes they must
 * give the same set, byte for byte (the manifest's checksum), or the same error — however the
 * bytes are cut into chunks.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../hub/byte-store';
import { importVectorFile } from '../node/import/import-file';
import { importLocalSet } from '../vectors/local-sets';
import type { ByteChunks } from './bytes';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-import-parity-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const WORDS = ['the', 'Café', '東京', 'naïve', '😀', 'of', 'and', 'a-rather-long-compound-word', 'UPPER', 'x'];
const enc = new TextEncoder();

/** Row i of a fixture: numbers as a text file writes them (exact float32 round trips). */
const rowOf = (i: number, dims: number) => Array.from({ length: dims }, (_, d) => Math.fround(Math.sin(i * 3.1 + d * 1.7) * (d % 2 ? 2 : 0.01)));

function gloveBytes(dims: number, eol = '\n'): Uint8Array {
  return enc.encode(WORDS.map((w, i) => `${w} ${rowOf(i, dims).join(' ')}${eol}`).join(''));
}

function headerBytes(dims: number): Uint8Array {
  return enc.encode(`${WORDS.length} ${dims}\n` + WORDS.map((w, i) => `${w} ${rowOf(i, dims).join(' ')} \n`).join(''));
}

function word2vecBinaryBytes(dims: number, newline: boolean): Uint8Array {
  const parts: Uint8Array[] = [enc.encode(`${WORDS.length} ${dims}\n`)];
  WORDS.forEach((w, i) => {
    parts.push(enc.encode(w + ' '));
    parts.push(new Uint8Array(new Float32Array(rowOf(i, dims)).buffer));
    if (newline) parts.push(enc.encode('\n'));
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** `bytes` cut at the given offsets, yielded one chunk at a time as a File's stream would. */
function cutAt(bytes: Uint8Array, cuts: number[]): ByteChunks {
  const edges = [0, ...cuts, bytes.length];
  return (async function* () {
    for (let i = 1; i < edges.length; i++) yield bytes.slice(edges[i - 1], edges[i]);
  })();
}

/** Offset of the n-th byte of the first occurrence of `text` in `bytes`. */
function offsetOf(bytes: Uint8Array, text: string, n = 0): number {
  const needle = enc.encode(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i + n;
  }
  throw new Error(`${text} not in the fixture`);
}

type Outcome = { checksum: string; count: number; skipped: unknown } | { error: string; where?: string };

let runs = 0;
/** The Node import of `bytes` written to a file named `fileName`. */
async function viaNode(fileName: string, bytes: Uint8Array): Promise<Outcome> {
  const dir = path.join(tmp, `node-${runs++}`);
  const file = path.join(dir, fileName);
  await mkdir(dir, { recursive: true });
  await writeFile(file, bytes);
  try {
    const m = await importVectorFile(file, { name: 'parity', modelsDir: path.join(dir, 'models') });
    return { checksum: m.checksum, count: m.count, skipped: m.skipped };
  } catch (e) {
    return { error: (e as Error).message.replace(file, fileName), where: (e as { where?: string }).where };
  }
}

/** The browser's import of the same bytes, cut into chunks at `cuts`. */
async function viaChunks(fileName: string, bytes: Uint8Array, cuts: number[]): Promise<Outcome> {
  const store = new MemoryStore();
  const input = { label: fileName, fileName, totalBytes: bytes.length, chunks: cutAt(bytes, cuts), reread: () => cutAt(bytes, cuts) };
  try {
    const m = await importLocalSet(store, input, { name: 'parity', title: fileName, licence: 'unknown (set with --licence)' });
    return { checksum: m.checksum, count: m.count, skipped: m.skipped };
  } catch (e) {
    return { error: (e as Error).message, where: (e as { where?: string }).where };
  }
}

describe('Node streams and chunked input give the same sets', () => {
  it('GloVe text with a line split across chunks and a UTF-8 character split between its bytes', async () => {
    const bytes = gloveBytes(7, '\r\n');
    const midLine = offsetOf(bytes, 'naïve', 3); // inside the third line's word, after "na"
    const inCharacter = offsetOf(bytes, '東京', 1); // between the bytes of 東
    const inEmoji = offsetOf(bytes, '😀', 2);
    expect(bytes[inCharacter] & 0xc0).toBe(0x80); // a continuation byte starts the next chunk
    expect(bytes[inEmoji] & 0xc0).toBe(0x80);
    const node = await viaNode('vectors.txt', bytes);
    expect(node).toMatchObject({ count: WORDS.length });
    for (const cuts of [[midLine], [inCharacter], [inEmoji], [inCharacter, midLine, inEmoji].sort((a, b) => a - b), [1, 2, 3]]) {
      expect(await viaChunks('vectors.txt', bytes, cuts), `cut at ${cuts}`).toEqual(node);
    }
  });

  it('fastText .vec (header, trailing spaces) cut at every byte', async () => {
    const bytes = headerBytes(3);
    const node = await viaNode('vectors.vec', bytes);
    expect(node).toMatchObject({ count: WORDS.length });
    expect(await viaChunks('vectors.vec', bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1))).toEqual(node);
  });

  it('word2vec binary with records split inside the word, inside the floats and at the newline', async () => {
    for (const newline of [true, false]) {
      const bytes = word2vecBinaryBytes(5, newline);
      const record = offsetOf(bytes, 'naïve ');
      const cuts = [record + 1, record + 3 /* inside ï */, record + 7 + 6 /* inside the 2nd float */, record + 7 + 20 /* after the floats */];
      const node = await viaNode('vectors.bin', bytes);
      expect(node).toMatchObject({ count: WORDS.length });
      expect(await viaChunks('vectors.bin', bytes, cuts)).toEqual(node);
      // Every single cut point, too.
      for (let cut = 1; cut < bytes.length; cut += 7) expect(await viaChunks('vectors.bin', bytes, [cut]), `cut at ${cut}`).toEqual(node);
    }
  });

  it('all-zero rows are skipped alike, with their count and first positions', async () => {
    const bytes = enc.encode('a 1 2\nz 0 0\nb 0 -0\nc 2 1\nd 1e-50 0\n');
    const node = await viaNode('zeros.txt', bytes);
    expect(node).toEqual({ checksum: expect.any(String), count: 2, skipped: { zero: 3, first: ['line 2', 'line 3', 'line 5'] } });
    expect(await viaChunks('zeros.txt', bytes, [7, 8, 9])).toEqual(node);
  });
});

describe('Node streams and chunked input give the same errors', () => {
  const cases: [string, string, Uint8Array, RegExp][] = [
    ['a wrong column count', 'cols.txt', enc.encode('a 1 2 3\nb 1 2 3\nc 1 2\n'), /^line 3: expected 3 numbers after the word, found 2$/],
    ['NaN', 'nan.txt', enc.encode('a 1 2\nb NaN 2\n'), /^line 2: non-finite value "NaN" \(column 2\)$/],
    ['a number beyond float32', 'big.txt', enc.encode('a 1 2\nb 1e39 2\n'), /^line 2: 1e39 is out of float32 range \(column 2\)$/],
    ['invalid UTF-8 split across chunks', 'utf.txt', new Uint8Array([...enc.encode('ok 1 2\nfine 3 4\nba'), 0xe6, 0x9d, 0x41, ...enc.encode(' 5 6\n')]), /^line 3: invalid UTF-8 at byte offset 18$/],
    ['a duplicate word (both positions)', 'dup.txt', enc.encode('cat 1 2\ndog 2 1\ncat 3 3\n'), /^line 3: duplicate word "cat" \(first seen on line 1\)$/],
    ['a header count that lies', 'few.vec', enc.encode('3 2\na 1 2\nb 2 1\n'), /^line 3: the file ends after 2 rows, but the header \(line 1: "3 2"\) announced 3$/],
    ['a truncated binary record', 'trunc.bin', word2vecBinaryBytes(4, true).slice(0, 60), /^truncated at byte offset \d+: row \d+ \(".*"\) needs 16 bytes of vector, \d+ remain$/],
    ['a gzip file', 'v.txt', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2]), /^gzip-compressed: decompress it first \(gunzip v\.txt\)$/],
    ['an empty file', 'empty.txt', new Uint8Array(0), /^empty\.txt is empty$/],
  ];
  for (const [what, fileName, bytes, pattern] of cases) {
    it(what, async () => {
      const node = await viaNode(fileName, bytes);
      expect('error' in node && node.error).toMatch(pattern);
      for (const cuts of [[], [1], Array.from({ length: Math.max(0, bytes.length - 1) }, (_, i) => i + 1)]) {
        expect(await viaChunks(fileName, bytes, cuts.filter((c) => c < bytes.length)), `cut at ${cuts.length} points`).toEqual(node);
      }
    });
  }
});
