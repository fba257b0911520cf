/**
 * word2vec binary: an ASCII header `COUNT DIMS\n`, then per row the UTF-8 word up to a space,
 * DIMS float32 little-endian and optionally '\n' (the original word2vec writes it, gensim does
 * not). Records are parsed from a window over the byte chunks, so a record may be split across
 * chunks anywhere; positions are 0-based byte offsets.
 */
import { MAX_DIMS } from '../vectors/format';
import { bytesOf, concatBytes, latin1, utf8OrNull, validUtf8Prefix, type ByteChunks } from './bytes';
import { fail, ImportError } from './errors';
import { checkNorm, HEADER_PATTERN, HUGE } from './numbers';
import type { ReaderOptions, VectorRow } from './readers';

const MAX_WORD_BYTES = 64 << 10;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const truncated = (offset: number, message: string) => new ImportError(`truncated at byte offset ${offset}: ${message}`, `byte offset ${offset}`);

/** A growing window over a chunked byte stream, for the incremental parser. */
class ByteWindow {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  /** Absolute offset of buf[0]. */
  base = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

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
      this.buf = rest.length === 0 ? next.value : concatBytes([rest, next.value]);
      return true;
    }
  }
}

/** A word's bytes as text: ASCII directly, anything else through the strict UTF-8 decoder (null when invalid). */
function wordText(bytes: Uint8Array): string | null {
  if (bytes.length <= 256) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) ascii = false;
    if (ascii) return latin1(bytes);
  }
  return utf8OrNull(bytes);
}

/** Reads word2vec binary; '\n' bytes before a word are skipped, as word2vec's and gensim's readers do. */
export async function* readWord2vecBinary(source: ByteChunks, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
  const label = options.label ?? 'the input';
  const chunks = bytesOf(source);
  const w = new ByteWindow(chunks);
  try {
    // Header.
    if (!(await w.more())) throw new ImportError(`${label} is empty`);
    let nl = w.buf.indexOf(10);
    while (nl < 0 && w.buf.length < 256 && (await w.more())) nl = w.buf.indexOf(10);
    const m = nl < 0 ? null : HEADER_PATTERN.exec(latin1(w.buf.subarray(0, nl)).trim());
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
      const word = wordText(wordBytes);
      if (word === null) {
        throw fail(`byte offset ${rowStart + validUtf8Prefix(wordBytes)}`, `the word of row ${row} (starting at byte offset ${rowStart}) is not valid UTF-8`);
      }
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
        const view = new DataView(w.buf.buffer, w.buf.byteOffset + w.pos, vectorBytes);
        for (let i = 0; i < dims; i++) vector[i] = view.getFloat32(4 * i, true);
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
