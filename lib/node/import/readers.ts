/**
 * Streaming readers for "bring your own vectors" (`npm run -s import`): GloVe text, word2vec /
 * fastText text with a `COUNT DIMS` header, and word2vec binary. Each reader is an async
 * generator over a byte stream that yields one row at a time, so memory stays flat however large
 * the file is; malformed input throws an ImportError naming the line (text, 1-based) or the
 * byte offset (binary, 0-based) where it went wrong.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import { MAX_DIMS } from '../../vectors/format';

export const VECTOR_FORMATS = ['glove', 'word2vec-text', 'fasttext', 'word2vec-bin'] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];

export interface VectorRow {
  word: string;
  vector: Float32Array;
  /** "line 12" (text formats) or "byte offset 345" (binary). */
  where: string;
}

/** Anything that yields the file's bytes in order: a Readable, a path, or chunks in a test. */
export type ByteSource = string | AsyncIterable<Uint8Array | string>;

export interface ReaderOptions {
  /** How to name the input in whole-file messages ("FILE is empty"); default "the input". */
  label?: string;
}

/** Malformed input; the message starts with the position when there is one. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** "line 12" / "byte offset 345", when the problem has a position. */
    readonly where?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}


/** Chunk size for file streams: large reads are faster and still bounded. */
export const READ_CHUNK_BYTES = 1 << 20;

const MAX_LINE_BYTES = 64 << 20;
const MAX_WORD_BYTES = 64 << 10;

const fail = (where: string, message: string) => new ImportError(`${where}: ${message}`, where);

/** Reads `format` from `source`. word2vec-text and fasttext are the same format. */
export function readVectors(format: VectorFormat, source: ByteSource, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  switch (format) {
    case 'glove':
      return readGloveText(source, options);
    case 'word2vec-text':
    case 'fasttext':
      return readHeaderText(source, options);
    case 'word2vec-bin':
      return readWord2vecBinary(source, options);
  }
}

/** GloVe text: `word v1 … vD` per line, no header; D comes from the first line. */
export function readGloveText(source: ByteSource, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  return readText(source, 'glove', options.label ?? 'the input');
}

/** word2vec text / fastText .vec: a `COUNT DIMS` header line, then GloVe-style lines. */
export function readHeaderText(source: ByteSource, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  return readText(source, 'header', options.label ?? 'the input');
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Buffer> {
  const iterable = typeof source === 'string' ? createReadStream(source, { highWaterMark: READ_CHUNK_BYTES }) : source;
  for await (const chunk of iterable) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (Buffer.isBuffer(chunk)) yield chunk;
    else yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers

const HEADER_PATTERN = /^(\d+)[ \t]+(\d+)$/;

/** True when a line (already trimmed) is exactly two integers, i.e. a word2vec/fastText header. */
export function isHeaderLine(line: string): boolean {
  return HEADER_PATTERN.test(line.trim());
}

/**
 * Cheap guard around `+s`: Number() also accepts "", whitespace, "0x1f", "0b1", "0o7" and
 * "Infinity", which are not decimal numbers. A decimal starts with a digit, '.', '+' or '-' and
 * ends with a digit or '.'; Number() rejects everything else that passes this guard ("1.2.3",
 * "1e", "--1", ".").
 */
function looksDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const c0 = s.charCodeAt(0);
  if (!((c0 >= 48 && c0 <= 57) || c0 === 46 || c0 === 43 || c0 === 45)) return false;
  const cl = s.charCodeAt(n - 1);
  if (!((cl >= 48 && cl <= 57) || cl === 46)) return false;
  if (c0 === 48 && n > 2) {
    const c1 = s.charCodeAt(1) | 0x20; // lower-case
    if (c1 === 120 || c1 === 98 || c1 === 111) return false; // x b o
  }
  return true;
}

/** Strict decimal parsing: the number, or NaN for anything that is not a plain decimal. */
export function parseDecimal(s: string): number {
  return looksDecimal(s) ? +s : NaN;
}

/** Exact powers of ten as doubles (10^22 is the largest exactly representable one). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Parses the decimal in s[start, end) without making a substring, or returns NaN when it is not
 * a simple one (the caller then falls back to Number()). Uses Clinger's fast path: with an
 * integer mantissa below 2^53 and a power of ten up to 10^22 both are exact doubles, so one
 * multiplication or division is correctly rounded and the result equals Number(s) exactly.
 */
function fastDecimal(s: string, start: number, end: number): number {
  let i = start;
  let c = s.charCodeAt(i);
  let negative = false;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    c = s.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0;
  while (c >= 48 && c <= 57 && i < end) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = s.charCodeAt(++i);
  }
  let exponent = 0;
  if (c === 46 /* . */ && i < end) {
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57 && i < end) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      exponent--;
      c = s.charCodeAt(++i);
    }
  }
  if (digits === 0 || mantissa > 9007199254740991) return NaN;
  if ((c === 101 || c === 69) /* e E */ && i < end) {
    c = s.charCodeAt(++i);
    let expNegative = false;
    if ((c === 45 || c === 43) && i < end) {
      expNegative = c === 45;
      c = s.charCodeAt(++i);
    }
    let e = 0;
    let expDigits = 0;
    while (c >= 48 && c <= 57 && i < end && expDigits < 6) {
      e = e * 10 + (c - 48);
      expDigits++;
      c = s.charCodeAt(++i);
    }
    if (expDigits === 0) return NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return NaN;
  let v: number;
  if (exponent === 0) v = mantissa;
  else if (exponent < 0 && exponent >= -22) v = mantissa / POW10[-exponent];
  else if (exponent > 0 && exponent <= 22) v = mantissa * POW10[exponent];
  else return NaN;
  return negative ? -v : v;
}

