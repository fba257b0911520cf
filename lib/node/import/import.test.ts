import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dequantise } from '../../vectors/format';
import { loadVectorSet } from '../vector-set-reader';
import { detectFormat } from '../../import/detect';
import { importVectorFile, type ImportOptions } from './import-file';
import { ImportError, parseDecimal, readGloveText, readWord2vecBinary, type VectorRow } from './readers';

const run = promisify(execFile);
const projectRoot = path.resolve(__dirname, '../../..');

let tmp: string;
let models: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wve-import-test-'));
  models = path.join(tmp, 'models');
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Fixtures

interface Fixture {
  words: string[];
  rows: Float32Array[];
}

/** Deterministic pseudo-random float32 vectors (xorshift), with a few awkward words. */
function fixture(count: number, dims: number, seed = 1): Fixture {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
  const special = ['the', 'Café', 'naïve', '東京', 'don\'t', 'a.b', '😀', 'UPPER'];
  const words: string[] = [];
  const rows: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    words.push(i < special.length ? special[i] : `w${i}`);
    const row = new Float32Array(dims);
    for (let d = 0; d < dims; d++) row[d] = (rand() * 2 - 1) * (d % 3 === 0 ? 1e-3 : 3);
    rows.push(row);
  }
  return { words, rows };
}

/** A text line; String(float32 as double) parses back to the same float32. */
const textLine = (word: string, row: Float32Array, sep = ' ') => word + ' ' + Array.from(row, (v) => String(v)).join(' ') + sep;

function gloveText(f: Fixture, eol = '\n'): string {
  return f.words.map((w, i) => textLine(w, f.rows[i]) + eol).join('');
}

function headerText(f: Fixture, eol = '\n', trailingSpace = false): string {
  const dims = f.rows[0].length;
  return `${f.words.length} ${dims}${eol}` + f.words.map((w, i) => textLine(w, f.rows[i], trailingSpace ? ' ' : '') + eol).join('');
}

