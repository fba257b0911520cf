// Runs before install/dev/build/test: prepares the default GloVe set when it is missing or
// broken, and copies nothing else. Plain .mjs so that it is fast when there is nothing to do.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.env.WVE_MODELS_DIR ?? path.resolve('models');
const dir = path.join(root, 'glove-6b-100d');

function isComplete() {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    return Object.values(m.files).every((f) => statSync(path.join(dir, f.path)).size === f.bytes);
  } catch {
    return false;
  }
}

if (!isComplete()) {
  const tsx = path.resolve('node_modules/.bin/tsx');
  if (!existsSync(tsx)) {
    console.error('ensure-data: node_modules is missing; run npm install first');
    process.exit(1);
  }
  const r = spawnSync(tsx, ['scripts/prepare-glove.ts', ...(existsSync(dir) ? ['--force'] : [])], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
