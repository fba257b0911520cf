/**
 * The shared vector file readers (lib/import) as `npm run -s import` uses them: the same rows
 * and errors, fed from Node file streams.
 */
import { createReadStream } from 'node:fs';

export { ImportError, parseDecimal, readGloveText, readVectors, readWord2vecBinary, VECTOR_FORMATS, type VectorFormat, type VectorRow } from '../../import/readers';

/** Chunk size for file streams: large reads are faster and still bounded. */
export const READ_CHUNK_BYTES = 1 << 20;

/** The file's bytes as a stream of 1 MB chunks. */
export function fileChunks(file: string): AsyncIterable<Buffer> {
  return createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
}
