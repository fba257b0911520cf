/**
 * The GPT-2 model folders installed on this server (models/NAME/gpt2.json), as the GPT-2 pages
 * need them: read on every request, so a model installed with `npm run models:gpt2` shows up
 * without a rebuild. Broken folders are listed with the reason, never as models.
 */
import { listGpt2Models } from '@/lib/node/gpt2-model-reader';
import { serverModelOf, type Gpt2Index } from '@/lib/node/gpt2-index';
import { modelsDir } from '@/lib/node/vector-set-reader';
import { HUB_ORIGINS_ENV, hubOrigins } from '@/lib/security/origins';

export const dynamic = 'force-dynamic';

export async function GET() {
  const root = modelsDir();
  const { models, broken } = await listGpt2Models(root);
  const index: Gpt2Index = {
    models: models.map(serverModelOf),
    // Messages name folders under models/, never this machine's paths.
    broken: broken.map((b) => ({ name: b.name, error: b.error.replaceAll(root, 'models') })),
    hubOrigins: hubOrigins(process.env[HUB_ORIGINS_ENV]),
  };
  return Response.json(index, { headers: { 'Cache-Control': 'no-cache' } });
}
