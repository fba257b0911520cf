/**
 * A local stand-in for the Hugging Face hub, for tests and offline development: it answers like
 * the real server so the browser and CLI downloads can be tested without the network.
 *
 * - Hub origin: `GET|HEAD /<owner>/<name>/resolve/<revision>/<file>` (or `/<name>/resolve/…`)
 *   serves `<root>/<owner>/<name>/<file>`. Revision `main` (or the folder's commit id, sent as
 *   X-Repo-Commit) maps to the folder. Small files are answered directly (200, ETag = the git
 *   blob id); LFS files (`*.safetensors`, …) get a 302 to the CDN origin with X-Linked-Size,
 *   X-Linked-ETag and ETag (the file's sha256). Errors as the hub sends them: an unknown repo is
 *   401 (404 with an Authorization header) with `X-Error-Code: RepoNotFound`; an unknown revision
 *   404 RevisionNotFound; a missing file 404 EntryNotFound.
 * - CDN origin (another port, so another origin): the bytes, by sha256, with Accept-Ranges,
 *   a strong ETag, Range (206, or 416 with the size in Content-Range), If-Range and HEAD.
 * - CORS on every response of both origins, as the hub sends it; OPTIONS preflights answered.
 * - Test controls on the hub origin: `POST /__control` {cutAfter, cutTimes, cutPauseMs, stallAfter, offline,
 *   ignoreRange} (DELETE resets), `GET /__log` (every file request) and `DELETE /__log`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoProblem } from '../hub/hub-url';

/** What the next CDN responses do wrong, set with `POST /__control`. */
export interface StandInControl {
  /** The next `cutTimes` CDN bodies end after this many bytes (the socket is destroyed). */
  cutAfter: number | null;
  cutTimes: number;
  /**
   * Before a cut the connection stays quiet this long (ms). A browser drops body bytes it has
   * received but not yet handed to the reader when the connection fails, so a test that needs a
   * part kept gives a busy page time to read what arrived.
   */
  cutPauseMs: number;
  /** The next CDN body sends this many bytes, then hangs (once). */
  stallAfter: number | null;
  /** Every hub and CDN request has its connection dropped without an answer. */
  offline: boolean;
  /** The CDN ignores Range and If-Range (always 200 with the whole file). */
  ignoreRange: boolean;
}

export interface StandInLogEntry {
  time: string;
  method: string;
  origin: 'hub' | 'cdn';
  path: string;
  range: string | null;
  ifRange: string | null;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** Body bytes sent. */
  bytes: number;
}

export interface HubStandIn {
  /** Base URL of the hub origin (what `?hub=` and HF_ENDPOINT take). */
  hub: string;
  /** Base URL of the CDN origin. */
  cdn: string;
  close(): Promise<void>;
}

/** Files the hub keeps in LFS, answered with a redirect to the CDN. */
const LFS_EXTENSIONS = ['.safetensors', '.bin', '.onnx', '.pt', '.pth', '.h5', '.msgpack', '.gguf'];

const EXPOSED = ['ETag', 'Content-Range', 'Accept-Ranges', 'Content-Length', 'X-Linked-Size', 'X-Linked-ETag', 'X-Repo-Commit', 'X-Error-Code', 'X-Error-Message'];
const ALLOWED_HEADERS = 'Range, If-Range, If-None-Match, Content-Type, Authorization';

const initialControl = (): StandInControl => ({ cutAfter: null, cutTimes: 0, cutPauseMs: 0, stallAfter: null, offline: false, ignoreRange: false });
const CONTROL_FIELDS = Object.keys(initialControl()) as (keyof StandInControl)[];

