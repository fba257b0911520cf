/**
 * Downloads files from the Hugging Face hub (or any HTTP server) with resume: bytes go to
 * `<dest>.part` (its origin in `<dest>.part.json`), a rerun asks for the rest with an HTTP Range
 * request (If-Range with the ETag, so a changed file restarts), a server that ignores Range
 * restarts the file from byte 0, and `<dest>` appears only once the size matches the server's and
 * the caller's check passes. `fetch` is a parameter so tests can use a local server.
 */
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAll } from './safetensors-file';

export type FetchFn = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

/** The checkpoints `npm run models:gpt2` knows, with the sizes used to check a `--from` folder. */
export const HF_GPT2_MODELS = {
  gpt2: { repo: 'openai-community/gpt2', label: 'GPT-2 small (124M)', nLayer: 12, nEmbd: 768, downloadMB: 548 },
  distilgpt2: { repo: 'distilbert/distilgpt2', label: 'DistilGPT-2 (82M)', nLayer: 6, nEmbd: 768, downloadMB: 353 },
  'gpt2-medium': { repo: 'openai-community/gpt2-medium', label: 'GPT-2 medium (355M)', nLayer: 24, nEmbd: 1024, downloadMB: 1520 },
} as const;
export type HfGpt2Model = keyof typeof HF_GPT2_MODELS;

/** `https://huggingface.co/<repo>/resolve/<revision>/<file>`; HF_ENDPOINT points elsewhere (mirrors, tests). */
export function hfResolveUrl(repo: string, file: string, revision = 'main', endpoint = process.env.HF_ENDPOINT || 'https://huggingface.co'): string {
  return `${endpoint.replace(/\/+$/, '')}/${repo}/resolve/${revision}/${file}`;
}

/** The server could not be reached at all (no network, DNS failure, refused connection). */
export class NetworkError extends Error {}

export interface DownloadOptions {
  url: string;
  dest: string;
  fetch: FetchFn;
  onProgress?: (done: number, total: number | undefined) => void;
  /** Runs on the complete `.part` file before it is renamed; throw to reject it (it is then deleted). */
  verify?: (file: string) => Promise<void>;
}

export interface DownloadResult {
  bytes: number;
  /** Bytes that were already on disk and not fetched again. */
  resumedFrom: number;
  /** True when a partial file had to be discarded (server ignored Range, or the file changed). */
  restarted: boolean;
}

interface PartInfo {
  url: string;
  etag: string | null;
  total: number | null;
}

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { url, dest, onProgress } = options;
  const part = `${dest}.part`;
  const infoFile = `${part}.json`;
  let have = (await stat(part).catch(() => null))?.size ?? 0;
  const previous = await readPartInfo(infoFile);
  if (have > 0 && previous?.url !== url) have = 0; // unknown origin: do not splice it onto this file

  // identity: a compressed body would not match Content-Length or byte ranges.
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (have > 0) {
    headers.range = `bytes=${have}-`;
    if (previous?.etag && !previous.etag.startsWith('W/')) headers['if-range'] = previous.etag;
  }
  let res: Response;
  try {
    res = await options.fetch(url, { headers });
  } catch (e) {
    throw networkError(url, e);
  }

  if (res.status === 416 && have > 0) {
    // The partial file is not a prefix of what the server has now: start again.
    await res.body?.cancel();
    await rm(part, { force: true });
    await rm(infoFile, { force: true });
    return { ...(await downloadFile(options)), restarted: true };
  }
  if (!res.ok) {
    await res.body?.cancel();
    const hint = res.status === 401 || res.status === 403 ? ' (the repository may be gated or private)' : res.status === 404 ? ' (no such file)' : '';
    throw new Error(`${url}: HTTP ${res.status} ${res.statusText}${hint}`);
  }

  let start = 0;
  let total: number | undefined;
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
  if (res.status === 206 && range && Number(range[1]) === have) {
    start = have;
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else if (res.status === 206) {
    throw new Error(`${url}: the server answered a request for bytes ${have}- with "${res.headers.get('content-range')}"`);
  } else {
    const length = res.headers.get('content-length');
    const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
    total = length !== null && !encoded ? Number(length) : undefined;
  }
  const restarted = have > 0 && start === 0;
  await writeFile(infoFile, JSON.stringify({ url, etag: res.headers.get('etag'), total: total ?? null } satisfies PartInfo));

  const handle = await open(part, start > 0 ? 'a' : 'w');
  let done = start;
  try {
    onProgress?.(done, total);
    const reader = res.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
      await writeAll(handle, chunk.value);
      done += chunk.value.byteLength;
      onProgress?.(done, total);
    }
    await handle.sync();
  } catch (e) {
    throw new Error(`download of ${url} stopped at ${done.toLocaleString('en')}${total ? ` of ${total.toLocaleString('en')}` : ''} bytes (${describe(e)}); run the command again to resume`);
  } finally {
    await handle.close();
  }
  if (total !== undefined && done !== total) {
    throw new Error(`download of ${url} ended early: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} bytes; run the command again to resume`);
  }
  if (options.verify) {
    try {
      await options.verify(part);
    } catch (e) {
      await rm(part, { force: true });
      await rm(infoFile, { force: true });
      throw new Error(`downloaded ${path.basename(dest)} is not usable and was deleted: ${(e as Error).message}`);
    }
  }
  await rename(part, dest);
  await rm(infoFile, { force: true });
  return { bytes: done, resumedFrom: start, restarted };
}

