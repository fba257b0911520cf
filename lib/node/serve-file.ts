/**
 * Serves one file from models/ for the app's routes, safely:
 *  - the real path (symlinks resolved) must stay inside models/, and be a regular file;
 *  - HEAD answers from `stat` and never opens the file;
 *  - GET streams with a reader that closes the file when the body ends, fails or is cancelled
 *    (a client that disconnects), and never throws afterwards;
 *  - single byte ranges (206; 416 when unsatisfiable; If-Range by strong comparison), and
 *    If-None-Match by weak comparison, lists and `*` included (RFC 9110 §13.1.2, §14);
 *  - a missing file is a 404 whose body names no machine path.
 */
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface ServeOptions {
  /** models/ (or another root every served file must stay inside). */
  root: string;
  /** The file, relative to root, e.g. "glove-6b-100d/vectors.i8". */
  relative: string;
  contentType: string;
  /** A strong entity tag, quotes included: "…". */
  etag: string;
}

/** Read size per chunk: 1 MB (64 KB makes the stream the bottleneck on localhost). */
const CHUNK = 1 << 20;

const COMMON = {
  'Accept-Ranges': 'bytes',
  // no-cache: revalidate with the ETag, so a rebuilt file is picked up at once; no-transform keeps
  // the body byte-exact (ranges, sizes) and uncompressed.
  'Cache-Control': 'no-cache, no-transform',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** A plain-text error response; `message` must name no machine path. */
export function notFound(message = 'not found'): Response {
  return new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...COMMON } });
}

/** The file's absolute path when it is a regular file whose real path stays inside root, else null. */
export async function resolveInside(root: string, relative: string): Promise<{ file: string; size: number; mtime: Date } | null> {
  try {
    const realRoot = await realpath(root);
    const file = await realpath(path.join(realRoot, relative));
    if (!file.startsWith(realRoot + path.sep)) return null; // a symlink that leaves the root
    const info = await stat(file);
    return info.isFile() ? { file, size: info.size, mtime: info.mtime } : null;
  } catch {
    return null;
  }
}

export async function serveFile(request: Request, options: ServeOptions): Promise<Response> {
  const found = await resolveInside(options.root, options.relative);
  if (!found) return notFound();
  const { size } = found;
  const headers: Record<string, string> = { ...COMMON, 'Content-Type': options.contentType, ETag: options.etag };

  if (matchesAny(request.headers.get('if-none-match'), options.etag, 'weak')) return new Response(null, { status: 304, headers });

  let start = 0;
  let end = size - 1; // inclusive
  let status = 200;
  const range = request.headers.get('range');
  const ifRange = request.headers.get('if-range');
  if (range && (ifRange === null || matchesAny(ifRange, options.etag, 'strong'))) {
    const parsed = parseRange(range, size);
    if (parsed === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    if (parsed) {
      [start, end] = parsed;
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
  }
  headers['Content-Length'] = String(Math.max(0, end - start + 1));
  if (request.method === 'HEAD') return new Response(null, { status, headers });
  return new Response(fileStream(found.file, start, end + 1), { status, headers });
}

/**
 * One `bytes=` range of a file of `size` bytes as [first, last] (inclusive); null when the header
 * is not a single byte range (then the whole file is sent, as RFC 9110 allows); 'unsatisfiable'
 * when it starts past the end.
 */
export function parseRange(header: string, size: number): [number, number] | null | 'unsatisfiable' {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]); // the last N bytes
    if (suffix === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const first = Number(m[1]);
  const last = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < first) return null; // malformed: ignore
  if (first >= size) return 'unsatisfiable';
  return [first, last];
}

/**
 * Whether an If-None-Match / If-Range header matches `etag`. Weak comparison ignores W/ on either
 * side (If-None-Match); strong comparison needs both strong and equal (If-Range). `*` matches any.
 */
export function matchesAny(header: string | null, etag: string, comparison: 'weak' | 'strong'): boolean {
  if (header === null) return false;
  const tags = header.match(/(?:W\/)?"[^"]*"|\*/g) ?? [];
  const opaque = (t: string) => t.replace(/^W\//, '');
  return tags.some((t) => {
    if (t === '*') return comparison === 'weak';
    if (comparison === 'strong') return !t.startsWith('W/') && !etag.startsWith('W/') && t === etag;
    return opaque(t) === opaque(etag);
  });
}

/** Bytes [start, end) of `file`, read on demand; the file is closed on end, error or cancel, once. */
function fileStream(file: string, start: number, end: number): ReadableStream<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  let at = start;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle?.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!handle) {
          const opened = await open(file, 'r');
          if (closed) {
            await opened.close(); // cancelled while opening
            return;
          }
          handle = opened;
        }
        const length = Math.min(CHUNK, end - at);
        if (length <= 0) {
          await close();
          controller.close();
          return;
        }
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, at);
        if (closed) return; // cancelled while reading: the controller is gone
        if (bytesRead === 0) {
          await close();
          controller.error(new Error('the file became shorter while it was being sent'));
          return;
        }
        at += bytesRead;
        controller.enqueue(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
      } catch (e) {
        await close();
        try {
          controller.error(e);
        } catch {
          // the stream was cancelled meanwhile
        }
      }
    },
    cancel: close,
  });
}
