/**
 * Text vectors: GloVe (`word v1 … vD` per line, no header; D comes from the first line) and
 * word2vec text / fastText .vec (a `COUNT DIMS` header line, then the same lines). Lines are
 * cut from the byte chunks as they arrive and decoded a run at a time; positions are 1-based lines.
 */
import { MAX_DIMS } from '../vectors/format';
import { bytesOf, concatBytes, ownString, utf8OrNull, validUtf8Prefix, type ByteChunks } from './bytes';
import { fail, ImportError } from './errors';
import { badNumber, checkNorm, fastDecimal, HEADER_PATTERN, HUGE, looksDecimal, parseDecimal } from './numbers';
import type { ReaderOptions, VectorRow } from './readers';

const MAX_LINE_BYTES = 64 << 20;

/** GloVe text: `word v1 … vD` per line, no header; D comes from the first line. */
export function readGloveText(source: ByteChunks, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  return readText(source, 'glove', options.label ?? 'the input');
}

/** word2vec text / fastText .vec: a `COUNT DIMS` header line, then GloVe-style lines. */
export function readHeaderText(source: ByteChunks, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  return readText(source, 'header', options.label ?? 'the input');
}

async function* readText(source: ByteChunks, mode: 'glove' | 'header', label: string): AsyncGenerator<VectorRow> {
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

  let offset = 0; // byte offset of the first pending byte
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const chunk of bytesOf(source)) {
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
    const region = pending.length === 0 ? head : concatBytes([...pending, head]);
    const regionOffset = offset;
    offset += region.length + 1;
    const rest = chunk.subarray(nl + 1);
    pending = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
    const lines = decodeLines(region, lineNo + 1, regionOffset).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const row = parseLine(lines[i]);
      if (row) yield row;
    }
  }
  if (pendingBytes > 0) {
    const row = parseLine(decodeLines(concatBytes(pending), lineNo + 1, offset));
    if (row) yield row;
  }

  if (!sawBytes) throw new ImportError(`${label} is empty`);
  if (mode === 'header' && count > 0 && rows === 0) {
    throw new ImportError(`${label} has only a header line ("${header}") and no vectors`, 'line 1');
  }
  if (rows === 0) throw new ImportError(`${label} contains no vectors (only blank lines)`);
  if (mode === 'header' && rows < count) {
    throw fail(`line ${lastContentLine}`, `the file ends after ${rows} rows, but the header (line 1: "${header}") announced ${count}`);
  }
}

/** Decodes a run of complete lines (without the final '\n'), or throws naming the line with invalid UTF-8. */
function decodeLines(region: Uint8Array, firstLine: number, regionOffset: number): string {
  const text = utf8OrNull(region);
  if (text !== null) return text;
  // Find the line: rare, so a second pass is fine. '\n' never occurs inside a UTF-8 sequence,
  // so some line is invalid on its own.
  let start = 0;
  let line = firstLine;
  for (;;) {
    let end = region.indexOf(10, start);
    if (end < 0) end = region.length;
    const bytes = region.subarray(start, end);
    if (utf8OrNull(bytes) === null || end >= region.length) {
      throw fail(`line ${line}`, `invalid UTF-8 at byte offset ${regionOffset + start + validUtf8Prefix(bytes)}`);
    }
    start = end + 1;
    line++;
  }
}