/** word2vec binary; `newline` adds the '\n' after each row that the original word2vec writes. */
function word2vecBinary(f: Fixture, newline = true, count = f.words.length): Buffer {
  const dims = f.rows[0].length;
  const parts: Buffer[] = [Buffer.from(`${count} ${dims}\n`, 'ascii')];
  f.words.forEach((w, i) => {
    parts.push(Buffer.from(w + ' ', 'utf8'));
    const vec = Buffer.alloc(4 * dims);
    f.rows[i].forEach((v, d) => vec.writeFloatLE(v, 4 * d));
    parts.push(vec);
    if (newline) parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

async function fixtureFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, content);
  return file;
}

const doImport = (file: string, options: Partial<ImportOptions> = {}) =>
  importVectorFile(file, { name: 'test', modelsDir: models, ...options });

/** Loads the set and checks words, float32 reference and int8 rows against the fixture. */
async function expectRoundTrip(name: string, f: Fixture): Promise<void> {
  const set = await loadVectorSet(name, { reference: true, verify: true }, models);
  const dims = f.rows[0].length;
  expect(set.manifest.count).toBe(f.words.length);
  expect(set.manifest.dims).toBe(dims);
  expect(set.words).toEqual(f.words);
  const want = new Float32Array(f.words.length * dims);
  f.rows.forEach((r, i) => want.set(r, i * dims));
  expect(Buffer.from(set.reference!.buffer).equals(Buffer.from(want.buffer))).toBe(true);
  const unit = dequantise(set.q, set.scales, dims);
  let worst = 0;
  f.rows.forEach((r, i) => {
    const norm = Math.hypot(...r);
    expect(set.norms[i]).toBeCloseTo(norm, 4);
    for (let d = 0; d < dims; d++) worst = Math.max(worst, Math.abs(unit[i * dims + d] - r[d] / norm));
  });
  expect(worst).toBeLessThanOrEqual(1 / 127);
}

/** Nothing was written: no set folder, no temporaries (the models dir may not even exist). */
async function expectNothingWritten(): Promise<void> {
  const entries = await readdir(models).catch(() => [] as string[]);
  expect(entries).toEqual([]);
}

async function expectImportError(file: string, pattern: RegExp, options: Partial<ImportOptions> = {}): Promise<ImportError> {
  let error: unknown;
  try {
    await doImport(file, options);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(pattern);
  return error as ImportError;
}

// ---------------------------------------------------------------------------------------------

describe('round trips', () => {
  it('GloVe text', async () => {
    const f = fixture(50, 7);
    const file = await fixtureFile('glove.txt', gloveText(f));
    const m = await doImport(file, { name: 'glove-small' });
    // The source is the file's name, never its local path: the manifest is served to browsers.
    expect(m).toMatchObject({ name: 'glove-small', count: 50, dims: 7, title: 'glove.txt', source: 'glove.txt', lowercase: false });
    expect(JSON.stringify(m)).not.toContain(tmp);
    expect(m.licence).toBe('unknown (set with --licence)');
    await expectRoundTrip('glove-small', f);
  });

  it('GloVe text with \\r\\n, a BOM, no final newline and trailing blank lines', async () => {
    const f = fixture(20, 5, 7);
    const body = gloveText(f, '\r\n');
    await doImport(await fixtureFile('crlf.txt', '\ufeff' + body.slice(0, -2)), { name: 'a' });
    await expectRoundTrip('a', f);
    await doImport(await fixtureFile('blank-end.txt', body + '\n\r\n\n'), { name: 'b' });
    await expectRoundTrip('b', f);
  });

  it('word2vec text', async () => {
    const f = fixture(30, 6, 3);
    const m = await doImport(await fixtureFile('w2v.txt', headerText(f)), { title: 'T', source: 'S', licence: 'L' });
    expect(m).toMatchObject({ title: 'T', source: 'S', licence: 'L', count: 30 });
    await expectRoundTrip('test', f);
  });

  it('fastText .vec with trailing spaces and \\r\\n', async () => {
    const f = fixture(30, 4, 5);
    await doImport(await fixtureFile('ft.vec', headerText(f, '\r\n', true)));
    await expectRoundTrip('test', f);
  });

  it('word2vec binary with and without the newline after each row', async () => {
    const f = fixture(40, 9, 11);
    await doImport(await fixtureFile('w2v.bin', word2vecBinary(f, true)), { name: 'with-nl' });
    await expectRoundTrip('with-nl', f);
    await doImport(await fixtureFile('gensim.bin', word2vecBinary(f, false)), { name: 'without-nl' });
    await expectRoundTrip('without-nl', f);
  });

  it('readers parse across arbitrary chunk boundaries (one byte at a time)', async () => {
    const f = fixture(12, 3, 13);
    const collect = async (gen: AsyncGenerator<VectorRow>) => {
      const out: VectorRow[] = [];
      for await (const r of gen) out.push(r);
      return out;
    };
    const bytes = (b: Buffer) => Readable.from((function* () { for (const x of b) yield Buffer.of(x); })());
    const text = await collect(readGloveText(bytes(Buffer.from(gloveText(f)))));
    const bin = await collect(readWord2vecBinary(bytes(word2vecBinary(f))));
    for (const rows of [text, bin]) {
      expect(rows.map((r) => r.word)).toEqual(f.words);
      rows.forEach((r, i) => expect(Array.from(r.vector)).toEqual(Array.from(f.rows[i])));
    }
    expect(text[2].where).toBe('line 3');
    expect(bin[0].where).toBe(`byte offset ${'12 3\n'.length}`);
  });

  it('--limit imports only the first N rows', async () => {
    const f = fixture(100, 4);
    // Rows after the limit are never read, so a malformed tail does not matter.
    const file = await fixtureFile('limit.txt', gloveText(f) + 'broken 1 2\n');
    const m = await doImport(file, { limit: 10 });
    expect(m.count).toBe(10);
    await expectRoundTrip('test', { words: f.words.slice(0, 10), rows: f.rows.slice(0, 10) });
    // A header count larger than the rows read is fine with --limit.
    const bin = await fixtureFile('limit.bin', word2vecBinary(f, true, 1000));
    expect((await doImport(bin, { name: 'lb', limit: 5 })).count).toBe(5);
  });

  it('--force replaces an existing set; without it the import is refused', async () => {
    const a = fixture(5, 3, 1);
    const b = fixture(8, 3, 2);
    await doImport(await fixtureFile('a.txt', gloveText(a)));
    const bFile = await fixtureFile('b.txt', gloveText(b));
    await expect(doImport(bFile)).rejects.toThrow(/test already exists: use --force/);
    await expectRoundTrip('test', a);
    await doImport(bFile, { force: true });
    await expectRoundTrip('test', b);
    expect((await readdir(models)).sort()).toEqual(['test']);
  });
});

describe('pipes, standard input, all-zero rows and stale temporaries', () => {
  it('reads a named pipe in one pass (it used to be reported as empty)', async () => {
    const f = fixture(30, 5, 21);
    const fifo = path.join(tmp, 'vectors.pipe');
    await run('mkfifo', [fifo]);
    const writer = new Promise<void>((resolve, reject) => {
      const out = createWriteStream(fifo);
      out.on('error', reject);
      out.end(headerText(f), resolve);
    });
    const m = await doImport(fifo, { name: 'fifo' });
    await writer;
    expect(m).toMatchObject({ count: 30, title: 'vectors.pipe', source: 'vectors.pipe' });
    await expectRoundTrip('fifo', f);
  });

  it('reads standard input (FILE "-") in every format, detected from its first bytes', async () => {
    const f = fixture(12, 4, 23);
    const cases: [string, string | Buffer][] = [
      ['glove', gloveText(f)],
      ['w2v-text', headerText(f)],
      ['w2v-bin', word2vecBinary(f)],
    ];
    for (const [name, content] of cases) {
      const bytes = Buffer.from(content);
      // Small chunks: the format is detected from bytes that are then read again by the reader.
      const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
      const m = await doImport('-', { name, stdin: Readable.from(chunks) });
      expect(m).toMatchObject({ title: name, source: 'standard input', count: 12 });
      await expectRoundTrip(name, f);
    }
    await expectImportError('-', /^standard input is empty$/, { stdin: Readable.from([]) });
  });

  it('a duplicate word in a pipe is reported without re-reading the input', async () => {
    await expectImportError('-', /^line 3: duplicate word "a"$/, { stdin: Readable.from([Buffer.from('a 1 2\nb 3 4\na 5 6\n')]) });
  });

  it('skips all-zero rows (also those that underflow in float32), with their count and first positions', async () => {
    const rows = ['a 1 2 3', 'z1 0 0 0', 'b 0 -0 1', 'z2 1e-50 -1e-60 0', 'c 3 2 1', 'z3 0 0 0', 'z4 0 0 0', 'z5 0 0 0', 'z6 0 0 0', 'd 1 1 1'];
    const m = await doImport(await fixtureFile('zeros.txt', rows.join('\n') + '\n'), { limit: 3 });
    expect(m.count).toBe(3); // --limit counts imported rows
    expect(m.skipped).toEqual({ zero: 2, first: ['line 2', 'line 4'] });
    const all = await doImport(await fixtureFile('zeros2.txt', rows.join('\n') + '\n'), { name: 'all' });
    expect(all.skipped).toEqual({ zero: 6, first: ['line 2', 'line 4', 'line 6', 'line 7', 'line 8'] });
    expect((await loadVectorSet('all', {}, models)).words).toEqual(['a', 'b', 'c', 'd']);
    // Binary rows too.
    const f = fixture(3, 2);
    f.rows[1] = new Float32Array(2);
    const bin = await doImport(await fixtureFile('z.bin', word2vecBinary(f)), { name: 'bin' });
    expect(bin.skipped.zero).toBe(1);
    expect(bin.skipped.first[0]).toMatch(/^byte offset \d+$/);
    await expectImportError(await fixtureFile('only-zero.txt', 'a 0 0\nb 0 0\n'), /only-zero\.txt contains no usable vectors: all 2 rows are zero \(line 1, line 2\)$/, { name: 'none' });
  });

  it('removes stale temporaries of any set left by dead processes, not only of the set imported', async () => {
    const dead = 2 ** 22 + 4321; // above Linux's default pid_max: never a live process
    await mkdir(path.join(models, `.tmp-other-${dead}`), { recursive: true });
    await mkdir(path.join(models, `.old-third-${dead}`));
    await mkdir(path.join(models, `.tmp-live-${process.pid}`));
    await doImport(await fixtureFile('s.txt', gloveText(fixture(3, 2))));
    expect((await readdir(models)).sort()).toEqual([`.tmp-live-${process.pid}`, 'test']);
  });
});

describe('format detection', () => {
  const head = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s) : s);
  it('detects by extension and first line', () => {
    expect(detectFormat('x.bin', head('3 4\n')).format).toBe('word2vec-bin');
    expect(detectFormat('x.txt', head('400000 100\nthe 1 2\n')).format).toBe('word2vec-text');
    expect(detectFormat('x.vec', head('2 2 \r\nthe 1 2\n')).format).toBe('fasttext');
    expect(detectFormat('x.txt', head('the 0.1 0.2\n')).format).toBe('glove');
    expect(detectFormat('x', head('2017 0.5\n')).format).toBe('glove');
    expect(detectFormat('x.txt', head('1 2 3\n')).format).toBe('glove');
    // A binary file with another extension: header followed by float bytes.
    expect(detectFormat('x.w2v', word2vecBinary(fixture(3, 4))).format).toBe('word2vec-bin');
  });

  it('auto-detects each format end to end', async () => {
    const f = fixture(10, 3, 17);
    const cases: [string, string | Buffer][] = [
      ['a.txt', gloveText(f)],
      ['b.txt', headerText(f)],
      ['c.vec', headerText(f, '\n', true)],
      ['d.bin', word2vecBinary(f)],
      ['e.w2v', word2vecBinary(f, false)],
    ];
    for (const [name, content] of cases) {
      const setName = name.replace('.', '-');
      await doImport(await fixtureFile(name, content), { name: setName });
      await expectRoundTrip(setName, f);
    }
  });

  it('refuses compressed files and fastText model .bin', async () => {
    await expectImportError(await fixtureFile('v.txt.gz', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2])), /^gzip-compressed: decompress it first \(gunzip .*v\.txt\.gz\)$/);
    await expectImportError(await fixtureFile('v.txt', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2])), /gzip-compressed/, { format: 'glove' });
    await expectImportError(await fixtureFile('m.bin', Buffer.from([0xba, 0x16, 0x4f, 0x2f, 12, 0, 0, 0])), /fastText model/);
    await expectNothingWritten();
  });
});

