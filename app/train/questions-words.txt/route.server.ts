/**
 * The Google analogy test set for the /train page, read at each request from questions-words.txt
 * in the data folder beside the project (WVE_QUESTIONS names another file). Server-only: the
 * static build has no server and so no such file, and the page then says the analogy figure is
 * unavailable.
 */
import { readFile } from 'node:fs/promises';
import { questionsFile } from '@/lib/node/analogy-questions-file';

export const dynamic = 'force-dynamic';

export async function GET() {
  const file = questionsFile(process.cwd());
  try {
    return new Response(await readFile(file, 'utf8'), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' } });
  } catch {
    return new Response('the analogy test set is not installed on this server', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