/**
 * Below this magnitude no row of up to MAX_DIMS values can have a norm beyond float32's range
 * (3.4e38 / sqrt(4096) ≈ 5.3e36), so the norm is only computed for rows with larger values.
 */
const HUGE = 5e36;

/** The writer stores each row's norm as float32: refuse rows whose norm would be Infinity. */
function checkNorm(vector: Float32Array, where: string): void {
  let sumSq = 0;
  for (let i = 0; i < vector.length; i++) sumSq += vector[i] * vector[i];
  const norm = Math.sqrt(sumSq);
  if (!Number.isFinite(Math.fround(norm))) {
    throw fail(where, `the vector's length (${norm.toPrecision(3)}) is beyond float32 range, so its norm cannot be stored`);
  }
}

const NON_FINITE_WORD = /^[+-]?(nan|inf|infinity)$/i;

function badNumber(where: string, field: string, column: number): ImportError {
  if (field.length === 0) return fail(where, `empty field in column ${column} (two spaces in a row?)`);
  if (NON_FINITE_WORD.test(field)) return fail(where, `non-finite value ${JSON.stringify(field)} (column ${column})`);
  const shown = field.length > 40 ? field.slice(0, 40) + '…' : field;
  return fail(where, `${JSON.stringify(shown)} is not a number (column ${column})`);
}

// ---------------------------------------------------------------------------------------------
// Text formats

/**
 * A copy of `word` that does not point into the big decoded chunk it was cut from. V8 makes
 * substrings of 13+ characters "sliced strings" that keep their whole parent alive, so every
 * long word kept by the writer's word set would otherwise pin a megabyte chunk of the file.
 */
function ownString(word: string): string {
  return word.length < 13 ? word : Buffer.from(word, 'utf8').toString('utf8');
}