describe('numbers', () => {
  it('parses decimals strictly', () => {
    for (const [s, v] of [['1e-5', 1e-5], ['-0.5', -0.5], ['.5', 0.5], ['+1', 1], ['5.', 5], ['1E+05', 1e5], ['0', 0], ['-0', -0], ['0.000123', 0.000123]] as const) {
      expect(parseDecimal(s)).toBe(v);
    }
    for (const s of ['1.2.3', 'abc', '', ' ', '.', '-', '1e', 'NaN', 'Infinity', '-Infinity', '0x10', '0b1', '0o7', '1_000', '1,5', '1\t', '--1']) {
      expect(parseDecimal(s), s).toBeNaN();
    }
  });

  it('the fast number path agrees with Number() on 20k random decimals', async () => {
    let seed = 99;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 0x100000000) * n);
    };
    const digits = (n: number) => Array.from({ length: n }, () => rand(10)).join('');
    const fields: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const sign = ['', '-', '+'][rand(3)];
      const int = rand(4) === 0 ? '' : digits(1 + rand(rand(5) === 0 ? 25 : 4));
      const frac = int === '' || rand(2) ? '.' + digits(1 + rand(rand(5) === 0 ? 25 : 8)) : '';
      const exp = rand(3) === 0 ? ['e', 'E'][rand(2)] + ['', '-', '+'][rand(3)] + digits(1 + rand(3)) : '';
      fields.push(sign + int + frac + exp);
    }
    const finite = fields.filter((f) => Number.isFinite(Math.fround(Number(f))));
    expect(finite.length).toBeGreaterThan(15000);
    const text = finite.map((f, i) => `w${i} ${f}`).join('\n');
    const got: number[] = [];
    for await (const row of readGloveText(Readable.from([Buffer.from(text)]))) got.push(row.vector[0]);
    expect(got.length).toBe(finite.length);
    const mismatches = finite.filter((f, i) => !Object.is(got[i], Math.fround(Number(f))));
    expect(mismatches).toEqual([]);
  });

  it('imports exponent and sign forms exactly as float32', async () => {
    await doImport(await fixtureFile('n.txt', 'a 1e-5 -0.5 .5 +2 3.\nb 0 -0 1E+05 -7.25e-3 12\n'));
    const set = await loadVectorSet('test', { reference: true, verify: true }, models);
    expect(Array.from(set.reference!)).toEqual([1e-5, -0.5, 0.5, 2, 3, 0, -0, 1e5, -7.25e-3, 12].map(Math.fround));
  });
});

