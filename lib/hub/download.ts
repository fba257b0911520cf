/**
 * One resumable download, for the browser worker and the command line alike.
 *
 * Bytes go to `<name>.part` in a ByteStore, with their origin in `<name>.part.json`
 * ({url, etag, total}). A later try asks for the rest with `Range: bytes=N-` and, when the ETag is
 * strong, `If-Range`: a 206 whose Content-Range starts at N is appended; a 200 (the server ignored
 * Range, or the file changed so If-Range failed) starts again from byte 0; a 416 discards the part
 * (or, when the part is exactly the current file, finishes it). `<name>` appears only when the
 * size matches what the server announced and the caller's check passes. A body that ends early
 * or stalls for `stallMs` keeps the part and throws an IncompleteDownloadError.
 *
 * Redirects are followed by fetch: the hub answers 302 to its CDN, and in a browser only the
 * CDN's headers are visible (Content-Range, Content-Length, ETag); the hub's X-Linked-Size and
 * X-Linked-ETag are used when a response carries them.
 */
import { checkName, readJson, writeJson, type ByteStore } from './byte-store';
import { describeError, hostOf, httpError, networkError } from './http-errors';

export interface FetchInit {
  method?: 'GET' | 'HEAD';
  headers: Record<string, string>;
  signal?: AbortSignal;
  cache?: 'no-store';
}
/** The part of `fetch` used here: pass `fetch` itself, or a stand-in in tests. */
export type FetchFn = (url: string, init: FetchInit) => Promise<Response>;

/** Calls the global fetch unbound (browsers reject a fetch called as a method of another object). */
export const defaultFetch: FetchFn = (url, init) => globalThis.fetch(url, init);

export interface DownloadProgress {
  /** Bytes of the file on hand, including those kept from an earlier try. */
  loaded: number;
  /** The file's size, or null when the server did not say. */
  total: number | null;
  /** Bytes kept from an earlier try (0 when starting from scratch). */
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  store: ByteStore;
  /** File name in the store; `<name>.part` and `<name>.part.json` hold an unfinished download. */
  name: string;
  fetch?: FetchFn;
  /** Called at the start, about every PROGRESS_STEP bytes, and at the end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Aborting keeps the part, like any interruption. */
  signal?: AbortSignal;
  /** Give up when no bytes arrive for this long (ms). */
  stallMs?: number;
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  /** Checks the complete `<name>.part` before it is renamed; a throw deletes it and is reported. */
  verify?: (partName: string) => Promise<void>;
  /** What the reader should do after an interruption (default RESUME_HINT). */
  resumeHint?: string;
}

export interface DownloadResult {
  bytes: number;
  /** Bytes kept from an earlier try and not fetched again. */
  resumedFrom: number;
  /** True when a partial file was discarded (server ignored Range, the file changed, or 416). */
  restarted: boolean;
  /** The file's ETag as the hub names it (X-Linked-ETag, else ETag), or null when none was visible. */
  etag: string | null;
}

/** The download stopped with its `.part` kept: another try resumes it. */
export class IncompleteDownloadError extends Error {
  constructor(
    message: string,
    readonly loaded: number,
    readonly total: number | null,
    /** Set when no bytes arrived for this long (ms): the stall watchdog stopped it. */
    readonly stalledFor: number | null = null,
    /** `host[:port]` the bytes came from. */
    readonly host = '',
  ) {
    super(message);
  }
}

export const PROGRESS_STEP = 1 << 20;
export const DEFAULT_STALL_MS = 30_000;
export const RESUME_HINT = 'try again — the download resumes';

interface PartInfo {
  url: string;
  etag: string | null;
  total: number | null;
}

/** Request headers for this environment: Node may ask for an unencoded body, browsers forbid it. */
export function requestHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const node = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  // identity: a compressed body would not match Content-Length or byte ranges.
  return { ...(node ? { 'accept-encoding': 'identity' } : {}), ...extra };
}

/** Downloads `url` into `store` as `name`, resuming a part left by an earlier try. */
export async function download(options: DownloadOptions): Promise<DownloadResult> {
  checkName(options.name);
  const first = await attempt(options);
  if (first !== 'restart') return first;
  // The part was discarded: this second try starts from byte 0, so it cannot ask to restart.
  const second = await attempt(options);
  if (second === 'restart') throw new Error(`${options.url}: the download restarted twice; try again`);
  return { ...second, restarted: true };
}

