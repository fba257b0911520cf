/**
 * Reads prepared vector sets from models/ in Node (CLI, benchmarks, the app's server routes).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FILE_KEYS, parseVocab, setNameProblem, validateManifest, type FileKey, type Manifest } from '../vectors/format';
import { DEFAULT_SET } from '../vectors/set-index';
import { overallChecksum } from './vector-set-writer';

export { DEFAULT_SET };

/** models/ at the project root, overridable with WVE_MODELS_DIR (tests use a temp folder). */
export function modelsDir(): string {
  return process.env.WVE_MODELS_DIR || path.resolve(process.cwd(), 'models');
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`no vector set at ${dir} (manifest.json missing)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return validateManifest(json);
}

/** Every valid set in `root`, sorted by name; broken folders are reported, not thrown. */
export async function listSets(root = modelsDir()): Promise<{ sets: Manifest[]; broken: { name: string; error: string }[] }> {
  const sets: Manifest[] = [];
  const broken: { name: string; error: string }[] = [];
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch {
    return { sets, broken };
  }
  for (const name of entries.sort()) {
    if (name.startsWith('.')) continue;
    const dir = path.join(root, name);
    try {
      if (!(await stat(dir)).isDirectory()) continue;
      if (await isGpt2Model(dir)) continue;
      const m = await readManifest(dir);
      if (m.name !== name) throw new Error(`manifest name "${m.name}" differs from folder "${name}"`);
      await checkSizes(dir, m);
      sets.push(m);
    } catch (e) {
      broken.push({ name, error: (e as Error).message });
    }
  }
  return { sets, broken };
}

/** GPT-2 model folders (models/<name>/gpt2.json) share models/ but are not vector sets. */
async function isGpt2Model(dir: string): Promise<boolean> {
  return stat(path.join(dir, 'gpt2.json')).then(
    () => true,
    () => false,
  );
}

async function checkSizes(dir: string, m: Manifest): Promise<void> {
  for (const key of FILE_KEYS) {
    const f = m.files[key];
    const size = (await stat(path.join(dir, f.path)).catch(() => null))?.size;
    if (size === undefined) throw new Error(`${f.path} is missing`);
    if (size !== f.bytes) throw new Error(`${f.path} has ${size} bytes, manifest says ${f.bytes} (truncated or replaced)`);
  }
}

export interface LoadedSet {
  manifest: Manifest;
  words: string[];
  /** int8 unit rows, count × dims. */
  q: Int8Array;
  scales: Float32Array;
  norms: Float32Array;
  /** The original float32 vectors (count × dims), when asked for. */
  reference?: Float32Array;
}

export interface LoadOptions {
  /** Also read vectors.f32. */
  reference?: boolean;
  /** Recompute every file's sha256 and compare with the manifest. */
  verify?: boolean;
}

/** Reads set `name` from `root`; a name that is not a set name (`../../etc`) is refused before any file is touched. */
export async function loadVectorSet(name = DEFAULT_SET, options: LoadOptions = {}, root = modelsDir()): Promise<LoadedSet> {
  const problem = setNameProblem(name);
  if (problem) throw new Error(problem);
  const dir = path.join(root, name);
  const manifest = await readManifest(dir);
  await checkSizes(dir, manifest);
  const read = async (key: FileKey): Promise<Buffer> => {
    const buf = await readFile(path.join(dir, manifest.files[key].path));
    if (options.verify) {
      const sha = createHash('sha256').update(buf).digest('hex');
      if (sha !== manifest.files[key].sha256) throw new Error(`${manifest.files[key].path}: checksum mismatch (file corrupt)`);
    }
    return buf;
  };
  if (options.verify && overallChecksum(manifest.files) !== manifest.checksum) {
    throw new Error('manifest.json: overall checksum does not match the file checksums');
  }
  const words = parseVocab((await read('vocab')).toString('utf8'));
  if (words.length !== manifest.count) {
    throw new Error(`vocab.txt has ${words.length} words, manifest says ${manifest.count}`);
  }
  const f32 = (buf: Buffer) => new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const i8 = await read('vectors');
  return {
    manifest,
    words,
    q: new Int8Array(i8.buffer, i8.byteOffset, i8.byteLength),
    scales: f32(await read('scales')),
    norms: f32(await read('norms')),
    reference: options.reference ? f32(await read('reference')) : undefined,
  };
}