describe('malformed input: error names the position and nothing is written', () => {
  const lines = (n: number, dims: number) => Array.from({ length: n }, (_, i) => `w${i + 1} ` + Array(dims).fill('0.25').join(' '));

  it('wrong column count', async () => {
    const ls = lines(10, 100);
    ls[6] = 'w7 ' + Array(99).fill('0.5').join(' ');
    await expectImportError(await fixtureFile('cols.txt', ls.join('\n') + '\n'), /^line 7: expected 100 numbers after the word, found 99$/);
    await expectNothingWritten();
  });

  it('non-numbers, NaN, empty fields and float32 overflow', async () => {
    const cases: [string, RegExp][] = [
      ['a 1 2 3 4 5\nb 1 2 3 4 5\nc 1 2 3 abc 5\n', /^line 3: "abc" is not a number \(column 5\)$/],
      ['a 1 2\nb 1.2.3 2\n', /^line 2: "1\.2\.3" is not a number \(column 2\)$/],
      ['a 1 2\nb NaN 2\n', /^line 2: non-finite value "NaN" \(column 2\)$/],
      ['a 1 2\nb 1 inf\n', /^line 2: non-finite value "inf" \(column 3\)$/],
      ['a 1 2\nb 1e39 2\n', /^line 2: 1e39 is out of float32 range \(column 2\)$/],
      ['a 1 2 3\nb 1  3\n', /^line 2: empty field in column 3 \(two spaces in a row\?\)$/],
      ['a 1 2\nb 3e38 3e38\n', /^line 2: the vector's length \(4\.24e\+38\) is beyond float32 range/],
      ['a 1 2\nb 0x10 2\n', /^line 2: "0x10" is not a number \(column 2\)$/],
      ['a 1 2\nb 1  3\n', /^line 2: expected 2 numbers after the word, found 3 \(two spaces in a row\?\)$/],
    ];
    for (const [i, [content, pattern]] of cases.entries()) {
      await expectImportError(await fixtureFile(`nan${i}.txt`, content), pattern);
    }
    await expectNothingWritten();
  });

  it('words with spaces (GloVe 840B) and a header read as GloVe', async () => {
    await expectImportError(
      await fixtureFile('space.txt', 'a 1 2 3\n. . . 1 2 3\n'),
      /^line 2: expected 3 numbers after the word, found 5 \(words with spaces are not supported\)$/,
    );
    await expectImportError(
      await fixtureFile('hdr.txt', '2 3\na 1 2 3\nb 1 2 3\n'),
      /^line 2: expected 1 numbers after the word, found 3 \(line 1 looks like a "COUNT DIMS" header: try --format word2vec-text\)$/,
      { format: 'glove' },
    );
    await expectImportError(await fixtureFile('tabs.txt', 'a\t1\t2\n'), /^line 1: no numbers after the word \(fields must be separated by spaces, not tabs\)$/);
    await expectImportError(await fixtureFile('blank.txt', 'a 1 2\n\nb 1 2\n'), /^line 2: empty line/);
    await expectNothingWritten();
  });

  it('truncated word2vec binary', async () => {
    const f = fixture(20, 100, 3);
    f.words[16] = 'word';
    const full = word2vecBinary(f, true);
    // Row 17 ("word") starts after the header and 16 rows of (word + ' ' + 400 bytes + '\n').
    let offset = '20 100\n'.length;
    for (let i = 0; i < 16; i++) offset += Buffer.byteLength(f.words[i]) + 1 + 400 + 1;
    const vectorStart = offset + 'word '.length;
    const file = await fixtureFile('trunc.bin', full.subarray(0, vectorStart + 100));
    await expectImportError(file, new RegExp(`^truncated at byte offset ${vectorStart}: row 17 \\("word"\\) needs 400 bytes of vector, 100 remain$`));
    // Ending inside a word.
    await expectImportError(await fixtureFile('trunc2.bin', full.subarray(0, offset + 2)), /^truncated at byte offset \d+: row 17 starts at byte offset \d+ but the file ends inside its word$/);
    await expectNothingWritten();
  });

  it('header count mismatch (text and binary)', async () => {
    const f = fixture(5, 3);
    const text = headerText(f).split('\n');
    text[0] = '6 3';
    await expectImportError(await fixtureFile('few.txt', text.join('\n')), /^line 6: the file ends after 5 rows, but the header \(line 1: "6 3"\) announced 6$/);
    text[0] = '4 3';
    await expectImportError(await fixtureFile('many.txt', text.join('\n')), /^line 6: extra row: the header \(line 1: "4 3"\) announced 4 rows$/);
    await expectImportError(await fixtureFile('few.bin', word2vecBinary(f, true, 6)), /^byte offset \d+: the file ends after 5 rows, but the header \("6 3"\) announced 6$/);
    await expectImportError(await fixtureFile('many.bin', word2vecBinary(f, false, 4)), /^byte offset \d+: extra data after the 4 rows announced in the header \("4 3"\)$/);
    await expectImportError(await fixtureFile('dims.txt', '2 3\na 1 2 3\nb 1 2\n'), /^line 3: expected 3 numbers after the word, found 2$/);
    await expectNothingWritten();
  });

  it('duplicate words name both positions', async () => {
    const ls = lines(10, 3);
    ls[1] = 'cat 1 2 3';
    ls[8] = 'cat 4 5 6';
    await expectImportError(await fixtureFile('dup.txt', ls.join('\n') + '\n'), /^line 9: duplicate word "cat" \(first seen on line 2\)$/);
    const hdr = ['10 3', ...ls].join('\n') + '\n';
    await expectImportError(await fixtureFile('dup.vec', hdr), /^line 10: duplicate word "cat" \(first seen on line 3\)$/);
    const f = fixture(4, 2);
    f.words[3] = f.words[1];
    // header "4 2\n" (4 bytes), then rows of word + ' ' + 8 bytes + '\n'
    const rowBytes = (w: string) => Buffer.byteLength(w) + 10;
    const second = 4 + rowBytes(f.words[0]);
    const fourth = second + rowBytes(f.words[1]) + rowBytes(f.words[2]);
    await expectImportError(
      await fixtureFile('dup.bin', word2vecBinary(f)),
      new RegExp(`^byte offset ${fourth}: duplicate word "${f.words[1]}" \\(first seen at byte offset ${second}\\)$`),
    );
    await expectNothingWritten();
  });

  it('empty, header-only and blank files', async () => {
    await expectImportError(await fixtureFile('empty.txt', ''), /empty\.txt is empty$/);
    await expectImportError(await fixtureFile('empty.bin', ''), /empty\.bin is empty$/);
    await expectImportError(await fixtureFile('h.txt', '3 5\n'), /h\.txt has only a header line \("3 5"\) and no vectors$/);
    await expectImportError(await fixtureFile('h.bin', '3 5\n'), /h\.bin has only a header line \("3 5"\) and no vectors$/);
    await expectImportError(await fixtureFile('blank.txt', '\n\n  \n'), /blank\.txt contains no vectors/);
    await expectImportError(await fixtureFile('zero.vec', '0 5\n'), /^line 1: the header announces 0 rows$/);
    await expectImportError(await fixtureFile('bad.bin', 'hello world\n'), /^byte offset 0: expected an ASCII header line "COUNT DIMS"/);
    await expectNothingWritten();
  });

  it('invalid UTF-8 in a word', async () => {
    const text = Buffer.concat([Buffer.from('ok 1 2\nfine 3 4\nba'), Buffer.from([0xff, 0xfe]), Buffer.from('d 5 6\n')]);
    await expectImportError(await fixtureFile('utf.txt', text), /^line 3: invalid UTF-8 at byte offset 18$/);
    const f = fixture(3, 2);
    const bin = word2vecBinary(f);
    const rowStart = 4 + Buffer.byteLength(f.words[0]) + 10;
    bin[rowStart + 1] = 0xc3; // "Café"[1] becomes a lone lead byte followed by 'f'
    await expectImportError(
      await fixtureFile('utf.bin', bin),
      new RegExp(`^byte offset ${rowStart + 1}: the word of row 2 \\(starting at byte offset ${rowStart}\\) is not valid UTF-8$`),
    );
    await expectNothingWritten();
  });

  it('a word with other whitespace is reported with its line (writer error)', async () => {
    await expectImportError(await fixtureFile('nbsp.txt', 'a 1 2\nb\u00a0c 3 4\n'), /^line 2: word "b\u00a0c" contains whitespace$/);
    await expectNothingWritten();
  });

  it('a failed --force import leaves the existing set untouched', async () => {
    const f = fixture(6, 3);
    await doImport(await fixtureFile('good.txt', gloveText(f)), { name: 'keep' });
    const manifestBefore = await readFile(path.join(models, 'keep', 'manifest.json'), 'utf8');
    const ls = gloveText(fixture(5000, 3, 9)).split('\n');
    ls[4999] = 'w4999 1 2 x';
    await expectImportError(await fixtureFile('bad.txt', ls.join('\n')), /^line 5000: "x" is not a number \(column 4\)$/, { name: 'keep', force: true });
    expect(await readdir(models)).toEqual(['keep']);
    expect(await readFile(path.join(models, 'keep', 'manifest.json'), 'utf8')).toBe(manifestBefore);
    await expectRoundTrip('keep', f);
  });
});

describe('CLI', () => {
  const cli = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', 'scripts/import-vectors.ts', ...args], { cwd: projectRoot });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  it('bad arguments exit 2 with the usage on stderr', async () => {
    const r = await cli(['some.txt', '--limit', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('import: missing --name NAME');
    expect(r.stderr).toContain('usage: npm run -s import -- FILE --name NAME');
    expect(r.stdout).toBe('');
  }, 60_000);

  it('imports a file (exit 0, summary line) and reports errors (exit 1)', async () => {
    const f = fixture(25, 4);
    const file = await fixtureFile('cli.vec', headerText(f));
    const ok = await cli([file, '--name', 'cli-set', '--models-dir', models]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^imported 25 words × 4 dims into \S+cli-set \(\d+\.\d MB\)\n$/);
    await expectRoundTrip('cli-set', f);
    const again = await cli([file, '--name', 'cli-set', '--models-dir', models]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/import: \S+cli-set already exists: use --force to replace it/);
  }, 60_000);

  it('reads standard input with FILE "-" and reports skipped all-zero rows on stderr', async () => {
    const child = execFile('npx', ['tsx', 'scripts/import-vectors.ts', '-', '--name', 'piped', '--models-dir', models], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdin!.end('a 1 2\nz 0 0\nb 2 1\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^imported 2 words × 2 dims into \S+piped /);
    expect(stderr).toContain('import: skipped 1 all-zero row (line 2): a zero vector has no direction, so no neighbours');
  }, 60_000);
});