async function attempt(options: DownloadOptions): Promise<DownloadResult | 'restart'> {
  const { url, store, name } = options;
  const part = `${name}.part`;
  const info = `${part}.json`;
  let have = (await store.size(part)) ?? 0;
  const previous = have > 0 ? await readPartInfo(store, info) : null;
  if (previous?.url !== url) have = 0; // unknown origin: do not splice it onto this file

  const headers = requestHeaders(options.headers);
  const ifRange = have > 0 && previous?.etag && !previous.etag.startsWith('W/') ? previous.etag : null;
  if (have > 0) headers.range = `bytes=${have}-`;
  if (ifRange) headers['if-range'] = ifRange;

  const guard = new Watchdog(options.stallMs ?? DEFAULT_STALL_MS, options.signal);
  const hint = options.resumeHint ?? RESUME_HINT;
  try {
    let res: Response;
    try {
      res = await (options.fetch ?? defaultFetch)(url, { headers, signal: guard.signal, cache: 'no-store' });
    } catch (e) {
      throw guard.explain(e, url, 0, null, hint) ?? networkError(url, e);
    }

    if (res.status === 416 && have > 0) {
      await res.body?.cancel();
      const size = /^bytes \*\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
      if (ifRange && size && Number(size[1]) === have && previous?.total === have) {
        // If-Range matched and nothing is left to send: the part is already the whole current file.
        options.onProgress?.({ loaded: have, total: have, resumedFrom: have });
        return await finish(options, have, have, previous.etag);
      }
      await discard(store, part, info);
      return 'restart';
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw httpError(url, res);
    }

    const plan = interpret(res, url, have, previous);
    if (plan === 'restart') {
      await res.body?.cancel();
      await discard(store, part, info);
      return 'restart';
    }
    const etag = res.headers.get('etag');
    await writeJson(store, info, { url, etag, total: plan.total } satisfies PartInfo);
    const loaded = await receive(res, options, part, plan.start, plan.total, guard, hint);
    const { total } = plan;
    if (total !== null && loaded < total) {
      throw new IncompleteDownloadError(`download of ${url} ended early: ${bytes(loaded)} of ${bytes(total)} bytes arrived; ${hint}`, loaded, total, null, hostOf(url));
    }
    // Only a body the fetch decoded (gzip whose Content-Encoding a browser hides) outgrows its
    // Content-Length, and then the length says nothing; a size from Content-Range or X-Linked-Size must match.
    if (total !== null && loaded > total && plan.totalFrom !== 'content-length') {
      await discard(store, part, info);
      throw new Error(`${url}: ${bytes(loaded)} bytes arrived but the server announced ${bytes(total)}; the partial file was deleted, try again`);
    }
    return await finish(options, loaded, plan.start, res.headers.get('x-linked-etag') ?? etag, have > 0 && plan.start === 0);
  } finally {
    guard.stop();
  }
}

interface Plan {
  /** Byte of the file the body starts at (the bytes kept from the part). */
  start: number;
  total: number | null;
  totalFrom: 'content-range' | 'content-length' | 'x-linked-size' | null;
}

/** Where the response's body goes in the file, and the file's size; 'restart' when the part is not a prefix of it. */
function interpret(res: Response, url: string, have: number, previous: PartInfo | null): Plan | 'restart' {
  if (res.status === 206) {
    const range = res.headers.get('content-range');
    const length = res.headers.get('content-length');
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(range ?? '');
    let total: number | null;
    if (m && Number(m[1]) === have) total = m[3] === '*' ? null : Number(m[3]);
    // A CDN that hides Content-Range from scripts (CORS): a 206 exactly as long as the rest is the rest.
    else if (range === null && previous?.total != null && length !== null && have + Number(length) === previous.total) total = previous.total;
    else throw new Error(`${url}: the server answered a request for bytes ${have}- with Content-Range "${range}"`);
    // A server that ignores If-Range can still give away a changed file by its size or ETag.
    const etag = res.headers.get('etag');
    if ((previous?.total != null && total !== null && total !== previous.total) || (previous?.etag && etag && etag !== previous.etag)) return 'restart';
    return { start: have, total, totalFrom: total === null ? null : 'content-range' };
  }
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const length = res.headers.get('content-length');
  if (length !== null && !encoded) return { start: 0, total: Number(length), totalFrom: 'content-length' };
  const linked = res.headers.get('x-linked-size');
  if (linked !== null) return { start: 0, total: Number(linked), totalFrom: 'x-linked-size' };
  return { start: 0, total: null, totalFrom: null };
}

