/**
 * Abuse check of a running server's file routes (npm start or next start): open files of the
 * server process (/proc/PID/fd, sockets excluded) when idle, after N HEAD requests and after N GET requests aborted
 * after their first chunk; and how it answers Range, weak If-None-Match and a missing file.
 *
 * Usage: npx tsx scripts/check-file-routes.ts --url http://127.0.0.1:3000 --pid PID [--n 1000] [--json]
 */
import { readdir, readlink } from 'node:fs/promises';
import { intFlag, parseCli, runCli, UsageError } from './cli';

const USAGE = 'usage: npx tsx scripts/check-file-routes.ts --url URL --pid PID [--n 1000] [--json]';

runCli('check-file-routes', USAGE, async () => {
  const { values } = parseCli({ url: { type: 'string' }, pid: { type: 'string' }, n: { type: 'string' }, json: { type: 'boolean', default: false } }, false);
  if (!values.url || !values.pid) throw new UsageError('--url and --pid are required');
  const base = values.url.replace(/\/$/, '');
  const pid = intFlag(values.pid, 'pid', 0);
  const n = intFlag(values.n, 'n', 1000);
  const file = `${base}/data/glove-6b-100d/vectors.i8`;
  /** Open descriptors of the server other than network sockets (connections come and go with the client). */
  const fds = async () => {
    const targets = await Promise.all((await readdir(`/proc/${pid}/fd`)).map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
    return targets.filter((t) => t && !t.startsWith('socket:')).length;
  };
  // Closed connections take a moment to leave the table: wait (up to 10 s) for the count to stop falling.
  const settle = async () => {
    let last = Infinity;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await fds();
      if (now >= last) return;
      last = now;
    }
  };

  await (await fetch(file, { method: 'HEAD' })).arrayBuffer(); // warm the route
  await settle();
  const idle = await fds();
  let headStatus = 0;
  for (let i = 0; i < n; i++) headStatus = (await fetch(file, { method: 'HEAD' })).status;
  await settle();
  const afterHead = await fds();
  for (let i = 0; i < n; i++) {
    const abort = new AbortController();
    const res = await fetch(file, { signal: abort.signal });
    await res.body?.getReader().read();
    abort.abort();
  }
  await settle();
  const afterAbortedGet = await fds();

  const range = await fetch(file, { headers: { range: 'bytes=0-99' } });
  const rangeBytes = (await range.arrayBuffer()).byteLength;
  const etag = (await fetch(file, { method: 'HEAD' })).headers.get('etag');
  const weak = etag ? (await fetch(file, { method: 'HEAD', headers: { 'if-none-match': `W/${etag}` } })).status : null;
  const missing = await fetch(`${base}/models/no-such-model/model.onnx`);
  const report = {
    url: base,
    requests: n,
    openFiles: { idle, afterHead, afterAbortedGet },
    headStatus,
    range: { status: range.status, contentRange: range.headers.get('content-range'), bytes: rangeBytes, acceptRanges: range.headers.get('accept-ranges') },
    weakIfNoneMatch: weak,
    missing: { status: missing.status, body: (await missing.text()).slice(0, 200) },
  };
  console.log(values.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
});
