/**
 * The vector sets installed on this server (models/NAME/manifest.json), as the analogy and map
 * pages list them: read on every request, so a newly imported set shows up without a rebuild.
 * The static build writes the same listing as a file (scripts/build-static.ts).
 */
import { setIndex } from '@/lib/node/set-index';

export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json(await setIndex(), { headers: { 'Cache-Control': 'no-cache' } });
}
