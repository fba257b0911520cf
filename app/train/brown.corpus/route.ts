/**
 * The prepared Brown corpus (models/brown.corpus, lib/train/corpus-file.ts) for the /train page's
 * worker. Static: read once when the site is built (npm run build and build:static both prepare
 * the file first), so a static host serves it as a plain file too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { modelsDir } from '@/lib/node/vector-set-reader';
import { BROWN_FILE } from '@/lib/train/brown';

export const dynamic = 'force-static';

export async function GET() {
  const bytes = await readFile(path.join(modelsDir(), BROWN_FILE));
  return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-cache' } });
}
