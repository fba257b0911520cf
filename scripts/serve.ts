/**
 * The production server (`npm start` runs it after building): Next's request handler behind a
 * thin layer that puts the security headers (lib/security/headers.ts) on every response — pages,
 * files, Next's own error pages — and answers a malformed URL itself with a plain 400, headers
 * included. The page policy's script hashes come from the built pages (.next/server/app/**.html),
 * read once at start. Extra hub origins (a mirror, a test server): WVE_HUB_ORIGINS.
 *
 * Usage: npx tsx scripts/serve.ts [--port 3000] [--host 127.0.0.1]
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { HUB_ORIGINS_ENV, hubOrigins, inlineScriptHashes, pageNeedsEval, securityHeaders } from '../lib/security/headers';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = `usage: npx tsx scripts/serve.ts [--port 3000] [--host 127.0.0.1]

Serves the production build in .next/ (npm run build) with the app's security headers on every
response. ${HUB_ORIGINS_ENV}="https://my-mirror.example http://127.0.0.1:3210" lets the GPT-2
pages fetch from more hub origins than huggingface.co, *.hf.co and hf-mirror.com.`;

runCli('serve', USAGE, async () => {
  const { values, positionals } = parseCli({ port: { type: 'string' }, host: { type: 'string' } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = intFlag(values.port ?? process.env.PORT, 'port', 3000);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const policy = { scriptHashes: await builtScriptHashes('.next/server/app'), hubOrigins: hubOrigins(process.env[HUB_ORIGINS_ENV]) };
  const strict = securityHeaders(policy);
  const withEval = securityHeaders({ ...policy, evalAllowed: true });

  const app = next({ dev: false, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    let pathname = '/';
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      for (const [name, value] of Object.entries(strict)) res.setHeader(name, value);
      res.statusCode = 400;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('bad request: the address is not valid (a stray "%"?)');
      return;
    }
    for (const [name, value] of Object.entries(pageNeedsEval(pathname) ? withEval : strict)) res.setHeader(name, value);
    handle(req, res).catch((e: Error) => {
      console.error(`serve: ${req.method} ${req.url}: ${e.message}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.listen(port, host, () => console.error(`serve: http://${host}:${port}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
});

/** The inline-script hashes of every prerendered page of the build. */
async function builtScriptHashes(dir: string): Promise<string[]> {
  const hashes = new Set<string>();
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.name.endsWith('.html')) for (const h of inlineScriptHashes(await readFile(file, 'utf8'))) hashes.add(h);
    }
  };
  try {
    await walk(dir);
  } catch (e) {
    throw new Error(`cannot read the built pages in ${dir} (${(e as Error).message}): run npm run build first`);
  }
  if (hashes.size === 0) throw new Error(`no built pages in ${dir}: run npm run build first`);
  return [...hashes].sort();
}