async function* readText(source: ByteSource, mode: 'glove' | 'header', label: string): AsyncGenerator<VectorRow> {
  let lineNo = 0;
  let dims = 0; // 0 until the header or the first GloVe line sets it
  let count = -1; // rows announced by the header (header mode)
  let header = '';
  let rows = 0;
  let blankRun = 0; // first line of the current run of blank lines, 0 when none
  let lastContentLine = 0;
  let line1LooksLikeHeader = false;
  let sawBytes = false;

  /** The error for a line whose number of fields is not 1 + dims, or null when it is. */
  const columnError = (s: string, where: string): ImportError | null => {
    const fields = s.split(' ');
    const found = fields.length - 1;
    if (found === dims) return null;
    let hint = '';
    if (found > dims && Number.isNaN(parseDecimal(fields[1]))) hint = ' (words with spaces are not supported)';
    else if (fields.includes('')) hint = ' (two spaces in a row?)';
    else if (s.includes('\t')) hint = ' (fields must be separated by spaces, not tabs)';
    else if (mode === 'glove' && lineNo === 2 && line1LooksLikeHeader) {
      hint = ' (line 1 looks like a "COUNT DIMS" header: try --format word2vec-text)';
    }
    return fail(where, `expected ${dims} numbers after the word, found ${found}${hint}`);
  };

  /** Parses one line (without '\n'); returns a row, or null for the header and blank lines. */
  const parseLine = (raw: string): VectorRow | null => {
    lineNo++;
    let s = raw;
    if (lineNo === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1); // UTF-8 byte order mark
    s = s.trimEnd(); // '\r' of "\r\n", fastText's trailing space
    if (s.length === 0) {
      if (blankRun === 0) blankRun = lineNo;
      return null;
    }
    const where = `line ${lineNo}`;
    if (blankRun !== 0) throw fail(`line ${blankRun}`, 'empty line (blank lines are only allowed at the end of the file)');
    lastContentLine = lineNo;

    if (mode === 'header' && count < 0) {
      const m = HEADER_PATTERN.exec(s);
      if (!m) {
        const shown = s.length > 60 ? s.slice(0, 60) + '…' : s;
        throw fail(where, `expected a header "COUNT DIMS" (two integers), found ${JSON.stringify(shown)}; use --format glove for files without a header`);
      }
      count = Number(m[1]);
      dims = Number(m[2]);
      header = `${m[1]} ${m[2]}`;
      if (count < 1) throw fail(where, `the header announces ${count} rows`);
      if (dims < 1 || dims > MAX_DIMS) throw fail(where, `the header announces ${dims} dimensions; 1..${MAX_DIMS} are supported`);
      return null;
    }
    if (mode === 'header' && rows >= count) {
      throw fail(where, `extra row: the header (line 1: "${header}") announced ${count} rows`);
    }
    if (lineNo === 1) line1LooksLikeHeader = HEADER_PATTERN.test(s);

    const sp = s.indexOf(' ');
    if (sp === 0) throw fail(where, 'the line starts with a space (empty word)');
    if (dims === 0) {
      // The first GloVe line sets dims.
      const found = sp < 0 ? 0 : s.split(' ').length - 1;
      if (found === 0) {
        const tabs = s.includes('\t') ? ' (fields must be separated by spaces, not tabs)' : '';
        throw fail(where, `no numbers after the word${tabs}`);
      }
      if (found > MAX_DIMS) throw fail(where, `${found} numbers after the word; at most ${MAX_DIMS} dimensions are supported`);
      dims = found;
    }
    if (sp < 0) throw columnError(s, where) ?? fail(where, 'malformed line');
    const word = ownString(s.slice(0, sp));
    const vector = new Float32Array(dims);
    let huge = false;
    // Fields are scanned in place (no per-number strings); anything unusual goes to the slow path.
    let pos = sp + 1;
    const n = s.length;
    let i = 0;
    for (; i < dims && pos <= n; i++) {
      let end = s.indexOf(' ', pos);
      if (end < 0) end = n;
      let v = fastDecimal(s, pos, end);
      if (v !== v) {
        const f = s.slice(pos, end);
        v = looksDecimal(f) ? +f : NaN;
        if (v !== v) throw columnError(s, where) ?? badNumber(where, f, i + 2);
      }
      vector[i] = v;
      const stored = vector[i];
      if (stored > HUGE || stored < -HUGE) {
        if (stored === Infinity || stored === -Infinity) {
          throw columnError(s, where) ?? fail(where, `${s.slice(pos, end)} is out of float32 range (column ${i + 2})`);
        }
        huge = true;
      }
      pos = end + 1;
    }
    if (i < dims || pos <= n) throw columnError(s, where) ?? fail(where, 'malformed line');
    if (huge) checkNorm(vector, where);
    rows++;
    return { word, vector, where };
  };

  /** Checks and decodes a run of complete lines (without the final '\n'). */
  const decode = (region: Buffer, firstLine: number, regionOffset: number): string => {
    if (!isUtf8(region)) {
      // Find the line: rare, so a second pass is fine.
      let start = 0;
      for (let line = firstLine; ; line++) {
        let end = region.indexOf(10, start);
        if (end < 0) end = region.length;
        const bytes = region.subarray(start, end);
        if (!isUtf8(bytes)) {
          throw fail(`line ${line}`, `invalid UTF-8 at byte offset ${regionOffset + start + firstValidPrefix(bytes)}`);
        }
        if (end >= region.length) break;
        start = end + 1;
      }
    }
    return region.toString('utf8');
  };

  let offset = 0; // byte offset of the first pending byte
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunksOf(source)) {
    if (chunk.length === 0) continue;
    sawBytes = true;
    const nl = chunk.lastIndexOf(10);
    if (nl < 0) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > MAX_LINE_BYTES) throw fail(`line ${lineNo + 1}`, 'longer than 64 MB: is this a text vectors file?');
      continue;
    }
    const head = chunk.subarray(0, nl);
    const region = pending.length === 0 ? head : Buffer.concat([...pending, head]);
    const regionOffset = offset;
    offset += region.length + 1;
    const rest = chunk.subarray(nl + 1);
    pending = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
    const lines = decode(region, lineNo + 1, regionOffset).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const row = parseLine(lines[i]);
      if (row) yield row;
    }
  }
  if (pendingBytes > 0) {
    const row = parseLine(decode(Buffer.concat(pending), lineNo + 1, offset));
    if (row) yield row;
  }

  if (!sawBytes) throw new ImportError(`${label} is empty`);
  if (mode === 'header' && count > 0 && rows === 0) {
    throw new ImportError(`${label} has only a header line ("${header}") and no vectors`, 'line 1');
  }
  if (rows === 0) throw new ImportError(`${label} contains no vectors (only blank lines)`);
  if (mode === 'header' && rows < count) {
    throw fail(
      `line ${lastContentLine}`,
      `the file ends after ${rows} rows, but the header (line 1: "${header}") announced ${count}`,
    );
  }
}

