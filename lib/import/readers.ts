/**
 * The vector file readers shared by `npm run -s import` (Node streams) and the browser's import
 * worker (`File.stream()`): GloVe text, word2vec / fastText text with a `COUNT DIMS` header, and
 * word2vec binary. Each reader is an async generator over byte chunks that yields one row at a
 * time, so memory stays flat however large the file is; malformed input throws an ImportError
 * naming the line (text, 1-based) or the byte offset (binary, 0-based) where it went wrong.
 */
import { readWord2vecBinary } from './binary-reader';
import type { ByteChunks } from './bytes';
import { readGloveText, readHeaderText } from './text-reader';

export { ImportError } from './errors';
export { parseDecimal } from './numbers';
export { readGloveText, readHeaderText, readWord2vecBinary };
export type { ByteChunks };

export const VECTOR_FORMATS = ['glove', 'word2vec-text', 'fasttext', 'word2vec-bin'] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];

export interface VectorRow {
  word: string;
  vector: Float32Array;
  /** "line 12" (text formats) or "byte offset 345" (binary). */
  where: string;
}

export interface ReaderOptions {
  /** How to name the input in whole-file messages ("FILE is empty"); default "the input". */
  label?: string;
}

/** Reads `format` from `source`. word2vec-text and fasttext are the same format. */
export function readVectors(format: VectorFormat, source: ByteChunks, options: ReaderOptions = {}): AsyncGenerator<VectorRow> {
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
