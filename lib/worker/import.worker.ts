/// <reference lib="webworker" />
/**
 * The import worker: turns a vector file the user opened or dropped into a set kept in this
 * browser (OPFS `vector-sets/NAME/`), with the readers and rules of `npm run -s import`. The file
 * is read as a stream (`File.stream()`) and rows are quantised as they arrive, so a file of
 * several GB needs little memory; it never leaves the browser.
 *
 * One import per worker. A Web Lock per set name keeps two tabs from importing the same name at
 * once, and tells which unfinished folders belong to imports still running.
 */
import { OpfsStore } from '../hub/opfs-store';
import { readableChunks } from '../import/bytes';
import { ImportError } from '../import/errors';
import { importLocalSet, listLocalSets, localSetNameProblem, removeUnfinished } from '../vectors/local-sets';
import type { ImportRequest, ImportResponse, WireError } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

/** Lock names: this prefix and the set's name. */
const LOCK_PREFIX = 'wve-import:';

const post = (message: ImportResponse) => self.postMessage(message);
let controller: AbortController | undefined;

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const req = event.data;
  if (req.type === 'cancel') controller?.abort(new DOMException('the import was cancelled: nothing was kept', 'AbortError'));
  else if (!controller) void run(req);
};

async function run(req: Extract<ImportRequest, { type: 'import' }>): Promise<void> {
  controller = new AbortController();
  const t0 = performance.now();
  try {
    const problem = localSetNameProblem(req.name);
    if (problem) throw new ImportError(problem);
    if (req.serverNames.includes(req.name)) throw new ImportError(`"${req.name}" is the name of a set on this server: choose another name`);
    const { file } = req;
    const root = OpfsStore.open();
    const manifest = await navigator.locks.request(`${LOCK_PREFIX}${req.name}`, { ifAvailable: true }, async (lock) => {
      if (!lock) throw new ImportError(`"${req.name}" is being imported in another tab of this browser: wait for it, or choose another name`);
      await removeUnfinished(root, await runningImports());
      return importLocalSet(
        root,
        { label: file.name, fileName: file.name, totalBytes: file.size, chunks: readableChunks(file.stream()), reread: () => readableChunks(file.stream()) },
        {
          name: req.name,
          title: req.title,
          licence: req.licence,
          format: req.format,
          replace: req.replace,
          signal: controller!.signal,
          onProgress: (progress) => post({ type: 'progress', progress, ms: performance.now() - t0 }),
        },
      );
    });
    const { skipped, ...set } = manifest;
    const kept = (await listLocalSets(root)).sets.find((s) => s.manifest.name === set.name);
    post({ type: 'done', manifest: set, skipped, ms: performance.now() - t0, bytes: kept?.bytes ?? 0 });
  } catch (e) {
    post({ type: 'error', error: toWire(e) });
  }
}

/** The set names other imports hold a lock on now (this worker's own lock included). */
async function runningImports(): Promise<Set<string>> {
  const { held = [] } = await navigator.locks.query();
  return new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith(LOCK_PREFIX)).map((n) => n.slice(LOCK_PREFIX.length)));
}

function toWire(e: unknown): WireError {
  if (e instanceof ImportError) return { kind: 'import', message: e.message, where: e.where };
  if (e instanceof DOMException && e.name === 'AbortError') return { kind: 'cancelled', message: e.message };
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return { kind: 'other', message: "this browser's storage is full: remove kept vector sets or GPT-2 models (or free disk space) and try again" };
  }
  return { kind: 'other', message: e instanceof Error ? e.message : String(e) };
}
