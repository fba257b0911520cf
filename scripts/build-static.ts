/**
 * `npm run build:static [-- --with-model NAME]… [--out DIR]`: the app as plain files for any
 * static host (GitHub Pages, a bucket, `python3 -m http.server`): every page, the vector sets of
 * models/ as files, onnxruntime's WebAssembly, the service worker and its precache list, and
 * optionally GPT-2 model folders, whose model.onnx is split into parts below GitHub Pages' 100 MB
 * file limit. BASE_PATH=/NAME builds for a sub-path (a GitHub Pages project site lives at /REPO/).
 * The result appears in DIR (default out/) only when complete. Exit codes: 1 failed, 2 bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readGpt2Model } from '../lib/node/gpt2-model-reader';
import { serverModelOf, type Gpt2Index } from '../lib/node/gpt2-index';
import { setIndex } from '../lib/node/set-index';
import { contentSecurityPolicy, HUB_ORIGINS_ENV, hubOrigins, inlineScriptHashes, pageNeedsEval, securityHeaders } from '../lib/security/headers';
import { modelsDir } from '../lib/node/vector-set-reader';
import { FILE_NAMES } from '../lib/vectors/format';
import type { ServerModel } from '../lib/worker/gpt2-protocol';
import { parseCli, runCli, UsageError } from './cli';

/** Below GitHub Pages' 100 MB per-file limit, with room to spare. */
export const PART_BYTES = 95_000_000;
const NEXT_OUT = 'out'; // where `output: 'export'` writes

const USAGE = `usage: [BASE_PATH=/NAME] npm run build:static [-- --with-model NAME]… [--out DIR]

Builds the app as static files in DIR (default out/): every page, the vector sets in models/,
onnxruntime-web's files and a service worker that makes the site cross-origin isolated (WebAssembly
threads) and usable offline on hosts that cannot send headers.

  --with-model NAME   also copy the GPT-2 model models/NAME (from npm run models:gpt2 or
                      models:random-gpt2), its model.onnx in parts of at most ${PART_BYTES / 1e6} MB;
                      without it, the GPT-2 pages load GPT-2 from the Hugging Face hub
  --out DIR           where to put the site (default out/)

BASE_PATH=/NAME     build for a sub-path, e.g. https://USER.github.io/NAME/`;

