/**
 * Serves a prepared set's files from models/ to the browser worker: only the files the browser
 * needs, with an ETag from the manifest's checksum, HEAD and Range (lib/node/serve-file.ts).
 */
import { notFound, serveFile } from '@/lib/node/serve-file';
import { modelsDir, readManifest } from '@/lib/node/vector-set-reader';
import { FILE_NAMES, SET_NAME_PATTERN } from '@/lib/vectors/format';
import path from 'node:path';

const SERVED = new Map<string, string>([
  ['manifest.json', 'application/json'],
  [FILE_NAMES.vocab, 'text/plain; charset=utf-8'],
  [FILE_NAMES.vectors, 'application/octet-stream'],
  [FILE_NAMES.scales, 'application/octet-stream'],
]);

async function handle(request: Request, { params }: { params: Promise<{ set: string; file: string }> }) {
  const { set, file } = await params;
  const type = SERVED.get(file);
  if (!SET_NAME_PATTERN.test(set) || !type) return notFound();
  let checksum: string;
  try {
    checksum = (await readManifest(path.join(modelsDir(), set))).checksum;
  } catch {
    return notFound(`no vector set "${set}" on this server`);
  }
  return serveFile(request, { root: modelsDir(), relative: `${set}/${file}`, contentType: type, etag: `"${checksum.slice(0, 32)}"` });
}

export { handle as GET, handle as HEAD };
