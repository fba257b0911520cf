// Copies onnxruntime-web's browser files into public/ort/ (git-ignored), so the GPT-2 worker loads
// ORT from our own origin (no CDN; works offline and under COEP). The worker imports ort.min.mjs
// (the JSEP build: WebGPU + WASM, without a bundler rewriting its import.meta.url), which imports
// ort-wasm-simd-threaded.jsep.mjs, which fetches the .wasm. Runs before dev and build; copies only
// files whose size or date differ.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const FILES = ['ort.min.mjs', 'ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm'];
const from = path.resolve('node_modules/onnxruntime-web/dist');
const to = path.resolve('public/ort');

mkdirSync(to, { recursive: true });
for (const name of FILES) {
  const src = path.join(from, name);
  const dst = path.join(to, name);
  let s;
  try {
    s = statSync(src);
  } catch {
    console.error(`copy-ort: ${src} is missing; run npm install`);
    process.exit(1);
  }
  const d = statSync(dst, { throwIfNoEntry: false });
  if (d && d.size === s.size && d.mtimeMs >= s.mtimeMs) continue;
  copyFileSync(src, dst);
}