runCli('build:static', USAGE, async () => {
  const { values, positionals } = parseCli({ 'with-model': { type: 'string', multiple: true }, out: { type: 'string' } }, true);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const basePath = process.env.BASE_PATH ?? '';
  if (basePath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) throw new UsageError(`BASE_PATH must look like /NAME (got "${basePath}")`);
  const out = path.resolve(values.out ?? NEXT_OUT);
  const root = modelsDir();

  // Check everything that can be wrong before the long build.
  const sets = await setIndex(root);
  if (sets.sets.length === 0) throw new Error(`no prepared vector set in ${root}: run npm run prepare:glove first`);
  const models = [];
  for (const name of values['with-model'] ?? []) models.push(await readGpt2Model(name, root, { verify: true }));

  const t0 = performance.now();
  const buildId = Date.now().toString(36);
  run('node', ['scripts/ensure-data.mjs']);
  run('node', ['scripts/copy-ort.mjs']);
  await rm(path.resolve(NEXT_OUT), { recursive: true, force: true });
  console.error(`building the static site${basePath ? ` for ${basePath}/` : ''} (next build, output: export) …`);
  // The export build works in .next too: keep the server build (npm start) out of its way.
  await withServerBuildAside(() => run('npx', ['next', 'build', '--webpack'], { WVE_STATIC_EXPORT: '1', WVE_BUILD_ID: buildId, BASE_PATH: basePath }));
  const site = path.resolve(NEXT_OUT);
  try {
    // Vector sets: the same files the server's /data routes send, and their listing.
    for (const s of sets.sets) {
      const dir = path.join(site, 'data', s.name);
      await mkdir(dir, { recursive: true });
      for (const file of ['manifest.json', FILE_NAMES.vocab, FILE_NAMES.vectors, FILE_NAMES.scales]) await copyFile(path.join(root, s.name, file), path.join(dir, file));
    }
    await writeFile(path.join(site, 'data', 'index.json'), JSON.stringify(sets));

    // GPT-2 models: gpt2.json and model.onnx in parts; the listing the GPT-2 pages read.
    const listed: ServerModel[] = [];
    for (const m of models) {
      const dir = path.join(site, 'models', m.manifest.name);
      await mkdir(dir, { recursive: true });
      await copyFile(path.join(m.dir, 'gpt2.json'), path.join(dir, 'gpt2.json'));
      const parts = await splitFile(m.modelPath, dir, m.manifest.files.model.path, PART_BYTES, m.manifest.files.model.sha256);
      listed.push({ ...serverModelOf(m), parts: parts.map((p) => ({ url: `${encodeURIComponent(m.manifest.name)}/${p.name}`, bytes: p.bytes })) });
    }
    await mkdir(path.join(site, 'models'), { recursive: true });
    await writeFile(path.join(site, 'models', 'index.json'), JSON.stringify({ models: listed, broken: [], hubOrigins: hubOrigins(process.env[HUB_ORIGINS_ENV]) } satisfies Gpt2Index));

    // The security policy: in every page as a <meta> (a static host sends no headers), and for the
    // service worker to add as headers (frame-ancestors and the rest need a header).
    const files = await listFiles(site);
    const pages = files.filter((f) => f.name.endsWith('.html'));
    const html = new Map(await Promise.all(pages.map(async (f) => [f.name, await readFile(path.join(site, f.name), 'utf8')] as const)));
    const policy = { scriptHashes: [...new Set([...html.values()].flatMap(inlineScriptHashes))].sort(), hubOrigins: hubOrigins(process.env[HUB_ORIGINS_ENV]) };
    for (const [name, text] of html) {
      const evalAllowed = pageNeedsEval(`/${name.replace(/(^|\/)index\.html$/, '$1')}`);
      const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ ...policy, evalAllowed, forMeta: true })}"/>`;
      if (!text.includes('<head>')) throw new Error(`${name} has no <head> to put the security policy in`);
      await writeFile(path.join(site, name), text.replace('<head>', `<head>${meta}`));
    }
    await writeFile(path.join(site, 'security-headers.json'), JSON.stringify({ strict: securityHeaders(policy), withEval: securityHeaders({ ...policy, evalAllowed: true }) }));

    // What the service worker keeps at install: the pages and the content-hashed scripts.
    const precache = files
      .filter((f) => /\.(html|txt)$/.test(f.name) || f.name.startsWith('_next/static/') || ['manifest.webmanifest', 'icon.svg', 'favicon.ico'].includes(f.name))
      .filter((f) => !/^(404|_not-found)(\/|\.html)/.test(f.name))
      .map((f) => (f.name === 'index.html' ? '' : f.name.endsWith('/index.html') ? f.name.slice(0, -'index.html'.length) : f.name));
    await writeFile(path.join(site, 'precache.json'), JSON.stringify(precache));
    await writeFile(path.join(site, '.nojekyll'), ''); // GitHub Pages would hide _next/ from Jekyll otherwise

    if (out !== site) {
      await rm(out, { recursive: true, force: true });
      await mkdir(path.dirname(out), { recursive: true });
      await rename(site, out);
    }
  } catch (e) {
    await rm(site, { recursive: true, force: true }); // never leave a half-made site
    throw e;
  }

  const files = await listFiles(out);
  const total = files.reduce((a, f) => a + f.bytes, 0);
  const largest = files.reduce((a, f) => (f.bytes > a.bytes ? f : a));
  console.log(
    `${path.relative(process.cwd(), out) || '.'}/: ${files.length} files, ${(total / 1e6).toFixed(1)} MB; largest ${largest.name} ${(largest.bytes / 1e6).toFixed(1)} MB; ` +
      `built in ${((performance.now() - t0) / 1000).toFixed(0)} s${basePath ? ` for ${basePath}/` : ''}. Serve it with e.g. python3 -m http.server -d ${path.relative(process.cwd(), out) || '.'}`,
  );
});

/** Runs `build` with .next moved aside, then puts the server build back (the export's .next is dropped). */
async function withServerBuildAside(build: () => void): Promise<void> {
  const server = path.resolve('.next');
  const aside = path.resolve('.next-server');
  const interrupted = await exists(aside);
  if (interrupted) {
    // An earlier run was stopped mid-build: its .next is the export's, the server build is aside.
    await rm(server, { recursive: true, force: true });
    await rename(aside, server);
  }
  const had = interrupted || (await exists(server));
  if (had) await rename(server, aside);
  try {
    build();
  } finally {
    await rm(server, { recursive: true, force: true });
    if (had) await rename(aside, server);
  }
}

const exists = (file: string) => stat(file).then(
  () => true,
  () => false,
);

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Splits `file` into `name.partNNN` files of at most `size` bytes in `dir`; checks the parts join to the file's sha256. */
async function splitFile(file: string, dir: string, name: string, size: number, sha256: string): Promise<{ name: string; bytes: number }[]> {
  const { size: total } = await stat(file);
  const parts: { name: string; bytes: number }[] = [];
  const joined = createHash('sha256');
  for (let start = 0, i = 0; start < total; start += size, i++) {
    const end = Math.min(total, start + size);
    const part = `${name}.part${String(i).padStart(3, '0')}`;
    await pipeline(createReadStream(file, { start, end: end - 1, highWaterMark: 1 << 20 }), createWriteStream(path.join(dir, part)));
    for await (const chunk of createReadStream(path.join(dir, part), { highWaterMark: 1 << 20 })) joined.update(chunk as Buffer);
    parts.push({ name: part, bytes: end - start });
  }
  if (joined.digest('hex') !== sha256) throw new Error(`the parts of ${file} do not join to its sha256 in gpt2.json`);
  return parts;
}

async function listFiles(dir: string, prefix = ''): Promise<{ name: string; bytes: number }[]> {
  const out: { name: string; bytes: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), `${rel}/`)));
    else out.push({ name: rel, bytes: (await stat(path.join(dir, entry.name))).size });
  }
  return out;
}