export async function startHubStandIn(options: { root: string; port?: number; cdnPort?: number; host?: string }): Promise<HubStandIn> {
  const root = path.resolve(options.root);
  const host = options.host ?? '127.0.0.1';
  let control = initialControl();
  const log: StandInLogEntry[] = [];
  const blobs = new Map<string, string>(); // sha256 -> file, filled as the hub redirects to the CDN
  const digests = new DigestCache();

  /** Common to both origins: CORS, preflights, the log and offline mode. */
  const handle =
    (origin: 'hub' | 'cdn', route: (req: IncomingMessage, res: ServerResponse, entry: StandInLogEntry, url: URL) => Promise<void>) =>
    (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED.join(', '));
      const controlPath = origin === 'hub' && url.pathname.startsWith('/__');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': controlPath ? 'GET, POST, DELETE' : 'GET, HEAD',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '86400',
        });
        res.end();
        return;
      }
      const entry: StandInLogEntry = {
        time: new Date().toISOString(),
        method: req.method ?? '',
        origin,
        path: req.url ?? '/',
        range: req.headers.range ?? null,
        ifRange: (req.headers['if-range'] as string | undefined) ?? null,
        status: 0,
        bytes: 0,
      };
      if (controlPath) {
        controlRoute(req, res, url).catch((e) => fail(res, e));
        return;
      }
      log.push(entry);
      // The status is logged when the headers go out, so a client that has read the whole body
      // finds it in the log (a 'close' event can come after the client's next request).
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        const sent = writeHead(...args);
        entry.status = res.statusCode;
        return sent;
      }) as typeof res.writeHead;
      if (control.offline) {
        req.socket.destroy();
        return;
      }
      route(req, res, entry, url).catch((e) => fail(res, e));
    };

  async function controlRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/__log') {
      if (req.method === 'GET') return json(res, 200, log);
      if (req.method === 'DELETE') {
        log.length = 0;
        return json(res, 200, log);
      }
    }
    if (url.pathname === '/__control') {
      if (req.method === 'GET') return json(res, 200, control);
      if (req.method === 'DELETE') {
        control = initialControl();
        return json(res, 200, control);
      }
      if (req.method === 'POST') {
        const problem = applyControl(control, await readBody(req));
        return problem ? json(res, 400, { error: problem }) : json(res, 200, control);
      }
    }
    json(res, 404, { error: `no control ${req.method} ${url.pathname}: use POST|GET|DELETE /__control, GET|DELETE /__log` });
  }

  async function hubRoute(req: IncomingMessage, res: ServerResponse, entry: StandInLogEntry, url: URL): Promise<void> {
    const m = /^\/(?:([^/]+)\/)?([^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendText(res, entry, 404, "Sorry, we can't find the page you are looking for.");
    }
    const [owner, name, revision, file] = [m[1], m[2], m[3], m[4]].map((s) => (s === undefined ? s : decodeURIComponent(s)));
    const repo = owner === undefined ? name : `${owner}/${name}`;
    const dir = path.join(root, ...repo.split('/'));
    if (repoProblem(repo) !== null || !(await stat(dir).catch(() => null))?.isDirectory()) {
      // Anonymous requests get 401 for missing, private and gated repos alike.
      return sendError(res, entry, req.headers.authorization ? 404 : 401, 'RepoNotFound', 'Repository not found');
    }
    const commit = await folderCommit(dir);
    if (revision !== 'main' && revision !== commit) return sendError(res, entry, 404, 'RevisionNotFound', `Invalid rev id: ${revision}`);
    const segments = file.split('/');
    const filePath = path.join(dir, ...segments);
    const info = segments.some((s) => s === '' || s === '.' || s === '..') ? null : await stat(filePath).catch(() => null);
    if (!info?.isFile()) return sendError(res, entry, 404, 'EntryNotFound', 'Entry not found');

    res.setHeader('X-Repo-Commit', commit);
    if (!LFS_EXTENSIONS.includes(path.extname(file))) {
      const etag = `"${await digests.of(filePath, 'git-blob')}"`;
      return serveFile(req, res, entry, filePath, info.size, etag, 'text/plain; charset=utf-8', false);
    }
    const sha = await digests.of(filePath, 'sha256');
    blobs.set(sha, filePath);
    const location = `${cdn}/repos/${repo}/${sha}`;
    const body = `Found. Redirecting to ${location}`;
    res.writeHead(302, {
      Location: location,
      'X-Linked-Size': String(info.size),
      'X-Linked-ETag': `"${sha}"`,
      ETag: `"${sha}"`,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
    });
    endWith(req, res, entry, body);
  }

  async function cdnRoute(req: IncomingMessage, res: ServerResponse, entry: StandInLogEntry, url: URL): Promise<void> {
    const sha = /^\/repos\/.+\/([0-9a-f]{64})$/.exec(url.pathname)?.[1];
    const file = sha ? blobs.get(sha) : undefined;
    const info = file ? await stat(file).catch(() => null) : null;
    // A link to content the hub no longer has (the file changed since) is gone, as on the real CDN.
    if (!sha || !file || !info?.isFile() || (await digests.of(file, 'sha256')) !== sha || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendText(res, entry, 404, 'The specified key does not exist.');
    }
    return serveFile(req, res, entry, file, info.size, `"${sha}"`, 'application/octet-stream', true);
  }

  /** 200, 206 or 416 as Range and If-Range ask; on the CDN, the control's cut, stall and ignoreRange apply. */
  async function serveFile(req: IncomingMessage, res: ServerResponse, entry: StandInLogEntry, file: string, size: number, etag: string, type: string, cdnSide: boolean): Promise<void> {
    const headers: Record<string, string> = { 'Accept-Ranges': 'bytes', ETag: etag, 'Content-Type': type };
    let [start, end, status] = [0, size - 1, 200];
    const range = cdnSide && control.ignoreRange ? null : parseRange(req.headers.range, size);
    const ifRange = req.headers['if-range'];
    if (range && (ifRange === undefined || ifRange === etag)) {
      if (range === 'unsatisfiable') {
        res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
        res.end();
        return;
      }
      [start, end, status] = [range.start, range.end, 206];
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    res.writeHead(status, { ...headers, 'Content-Length': String(end - start + 1) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let limit: { bytes: number; then: 'cut' | 'stall' } | null = null;
    if (cdnSide && control.cutAfter !== null && control.cutTimes > 0) {
      limit = { bytes: control.cutAfter, then: 'cut' };
      if (--control.cutTimes === 0) control.cutAfter = null;
    } else if (cdnSide && control.stallAfter !== null) {
      limit = { bytes: control.stallAfter, then: 'stall' };
      control.stallAfter = null;
    }
    const length = end - start + 1;
    const sent = await streamFile(res, entry, file, start, Math.min(length, limit?.bytes ?? length));
    if (!sent) return; // the client went away
    if (!limit || limit.bytes >= length) res.end();
    else if (limit.then === 'cut') {
      if (control.cutPauseMs > 0) await new Promise((resolve) => setTimeout(resolve, control.cutPauseMs));
      res.socket?.destroy();
    }
    // stall: leave the response open; close() drops the connection
  }

  const cdnServer = createServer(handle('cdn', cdnRoute));
  const hubServer = createServer(handle('hub', hubRoute));
  const cdn = await listen(cdnServer, host, options.cdnPort ?? 0);
  const hub = await listen(hubServer, host, options.port ?? 0);
  return {
    hub,
    cdn,
    close: async () => {
      for (const server of [hubServer, cdnServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** Merges a control request into `control`; returns a problem (naming the field) or null. */
function applyControl(control: StandInControl, body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  const count = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
  for (const key of Object.keys(b)) {
    if (!(CONTROL_FIELDS as readonly string[]).includes(key)) return `unknown field "${key}": use ${CONTROL_FIELDS.join(', ')}`;
  }
  for (const key of ['cutAfter', 'stallAfter'] as const) if (key in b && b[key] !== null && !count(b[key])) return `"${key}" must be a byte count or null`;
  if ('cutTimes' in b && !count(b.cutTimes)) return '"cutTimes" must be a count';
  if ('cutPauseMs' in b && !count(b.cutPauseMs)) return '"cutPauseMs" must be a number of milliseconds';
  for (const key of ['offline', 'ignoreRange'] as const) if (key in b && typeof b[key] !== 'boolean') return `"${key}" must be true or false`;
  if ('cutAfter' in b) {
    control.cutAfter = b.cutAfter as number | null;
    control.cutTimes = control.cutAfter === null ? 0 : ((b.cutTimes as number | undefined) ?? 1);
  } else if ('cutTimes' in b) control.cutTimes = b.cutTimes as number;
  if ('cutPauseMs' in b) control.cutPauseMs = b.cutPauseMs as number;
  if ('stallAfter' in b) control.stallAfter = b.stallAfter as number | null;
  if ('offline' in b) control.offline = b.offline as boolean;
  if ('ignoreRange' in b) control.ignoreRange = b.ignoreRange as boolean;
  return null;
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; null when absent or not one we honour (then the whole file is sent). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** Sends bytes start..start+count-1 of `file`, waiting for each chunk to be flushed; false when the client left. */
async function streamFile(res: ServerResponse, entry: StandInLogEntry, file: string, start: number, count: number): Promise<boolean> {
  if (count <= 0) return !res.destroyed;
  const stream = createReadStream(file, { start, end: start + count - 1 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!(await writeChunk(res, chunk))) return false;
      entry.bytes += chunk.length;
    }
    return true;
  } finally {
    stream.destroy();
  }
}

function writeChunk(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve(false);
    const onClose = () => resolve(false);
    res.once('close', onClose);
    res.write(chunk, (err) => {
      res.off('close', onClose);
      resolve(!err);
    });
  });
}

function endWith(req: IncomingMessage, res: ServerResponse, entry: StandInLogEntry, body: string): void {
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  entry.bytes += Buffer.byteLength(body);
  res.end(body);
}

function sendText(res: ServerResponse, entry: StandInLogEntry, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  endWith(res.req, res, entry, text);
}

function sendError(res: ServerResponse, entry: StandInLogEntry, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { 'X-Error-Code': code, 'X-Error-Message': message, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  endWith(res.req, res, entry, body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function fail(res: ServerResponse, e: unknown): void {
  if (res.headersSent) res.destroy();
  else json(res, 500, { error: (e as Error).message });
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return null;
  }
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(`http://${host}:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** A 40-hex id for the folder's current files (names, sizes, modification times), like a commit id. */
async function folderCommit(dir: string): Promise<string> {
  const hash = createHash('sha1');
  for (const name of (await readdir(dir)).sort()) {
    const info = await stat(path.join(dir, name), { bigint: true });
    hash.update(`${name}\0${info.size}\0${info.mtimeNs}\n`);
  }
  return hash.digest('hex');
}

/** sha256 (LFS) and git blob ids of files, recomputed only when a file changes. */
class DigestCache {
  private readonly cache = new Map<string, string>();

  async of(file: string, kind: 'sha256' | 'git-blob'): Promise<string> {
    const info = await stat(file, { bigint: true });
    const key = `${kind}\0${file}\0${info.ino}\0${info.size}\0${info.mtimeNs}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const hash = createHash(kind === 'sha256' ? 'sha256' : 'sha1');
    if (kind === 'git-blob') hash.update(`blob ${info.size}\0`);
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
    const digest = hash.digest('hex');
    this.cache.set(key, digest);
    return digest;
  }
}

export type RandomRepoSize = 'tiny' | 'small';

/**
 * Writes `<root>/<repo>/` as a random GPT-2 (seed 1, the weights `npm run models:random-gpt2`
 * builds) unless it is already there; config.json carries `"wve_random_test_model": true` so the
 * app never presents it as GPT-2. The folder appears whole (written aside, then renamed).
 * Returns false when the folder was already complete.
 */
export async function makeRandomRepo(root: string, size: RandomRepoSize, repo: string): Promise<boolean> {
  const problem = repoProblem(repo);
  if (problem) throw new Error(problem);
  const dir = path.join(path.resolve(root), ...repo.split('/'));
  const present = await Promise.all(['config.json', 'model.safetensors'].map((f) => stat(path.join(dir, f)).then((s) => s.isFile(), () => false)));
  if (present.every(Boolean)) return false;
  if (await stat(dir).catch(() => null)) throw new Error(`${dir} exists but lacks config.json or model.safetensors: remove it, or choose another repo`);

  const [{ randomGpt2Weights, TINY_CONFIG, SMALL_CONFIG }, { writeGpt2Folder, CONFIG_FILE }] = await Promise.all([import('../gpt2/test-weights'), import('./gpt2-convert')]);
  const temp = `${dir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  try {
    await writeGpt2Folder(temp, randomGpt2Weights(size === 'tiny' ? TINY_CONFIG : SMALL_CONFIG, 1));
    const configFile = path.join(temp, CONFIG_FILE);
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    await writeFile(configFile, JSON.stringify({ ...config, wve_random_test_model: true }, null, 2) + '\n');
    await rename(temp, dir);
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  return true;
}
