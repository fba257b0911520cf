/**
 * Models kept in a ByteStore (the OPFS in the browser): one folder per repo and revision, named
 * `owner--name~revision` (a `/` in the revision becomes `~`; neither `--` in a repo nor `~` in a
 * revision is allowed, so the name reads back), holding the downloaded files, any builds made from
 * them, and `meta.json`:
 *
 *   { hub, repo, revision, etag, files: {name: bytes}, config, keptAt,
 *     builds: { [dtype]: { file, bytes, etag, builder } } }
 *
 * A build belongs to the repo, revision, weights ETag and dtype it was made from: one made from
 * another ETag is stale. meta.json is written atomically.
 */
import { readJson, storeBytes, writeJson, type ByteStore } from './byte-store';
import { checkHub, repoProblem, revisionProblem } from './hub-url';

export const META_FILE = 'meta.json';

export interface KeptBuild {
  /** File name in the model's folder. */
  file: string;
  bytes: number;
  /** ETag of the weights the build was made from. */
  etag: string | null;
  /** What made it (e.g. the graph builder's version), so a newer builder can tell. */
  builder: string;
}

export interface KeptMeta {
  hub: string;
  repo: string;
  revision: string;
  /** ETag of the weights file as downloaded. */
  etag: string | null;
  /** Downloaded files and their sizes. */
  files: Record<string, number>;
  /** config.json as downloaded. */
  config: Record<string, unknown>;
  /** ISO time of the download. */
  keptAt: string;
  builds: Record<string, KeptBuild>;
}

export interface BrokenKept {
  folder: string;
  problem: string;
}

/** The folder name for a repo and revision; throws on names the hub would not accept. */
export function keptFolderName(repo: string, revision: string): string {
  const problem = repoProblem(repo) ?? revisionProblem(revision);
  if (problem) throw new Error(problem);
  return `${repo.replace('/', '--')}~${revision.replaceAll('/', '~')}`;
}

/** The repo and revision a folder name stands for, or null when it is not such a name. */
export function parseKeptFolderName(folder: string): { repo: string; revision: string } | null {
  const at = folder.indexOf('~');
  if (at < 0) return null;
  const repo = folder.slice(0, at).replace('--', '/');
  const revision = folder.slice(at + 1).replaceAll('~', '/');
  if (repoProblem(repo) || revisionProblem(revision)) return null;
  return keptFolderName(repo, revision) === folder ? { repo, revision } : null;
}

/** The kept model's meta, or null when it is not kept; throws (naming the problem) when its meta.json is broken. */
export async function readKept(root: ByteStore, repo: string, revision: string): Promise<KeptMeta | null> {
  const folder = keptFolderName(repo, revision);
  const store = root.folder(folder);
  if ((await store.size(META_FILE)) === null) return null;
  return parseMeta(await readJson(store, META_FILE), folder);
}

/** Every kept model, and the folders that are not (an unfinished download, a broken meta.json). */
export async function listKept(root: ByteStore): Promise<{ models: KeptMeta[]; broken: BrokenKept[] }> {
  const models: KeptMeta[] = [];
  const broken: BrokenKept[] = [];
  for (const entry of await root.list()) {
    if (entry.kind !== 'folder') continue;
    const folder = entry.name;
    const store = root.folder(folder);
    try {
      if (!parseKeptFolderName(folder)) throw new Error('the folder name is not owner--name~revision');
      if ((await store.size(META_FILE)) === null) {
        const parts = (await store.list()).filter((e) => e.kind === 'file' && e.name.endsWith('.part'));
        const held = parts.map((e) => `${e.name} holds ${(e as { bytes: number }).bytes.toLocaleString('en')} bytes`);
        throw new Error(`no ${META_FILE}: ${held.length ? `an unfinished download (${held.join(', ')})` : 'not a kept model'}`);
      }
      models.push(parseMeta(await readJson(store, META_FILE), folder));
    } catch (e) {
      broken.push({ folder, problem: (e as Error).message });
    }
  }
  return { models, broken };
}

/**
 * Records a finished download (its files are already in the folder), replacing a broken
 * meta.json. Builds made from the same weights ETag are kept; builds of another ETag can never be
 * current again and are deleted.
 */
export async function recordDownload(
  root: ByteStore,
  download: Pick<KeptMeta, 'hub' | 'repo' | 'revision' | 'etag' | 'files' | 'config'>,
  now: Date = new Date(),
): Promise<KeptMeta> {
  const folder = keptFolderName(download.repo, download.revision);
  const store = root.folder(folder);
  const previous = await readKept(root, download.repo, download.revision).catch(() => null);
  const builds: Record<string, KeptBuild> = {};
  for (const [dtype, build] of Object.entries(previous?.builds ?? {})) {
    if (build.etag === download.etag) builds[dtype] = build;
    else if (!Object.hasOwn(download.files, build.file)) await store.remove(build.file);
  }
  const meta: KeptMeta = { ...download, keptAt: now.toISOString(), builds };
  parseMeta(meta, folder); // refuse to write what could not be read back
  await writeJson(store, META_FILE, meta);
  return meta;
}

