// Runs before install/dev/build/test: prepares the default GloVe set and the Brown corpus token
// file (the /train page's) when they are missing or broken, and copies nothing else. Plain .mjs
// so that it is fast when there is nothing to do.
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

/** The Brown corpus token file for the /train page (scripts/prepare-brown.ts); its header says its length. */
const brown = path.join(root, 'brown.corpus');

function brownIsComplete() {
  try {
    const bytes = readFileSync(brown);
    if (bytes.subarray(0, 8).toString('latin1') !== 'WVECORP1') return false;
    const h = JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32LE(8)).toString('utf8'));
    const pad4 = (n) => (n + 3) & ~3;
    const idsAt = pad4(pad4(12 + bytes.readUInt32LE(8)) + h.wordBytes) + 4 * h.sentences;
    return bytes.length === idsAt + h.idBytes * h.tokens;
  } catch {
    return false;
  }
}

const steps = [
  ...(isComplete() ? [] : [['scripts/prepare-glove.ts', ...(existsSync(dir) ? ['--force'] : [])]]),
  ...(brownIsComplete() ? [] : [['scripts/prepare-brown.ts', '--force']]),
];
if (steps.length) {
  const tsx = path.resolve('node_modules/.bin/tsx');
  if (!existsSync(tsx)) {
    console.error('ensure-data: node_modules is missing; run npm install first');
    process.exit(1);
  }
  for (const args of steps) {
    const r = spawnSync(tsx, args, { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
