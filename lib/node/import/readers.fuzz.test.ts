import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptBytes, expectOwnErrorAsync, runFuzz, type Fuzzer } from '../../vectors/fuzz';
import { importVectorFile } from './import-file';
import { ImportError, readVectors, type VectorFormat } from './readers';

let models: string;
beforeAll(async () => {
  models = await mkdtemp(path.join(os.tmpdir(), 'wve-import-fuzz-'));
});
afterAll(async () => {
  await rm(models, { recursive: true, force: true });
});

const WORDS = ['the', 'a', 'Café', '東京', 'x', 'w1', 'don\'t', '😀', 'long' + 'g'.repeat(40)];
/** Numbers as they appear in real files, and the ones that break parsers. */
const NUMBERS = ['0.1', '-0.25', '1e-3', '3', '-0', '.5', '2.', '1E+2', 'NaN', 'inf', '-Infinity', '1e39', '3e38', '1e-50', '0x10', '', '1.2.3', '--1'];

interface Case {
  format: VectorFormat;
  bytes: Uint8Array;
  /** The input arrives in chunks of this many bytes (0: in one chunk), to cross every boundary. */
  chunk: number;
}

const chunked = (c: Case) => {
  const b = Buffer.from(c.bytes);
  if (c.chunk === 0) return Readable.from([b]);
  return Readable.from(Array.from({ length: Math.ceil(b.length / c.chunk) }, (_, i) => b.subarray(i * c.chunk, (i + 1) * c.chunk)));
};

/** A small valid file of `format`, sometimes with a few bad numbers or a wrong header. */
function validFile(f: Fuzzer, format: VectorFormat): Uint8Array {
  const rows = 1 + f.int(6);
  const dims = 1 + f.int(5);
  const words = Array.from({ length: rows }, (_, i) => (f.chance(0.8) ? `${f.pick(WORDS)}${i}` : f.pick(WORDS)));
  const value = () => (f.chance(0.05) ? f.pick(NUMBERS) : ((f.next() * 2 - 1) * 10 ** (f.int(5) - 2)).toPrecision(1 + f.int(8)));
  // Now and then a header that lies about the counts, or absurd ones.
  const count = f.chance(0.1) ? f.pick([0, rows - 1, rows + 1, 2 ** 53, 1e21]) : rows;
  const width = f.chance(0.05) ? f.pick([0, dims + 1, 4097, 1e12]) : dims;
  const header = `${BigInt(Math.round(count))} ${BigInt(Math.round(width))}`;
  if (format === 'word2vec-bin') {
    const parts: Buffer[] = [Buffer.from(header + '\n')];
    for (const w of words) {
      parts.push(Buffer.from(w + ' '));
      const v = Buffer.alloc(4 * dims);
      for (let d = 0; d < dims; d++) v.writeFloatLE(f.chance(0.03) ? f.pick([NaN, Infinity, 3e38, 0]) : f.next() * 2 - 1, 4 * d);
      parts.push(v);
      if (f.chance(0.5)) parts.push(Buffer.from('\n'));
    }
    return Buffer.concat(parts);
  }
  const eol = f.chance(0.2) ? '\r\n' : '\n';
  const trailing = format === 'fasttext' && f.chance(0.5) ? ' ' : '';
  const lines = words.map((w) => `${w} ${Array.from({ length: f.chance(0.05) ? dims + 1 : dims }, value).join(' ')}${trailing}`);
  const text = (format === 'glove' ? '' : header + eol) + lines.join(eol) + (f.chance(0.8) ? eol : '');
  return Buffer.from(text, 'utf8');
}

const FORMATS: VectorFormat[] = ['glove', 'word2vec-text', 'word2vec-bin', 'fasttext'];

function makeCase(format: VectorFormat) {
  return (f: Fuzzer): Case => {
    const valid = validFile(f, format);
    const bytes = f.chance(0.85) ? corruptBytes(f, valid) : valid;
    // Bad UTF-8 now and then, on top.
    if (f.chance(0.1) && bytes.length) bytes[f.int(bytes.length)] = f.pick([0xff, 0xc3, 0xe2, 0x80]);
    // And now and then read with the wrong --format.
    return { format: f.chance(0.1) ? f.pick(FORMATS) : format, bytes, chunk: f.chance(0.5) ? 0 : 1 + f.int(16) };
  };
}

const outcomes = { read: 0, refused: 0 };

const show = (c: Case) => `${c.format} in chunks of ${c.chunk || 'all'}: ${JSON.stringify(Buffer.from(c.bytes).toString('latin1'))}`;

/** Lines in the input (a final line without '\n' counts). */
const lineCount = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').split('\n').length;

/** Every position an ImportError reports (its `where`, and each "line N" / "byte offset N" in its message) is inside the input. */
function checkPosition(e: ImportError, bytes: Uint8Array): void {
  if (e.where !== undefined && !/^(line|byte offset) \d+$/.test(e.where)) throw new Error(`position ${JSON.stringify(e.where)} is neither "line N" nor "byte offset N"`);
  for (const m of `${e.where ?? ''} ${e.message}`.matchAll(/\b(line|byte offset) (\d+)/g)) {
    const n = Number(m[2]);
    if (m[1] === 'line' && !(n >= 1 && n <= lineCount(bytes))) throw new Error(`line ${n} is outside 1..${lineCount(bytes)}`);
    if (m[1] === 'byte offset' && !(n >= 0 && n <= bytes.length)) throw new Error(`byte offset ${n} is outside 0..${bytes.length}`);
  }
}

async function readAll(c: Case): Promise<void> {
  const e = await expectOwnErrorAsync(async () => {
    for await (const row of readVectors(c.format, chunked(c))) {
      if (!row.word || row.vector.some((v) => !Number.isFinite(v))) throw new Error(`bad row ${JSON.stringify(row.word)}`);
    }
  }, ImportError);
  outcomes[e ? 'refused' : 'read']++;
  if (e) checkPosition(e, c.bytes);
}

describe('importer fuzz: random corruptions of small valid files', () => {
  for (const format of FORMATS) {
    it(`${format}: reads every row or throws an ImportError at a position inside the input`, async () => {
      const report = await runFuzz({ target: `importer ${format}`, seed: 11 + FORMATS.indexOf(format), cases: 4000, make: makeCase(format), check: readAll, show });
      expect(report.failures).toEqual([]);
    });
  }

  it('the cases reach both outcomes: files read to the end and files refused', () => {
    if (process.env.WVE_FUZZ_REPORT) console.log(outcomes);
    const total = outcomes.read + outcomes.refused;
    if (total === 0) return; // the fuzz tests above were filtered out
    expect(outcomes.read).toBeGreaterThan(total / 20);
    expect(outcomes.refused).toBeGreaterThan(total / 20);
  });

  it('the whole import (detection, readers, writer) throws only ImportError and leaves nothing behind', async () => {
    let n = 0;
    const report = await runFuzz({
      target: 'importer, whole import from standard input',
      seed: 99,
      cases: 300,
      make: (f) => makeCase(f.pick(FORMATS))(f),
      show,
      check: async (c) => {
        const e = await expectOwnErrorAsync(
          () => importVectorFile('-', { name: `s${n++}`, modelsDir: models, stdin: chunked(c) }),
          ImportError,
        );
        if (e) checkPosition(e, c.bytes);
      },
    });
    expect(report.failures).toEqual([]);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(models)).filter((d) => d.startsWith('.'))).toEqual([]);
  });
});