/** Records a build written to the model's folder; it must be made from the kept weights' ETag. */
export async function recordBuild(root: ByteStore, repo: string, revision: string, dtype: string, build: KeptBuild): Promise<KeptMeta> {
  const meta = await readKept(root, repo, revision);
  if (!meta) throw new Error(`${repo}@${revision} is not kept: record its download before a build`);
  if (build.etag !== meta.etag) {
    throw new Error(`the ${dtype} build of ${repo}@${revision} was made from ETag ${build.etag}, but the kept weights have ETag ${meta.etag}: build again from the kept files`);
  }
  const store = root.folder(keptFolderName(repo, revision));
  const size = await store.size(build.file);
  if (size !== build.bytes) {
    throw new Error(`${store.location}/${build.file} holds ${size === null ? 'nothing' : `${size.toLocaleString('en')} bytes`}, not the ${build.bytes.toLocaleString('en')} bytes of the ${dtype} build: write the file first`);
  }
  const updated: KeptMeta = { ...meta, builds: { ...meta.builds, [dtype]: build } };
  await writeJson(store, META_FILE, updated);
  return updated;
}

/** The current build of `dtype` (made from the kept ETag, and by `builder` when given), or null. */
export function keptBuild(meta: KeptMeta, dtype: string, builder?: string): KeptBuild | null {
  const build = Object.hasOwn(meta.builds, dtype) ? meta.builds[dtype] : undefined;
  if (!build || build.etag !== meta.etag) return null;
  return builder === undefined || build.builder === builder ? build : null;
}

/** Removes a kept model's folder (files, builds and meta.json); nothing happens when it is not kept. */
export async function removeKept(root: ByteStore, repo: string, revision: string): Promise<void> {
  await root.remove(keptFolderName(repo, revision));
}

export interface KeptUsage {
  folder: string;
  /** Null for a folder whose name is not owner--name~revision. */
  repo: string | null;
  revision: string | null;
  bytes: number;
}

/** Bytes held per folder (kept, unfinished or broken alike) and in all. */
export async function keptUsage(root: ByteStore): Promise<{ folders: KeptUsage[]; total: number }> {
  const folders: KeptUsage[] = [];
  for (const entry of await root.list()) {
    if (entry.kind !== 'folder') continue;
    const named = parseKeptFolderName(entry.name);
    folders.push({ folder: entry.name, repo: named?.repo ?? null, revision: named?.revision ?? null, bytes: await storeBytes(root.folder(entry.name)) });
  }
  return { folders, total: folders.reduce((n, f) => n + f.bytes, 0) };
}

/** Checks a meta.json object field by field; errors name the field and the folder. */
function parseMeta(json: unknown, folder: string): KeptMeta {
  const fail = (what: string): never => {
    throw new Error(`${folder}/${META_FILE}: ${what}`);
  };
  if (!isObject(json)) return fail('not a JSON object');
  const m = json as Record<string, unknown>;
  for (const key of ['hub', 'repo', 'revision', 'keptAt'] as const) if (typeof m[key] !== 'string') fail(`"${key}" must be a string`);
  if (m.etag !== null && typeof m.etag !== 'string') fail('"etag" must be a string or null');
  if ('problem' in checkHub(m.hub as string)) fail(`"hub" ${JSON.stringify(m.hub)} is not an http(s) URL`);
  const nameProblem = repoProblem(m.repo as string) ?? revisionProblem(m.revision as string);
  if (nameProblem) fail(nameProblem);
  if (keptFolderName(m.repo as string, m.revision as string) !== folder) fail(`describes ${m.repo}@${m.revision}, which belongs in another folder`);
  if (!isObject(m.files) || !Object.values(m.files).every(isSize)) fail('"files" must map file names to sizes in bytes');
  if (!isObject(m.config)) fail('"config" must be the config.json object');
  if (!isObject(m.builds)) fail('"builds" must be an object');
  for (const [dtype, b] of Object.entries(m.builds as object)) {
    const ok = isObject(b) && typeof b.file === 'string' && isSize(b.bytes) && (b.etag === null || typeof b.etag === 'string') && typeof b.builder === 'string';
    if (!ok) fail(`build "${dtype}" must be {file, bytes, etag, builder}`);
  }
  return m as unknown as KeptMeta;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSize = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