async function readPartInfo(file: string): Promise<PartInfo | null> {
  try {
    const info = JSON.parse(await readFile(file, 'utf8'));
    return typeof info?.url === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** fetch rejects with TypeError("fetch failed") whose cause has the system error code. */
function networkError(url: string, e: unknown): NetworkError {
  const host = new URL(url).host;
  return new NetworkError(`cannot reach ${host}: ${describe(e)}`);
}

const CODES: Record<string, string> = {
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  ENETUNREACH: 'network unreachable',
};

function describe(e: unknown): string {
  const err = e as Error & { cause?: Error & { code?: string } };
  const code = err.cause?.code;
  if (code) return CODES[code] ? `${CODES[code]}, ${code}` : `${code}: ${err.cause!.message}`;
  return err.cause?.message ?? err.message ?? String(e);
}

/** What to tell a user without network: the exact alternative with `--from`. */
export function offlineHelp(model: HfGpt2Model, reason: string): string {
  const { repo } = HF_GPT2_MODELS[model];
  return [
    `cannot download ${repo} from the Hugging Face hub (${reason}).`,
    'This machine seems to have no network access to huggingface.co.',
    'On a machine with network, fetch the two files, e.g.',
    `  huggingface-cli download ${repo} model.safetensors config.json --local-dir ${model}`,
    `or from https://huggingface.co/${repo}/tree/main, copy the folder here, then run`,
    `  npm run models:gpt2 -- --model ${model} --from ${model}`,
    '(--from DIR: a folder holding model.safetensors and config.json).',
  ].join('\n');
}

/**
 * Downloads `files` of `repo` into `dir` (kept there, so a rerun or a second dtype needs no
 * network); files already complete are not fetched again. Throws `offlineHelp` without network.
 */
export async function downloadHfFiles(options: {
  model: HfGpt2Model;
  files: { name: string; verify?: (file: string) => Promise<void> }[];
  dir: string;
  fetch: FetchFn;
  onFile?: (name: string, cached: boolean) => void;
  onProgress?: (name: string, done: number, total: number | undefined) => void;
}): Promise<void> {
  const { repo } = HF_GPT2_MODELS[options.model];
  await mkdir(options.dir, { recursive: true });
  for (const file of options.files) {
    const dest = path.join(options.dir, file.name);
    const cached = await stat(dest).then(
      () => true,
      () => false,
    );
    if (cached) {
      try {
        await file.verify?.(dest);
        options.onFile?.(file.name, true);
        continue;
      } catch {
        await rm(dest, { force: true }); // damaged since: fetch again
      }
    }
    options.onFile?.(file.name, false);
    try {
      await downloadFile({
        url: hfResolveUrl(repo, file.name),
        dest,
        fetch: options.fetch,
        verify: file.verify,
        onProgress: (done, total) => options.onProgress?.(file.name, done, total),
      });
    } catch (e) {
      if (e instanceof NetworkError) throw new NetworkError(offlineHelp(options.model, e.message));
      throw e;
    }
  }
}