/** Length of the longest valid UTF-8 prefix of `bytes` (which is known to be invalid). */
function firstValidPrefix(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length || !isUtf8(bytes.subarray(i, i + len))) return i;
    i += len;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// word2vec binary

const LITTLE_ENDIAN = os.endianness() === 'LE';

const truncated = (offset: number, message: string) =>
  new ImportError(`truncated at byte offset ${offset}: ${message}`, `byte offset ${offset}`);

/** A growing window over a chunked byte stream, for the incremental binary parser. */
class ByteWindow {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  /** Absolute offset of buf[0]. */
  base = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  get offset(): number {
    return this.base + this.pos;
  }

  get available(): number {
    return this.buf.length - this.pos;
  }

  /** Appends the next chunk; false at the end of the input. */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    for (;;) {
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      if (next.value.length === 0) continue;
      const rest = this.buf.subarray(this.pos);
      this.base += this.pos;
      this.pos = 0;
      this.buf = rest.length === 0 ? next.value : Buffer.concat([rest, next.value]);
      return true;
    }
  }
}

/**
 * word2vec binary: an ASCII header `COUNT DIMS\n`, then per row the UTF-8 word up to a space,
 * DIMS float32 little-endian and optionally '\n' (the original word2vec writes it, gensim does
 * not); '\n' bytes before a word are skipped, as word2vec's and gensim's readers do.
 */
