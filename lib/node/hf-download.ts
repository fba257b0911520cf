/**
 * The command line's downloads from the Hugging Face hub (or any HTTP server), on the shared
 * resumable core (lib/hub/download.ts) with a Node folder as its store: bytes go to
 * `<dest>.part`, a rerun resumes with a Range request, and `<dest>` appears only once the size
 * matches the server's and the caller's check passes. `fetch` is a parameter so tests can use a
 * local server.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { download, type FetchFn } from '../hub/download';
import { NetworkError } from '../hub/http-errors';
import { DEFAULT_HUB, hubFileUrl } from '../hub/hub-url';
import { KNOWN_GPT2, type KnownGpt2 } from '../gpt2/known-models';
import { FsStore } from './fs-store';

export type { FetchFn } from '../hub/download';
export { NetworkError } from '../hub/http-errors';

export type HfGpt2Model = 'gpt2' | 'distilgpt2' | 'gpt2-medium';
/** The checkpoints `npm run models:gpt2` knows (the app offers the same ones), with the sizes used to check a `--from` folder. */
export const HF_GPT2_MODELS = Object.fromEntries(KNOWN_GPT2.map((k) => [k.name, k])) as Record<HfGpt2Model, KnownGpt2>;

/** `https://huggingface.co/<repo>/resolve/<revision>/<file>`; HF_ENDPOINT points elsewhere (mirrors, tests). */
export function hfResolveUrl(repo: string, file: string, revision = 'main', endpoint = process.env.HF_ENDPOINT || DEFAULT_HUB): string {
  return hubFileUrl(endpoint, repo, revision, file);
}

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

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { verify, onProgress } = options;
  const store = new FsStore(path.dirname(options.dest));
  const { bytes, resumedFrom, restarted } = await download({
    url: options.url,
    store,
    name: path.basename(options.dest),
    fetch: options.fetch,
    onProgress: onProgress && ((p) => onProgress(p.loaded, p.total ?? undefined)),
    verify: verify && ((part) => verify(store.path(part))),
    resumeHint: 'run the command again to resume',
  });
  return { bytes, resumedFrom, restarted };
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
  const store = new FsStore(options.dir);
  await mkdir(options.dir, { recursive: true });
  for (const file of options.files) {
    const dest = store.path(file.name);
    if ((await store.size(file.name)) !== null) {
      try {
        await file.verify?.(dest);
        options.onFile?.(file.name, true);
        continue;
      } catch {
        await store.remove(file.name); // damaged since: fetch again
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