/** Streams the body onto the part; returns the bytes of the file on hand. */
async function receive(res: Response, options: DownloadOptions, part: string, start: number, total: number | null, guard: Watchdog, hint: string): Promise<number> {
  const { store, url, onProgress } = options;
  const writer = await store.writer(part, { append: start > 0 });
  const reader = res.body?.getReader();
  let loaded = start;
  let reported = start;
  onProgress?.({ loaded, total, resumedFrom: start });
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array> | undefined;
      try {
        chunk = await reader?.read();
      } catch (e) {
        const where = `${bytes(loaded)}${total !== null ? ` of ${bytes(total)}` : ''} bytes`;
        throw (
          guard.explain(e, res.url || url, loaded, total, hint) ??
          new IncompleteDownloadError(`download of ${url} stopped at ${where} (${describeError(e)}); ${hint}`, loaded, total, null, hostOf(url))
        );
      }
      if (!chunk || chunk.done) break;
      try {
        await writer.write(chunk.value);
      } catch (e) {
        await reader?.cancel().catch(() => undefined);
        throw new Error(`cannot write ${store.location}/${part} after ${bytes(loaded)} bytes: ${describeError(e)}`);
      }
      loaded += chunk.value.byteLength;
      guard.kick();
      if (loaded - reported >= PROGRESS_STEP) {
        reported = loaded;
        onProgress?.({ loaded, total, resumedFrom: start });
      }
    }
  } finally {
    await writer.close();
  }
  if (loaded !== reported) onProgress?.({ loaded, total, resumedFrom: start });
  return loaded;
}

/** Checks the complete part, then gives it its name. */
async function finish(options: DownloadOptions, loaded: number, start: number, etag: string | null, restarted = false): Promise<DownloadResult> {
  const { store, name } = options;
  const part = `${name}.part`;
  const info = `${part}.json`;
  if (options.verify) {
    try {
      await options.verify(part);
    } catch (e) {
      await discard(store, part, info);
      throw new Error(`downloaded ${name} is not usable and was deleted: ${(e as Error).message}`, { cause: e });
    }
  }
  await store.rename(part, name);
  await store.remove(info);
  return { bytes: loaded, resumedFrom: start, restarted, etag };
}

async function discard(store: ByteStore, part: string, info: string): Promise<void> {
  await store.remove(part);
  await store.remove(info);
}

async function readPartInfo(store: ByteStore, name: string): Promise<PartInfo | null> {
  if ((await store.size(name)) === null) return null;
  try {
    const info = (await readJson(store, name)) as PartInfo;
    return typeof info?.url === 'string' ? info : null;
  } catch {
    return null; // unreadable: the part is not resumed
  }
}

const bytes = (n: number) => n.toLocaleString('en');

/**
 * Aborts the request when no bytes arrive for `ms`, or when the caller's signal aborts, and
 * turns the resulting rejection into the error the reader should see.
 */
class Watchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stalled = false;
  private readonly onAbort = () => this.controller.abort(this.outer?.reason);

  constructor(
    private readonly ms: number,
    private readonly outer?: AbortSignal,
  ) {
    if (outer?.aborted) this.onAbort();
    outer?.addEventListener('abort', this.onAbort);
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Restarts the countdown (call on every chunk). */
  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stalled = true;
      this.controller.abort(new Error(`no data for ${this.ms} ms`));
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onAbort);
  }

  /** The stall error or the caller's abort reason for a rejection caused by this watchdog, else null. */
  explain(e: unknown, from: string, loaded: number, total: number | null, hint: string): unknown {
    if (this.stalled) {
      const where = loaded > 0 ? ` after ${bytes(loaded)}${total !== null ? ` of ${bytes(total)}` : ''} bytes` : '';
      return new IncompleteDownloadError(`no data for ${this.ms / 1000} s from ${hostOf(from)}${where}; ${hint}`, loaded, total, this.ms, hostOf(from));
    }
    if (this.outer?.aborted) return this.outer.reason ?? e;
    return null;
  }
}
