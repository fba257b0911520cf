/**
 * The GPT-2 model folders installed on this server (models/NAME/gpt2.json), as the GPT-2 pages
 * need them: read on every request, so a model installed with `npm run models:gpt2` shows up
 * without a rebuild. Broken folders are listed with the reason, never as models.
 */
import { listGpt2Models } from '@/lib/node/gpt2-model-reader';
import { serverModelOf } from '@/lib/node/gpt2-index';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { models, broken } = await listGpt2Models();
  return Response.json({ models: models.map(serverModelOf), broken }, { headers: { 'Cache-Control': 'no-cache' } });
}
