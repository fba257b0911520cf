// `npm start`: the app at production speed. Builds once (`npm run build`) when there is no
// production build or a source file is newer than it, then serves it (scripts/serve.ts: Next
// with the app's security headers on every response) on http://127.0.0.1:3000; PORT and HOST
// change that.
// `npm run dev` remains the development server (compiles pages on first visit: slow to start).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['app', 'lib', 'public', 'next.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs'];
const SKIP = new Set(['node_modules', '.next', 'ort']); // public/ort is copied by the build itself

/** The newest modification time under `file` (a file or a folder), ms. */
function newest(file) {
  let info;
  try {
    info = statSync(file);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(file)) if (!SKIP.has(entry)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

function buildTime() {
  try {
    return statSync('.next/BUILD_ID').mtimeMs;
  } catch {
    return 0;
  }
}

const built = buildTime();
const changed = Math.max(...SOURCES.map(newest));
if (built === 0 || changed > built) {
  console.error(built === 0 ? 'start: no production build yet: building it once (about a minute) …' : 'start: sources changed since the last build: rebuilding …');
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.error(`start: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} else {
  const r = spawnSync('node', ['scripts/ensure-data.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const server = spawn('npx', ['tsx', 'scripts/serve.ts', '--host', host, '--port', port], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
