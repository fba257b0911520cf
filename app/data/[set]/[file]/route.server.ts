/**
 * Serves a prepared set's files from models/ to the browser worker, with Content-Length (for
 * the progress bar) and an ETag from the manifest's checksums. Only the files the browser needs.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { modelsDir, readManifest } from '@/lib/node/vector-set-reader';
import { FILE_NAMES, SET_NAME_PATTERN } from '@/lib/vectors/format';

const SERVED = new Map<string, string>([
  ['manifest.json', 'application/json'],
  [FILE_NAMES.vocab, 'text/plain; charset=utf-8'],
  [FILE_NAMES.vectors, 'application/octet-stream'],
  [FILE_NAMES.scales, 'application/octet-stream'],
]);

export async function GET(request: Request, { params }: { params: Promise<{ set: string; file: string }> }) {
  const { set, file } = await params;
  const type = SERVED.get(file);
  if (!SET_NAME_PATTERN.test(set) || !type) return new Response('not found', { status: 404 });
  const dir = path.join(modelsDir(), set);
  let etag: string;
  try {
    etag = `"${(await readManifest(dir)).checksum.slice(0, 32)}"`;
  } catch {
    return new Response(`no vector set "${set}" in models/`, { status: 404 });
  }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  const full = path.join(dir, file);
  const { size } = await stat(full);
  // 1 MB reads: the default 64 KB makes the stream conversion the bottleneck on localhost.
  const body = Readable.toWeb(createReadStream(full, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Length': String(size),
      ETag: etag,
      // no-cache: revalidate with the ETag, so a re-prepared set is picked up at once.
      // no-transform: keeps Next from gzipping vocab.txt on the fly (10× slower on localhost).
      'Cache-Control': 'no-cache, no-transform',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}
