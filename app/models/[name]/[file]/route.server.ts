/**
 * Serves a GPT-2 model's graph (models/<name>/model.onnx) to the browser worker, with
 * Content-Length (for the progress bar) and the file's sha256 from gpt2.json as its ETag.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { readGpt2Model } from '@/lib/node/gpt2-model-reader';
import { SET_NAME_PATTERN } from '@/lib/vectors/format';

export async function GET(request: Request, { params }: { params: Promise<{ name: string; file: string }> }) {
  const { name, file } = await params;
  if (!SET_NAME_PATTERN.test(name)) return new Response('not found', { status: 404 });
  let model;
  try {
    model = await readGpt2Model(name);
  } catch (e) {
    return new Response((e as Error).message, { status: 404 });
  }
  const { manifest, modelPath } = model;
  if (file !== manifest.files.model.path) return new Response('not found', { status: 404 });
  const etag = `"${manifest.files.model.sha256}"`;
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  // 1 MB reads: the default 64 KB makes the stream conversion the bottleneck on localhost.
  const body = Readable.toWeb(createReadStream(modelPath, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(manifest.files.model.bytes),
      ETag: etag,
      // The worker keeps its own copy in Cache Storage keyed by the sha256; no-transform keeps Next from gzipping it.
      'Cache-Control': 'no-cache, no-transform',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  });
}
