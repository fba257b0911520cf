/**
 * Serves a GPT-2 model's graph (models/<name>/model.onnx) to the browser worker, with the file's
 * sha256 from gpt2.json as its ETag, HEAD and Range for resumable downloads (lib/node/serve-file.ts).
 */
import { readGpt2Model } from '@/lib/node/gpt2-model-reader';
import { notFound, serveFile } from '@/lib/node/serve-file';
import { modelsDir } from '@/lib/node/vector-set-reader';
import { SET_NAME_PATTERN } from '@/lib/vectors/format';

async function handle(request: Request, { params }: { params: Promise<{ name: string; file: string }> }) {
  const { name, file } = await params;
  if (!SET_NAME_PATTERN.test(name)) return notFound();
  let manifest;
  try {
    manifest = (await readGpt2Model(name)).manifest;
  } catch {
    return notFound(`no usable GPT-2 model "${name}" on this server`);
  }
  if (file !== manifest.files.model.path) return notFound();
  return serveFile(request, { root: modelsDir(), relative: `${name}/${file}`, contentType: 'application/octet-stream', etag: `"${manifest.files.model.sha256}"` });
}

export { handle as GET, handle as HEAD };
