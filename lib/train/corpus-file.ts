/**
 * The compact token file a prepared corpus is kept in (models/brown.corpus), read the same way
 * in Node and in the browser worker:
 *
 *   bytes 0–7   "WVECORP1"
 *   bytes 8–11  header length H, uint32 little-endian
 *   H bytes     JSON header (CorpusHeader), then zero padding to a multiple of 4
 *   words       UTF-8, one word a line, most frequent first (header.wordBytes), zero padding to 4
 *   ends        uint32 × sentences: where each sentence ends, in tokens (exclusive)
 *   ids         uint16 × tokens when there are at most 65,536 words, else uint32
 *
 * Counts are not stored: decoding recounts them from the ids.
 */
import type { Corpus } from './corpus';

export const CORPUS_MAGIC = 'WVECORP1';
export const CORPUS_FORMAT = 'wve-corpus';

export interface CorpusHeader {
  format: typeof CORPUS_FORMAT;
  version: 1;
  /** e.g. "brown". */
  name: string;
  /** What a reader is shown: "Brown corpus (1961 American English, 500 texts)". */
  title: string;
  source: string;
  licence: string;
  tokens: number;
  sentences: number;
  types: number;
  /** Bytes of the words block (before padding). */
  wordBytes: number;
  /** 2 or 4. */
  idBytes: 2 | 4;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The file's bytes for `corpus`. */
export function encodeCorpus(corpus: Corpus, meta: Pick<CorpusHeader, 'name' | 'title' | 'source' | 'licence'>): Uint8Array {
  const words = new TextEncoder().encode(corpus.words.join('\n'));
  const idBytes = corpus.words.length <= 65536 ? 2 : 4;
  const header: CorpusHeader = {
    format: CORPUS_FORMAT,
    version: 1,
    ...meta,
    tokens: corpus.ids.length,
    sentences: corpus.sentenceEnds.length,
    types: corpus.words.length,
    wordBytes: words.length,
    idBytes,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const wordsAt = pad4(12 + json.length);
  const endsAt = pad4(wordsAt + words.length);
  const idsAt = endsAt + 4 * corpus.sentenceEnds.length;
  const out = new Uint8Array(idsAt + idBytes * corpus.ids.length);
  out.set(new TextEncoder().encode(CORPUS_MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(words, wordsAt);
  new Uint32Array(out.buffer, endsAt, corpus.sentenceEnds.length).set(corpus.sentenceEnds);
  if (idBytes === 2) new Uint16Array(out.buffer, idsAt, corpus.ids.length).set(corpus.ids);
  else new Uint32Array(out.buffer, idsAt, corpus.ids.length).set(corpus.ids);
  return out;
}

/** Reads just the header (and checks the file's length against it). */
export function readCorpusHeader(bytes: Uint8Array): { header: CorpusHeader; wordsAt: number; endsAt: number; idsAt: number } {
  const fail = (why: string) => new Error(`not a prepared corpus file: ${why}; prepare it again (npm run -s train:prepare-brown)`);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== CORPUS_MAGIC) throw fail(`it does not start with ${CORPUS_MAGIC}`);
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + length > bytes.length) throw fail(`the header runs past the end (${12 + length} > ${bytes.length} bytes)`);
  let header: CorpusHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  } catch (e) {
    throw fail(`its header is not JSON (${(e as Error).message})`);
  }
  if (header.format !== CORPUS_FORMAT || header.version !== 1) throw fail(`format ${header.format} version ${header.version}`);
  const wordsAt = pad4(12 + length);
  const endsAt = pad4(wordsAt + header.wordBytes);
  const idsAt = endsAt + 4 * header.sentences;
  const expected = idsAt + header.idBytes * header.tokens;
  if (bytes.length !== expected) throw fail(`${bytes.length} bytes where its header says ${expected}`);
  return { header, wordsAt, endsAt, idsAt };
}

/** The corpus and its header from the file's bytes. */
export function decodeCorpus(bytes: Uint8Array): { corpus: Corpus; header: CorpusHeader } {
  const { header, wordsAt, endsAt, idsAt } = readCorpusHeader(bytes);
  // Copy into aligned arrays: `bytes` may be a view at any offset.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const base = aligned.byteOffset;
  const words = new TextDecoder().decode(aligned.subarray(wordsAt, wordsAt + header.wordBytes)).split('\n');
  if (words.length !== header.types) throw new Error(`corpus file: ${words.length} words where its header says ${header.types}`);
  const sentenceEnds = new Uint32Array(aligned.buffer.slice(base + endsAt, base + endsAt + 4 * header.sentences));
  const raw = header.idBytes === 2 ? new Uint16Array(aligned.buffer, base + idsAt, header.tokens) : new Uint32Array(aligned.buffer, base + idsAt, header.tokens);
  const ids = Uint32Array.from(raw);
  const counts = new Uint32Array(header.types);
  for (let t = 0; t < ids.length; t++) {
    if (ids[t] >= header.types) throw new Error(`corpus file: token ${t} has word id ${ids[t]}, beyond the ${header.types} words`);
    counts[ids[t]]++;
  }
  let previous = 0;
  for (const end of sentenceEnds) {
    if (end <= previous || end > header.tokens) throw new Error(`corpus file: sentence ends are not increasing within ${header.tokens} tokens`);
    previous = end;
  }
  if (previous !== header.tokens) throw new Error(`corpus file: the last sentence ends at ${previous}, not at ${header.tokens}`);
  return { corpus: { words, counts, ids, sentenceEnds }, header };
}