export async function* readWord2vecBinary(source: ByteSource, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  const label = options.label ?? 'the input';
  const chunks = chunksOf(source);
  const w = new ByteWindow(chunks);
  try {
    // Header.
    if (!(await w.more())) throw new ImportError(`${label} is empty`);
    let nl = w.buf.indexOf(10);
    while (nl < 0 && w.buf.length < 256 && (await w.more())) nl = w.buf.indexOf(10);
    const headerText = nl < 0 ? null : w.buf.subarray(0, nl).toString('latin1');
    const m = headerText === null ? null : HEADER_PATTERN.exec(headerText.trim());
    if (!m) {
      throw fail('byte offset 0', 'expected an ASCII header line "COUNT DIMS" (is this a word2vec binary file?)');
    }
    const count = Number(m[1]);
    const dims = Number(m[2]);
    const header = `${m[1]} ${m[2]}`;
    if (count < 1) throw fail('byte offset 0', `the header announces ${count} rows`);
    if (dims < 1 || dims > MAX_DIMS) throw fail('byte offset 0', `the header announces ${dims} dimensions; 1..${MAX_DIMS} are supported`);
    w.pos = nl + 1;
    const vectorBytes = 4 * dims;

    for (let row = 1; ; row++) {
      // Skip '\n' before the word (the end of the previous row in word2vec's own files).
      for (;;) {
        if (w.pos >= w.buf.length && !(await w.more())) break;
        if (w.buf[w.pos] !== 10) break;
        w.pos++;
      }
      if (w.available === 0) {
        if (row === 1) throw new ImportError(`${label} has only a header line ("${header}") and no vectors`, 'byte offset 0');
        if (row - 1 < count) {
          throw fail(`byte offset ${w.offset}`, `the file ends after ${row - 1} rows, but the header ("${header}") announced ${count}`);
        }
        return;
      }
      const rowStart = w.offset;
      const where = `byte offset ${rowStart}`;
      if (row > count) throw fail(where, `extra data after the ${count} rows announced in the header ("${header}")`);

      // The word, up to a space.
      let searchFrom = w.pos;
      let sp = w.buf.indexOf(32, searchFrom);
      while (sp < 0) {
        if (w.available > MAX_WORD_BYTES) {
          throw fail(where, `row ${row}: no space within ${MAX_WORD_BYTES} bytes (is the header's DIMS right? is this a word2vec binary file?)`);
        }
        searchFrom = w.buf.length - w.pos;
        if (!(await w.more())) {
          throw truncated(w.offset, `row ${row} starts at byte offset ${rowStart} but the file ends inside its word`);
        }
        sp = w.buf.indexOf(32, searchFrom);
      }
      const wordBytes = w.buf.subarray(w.pos, sp);
      if (wordBytes.length === 0) throw fail(where, `row ${row} has an empty word`);
      if (!isUtf8(wordBytes)) {
        throw fail(`byte offset ${rowStart + firstValidPrefix(wordBytes)}`, `the word of row ${row} (starting at byte offset ${rowStart}) is not valid UTF-8`);
      }
      const word = wordBytes.toString('utf8');
      w.pos = sp + 1;

      // The vector.
      const vectorStart = w.offset;
      while (w.available < vectorBytes) {
        if (!(await w.more())) {
          throw truncated(vectorStart, `row ${row} (${JSON.stringify(word)}) needs ${vectorBytes} bytes of vector, ${w.available} remain`);
        }
      }
      const vector = new Float32Array(dims);
      if (LITTLE_ENDIAN) {
        new Uint8Array(vector.buffer).set(w.buf.subarray(w.pos, w.pos + vectorBytes));
      } else {
        for (let i = 0; i < dims; i++) vector[i] = w.buf.readFloatLE(w.pos + 4 * i);
      }
      let huge = false;
      for (let i = 0; i < dims; i++) {
        const v = vector[i];
        if (v > HUGE || v < -HUGE) huge = true;
        if (!Number.isFinite(v)) {
          throw fail(`byte offset ${vectorStart + 4 * i}`, `row ${row} (${JSON.stringify(word)}) has a non-finite value (${vector[i]}) at position ${i + 1}`);
        }
      }
      if (huge) checkNorm(vector, where);
      w.pos += vectorBytes;
      yield { word, vector, where };
    }
  } finally {
    await chunks.return(undefined);
  }
}
