/**
 * The size of a hub file before downloading it: a HEAD request that follows the hub's redirect.
 * Offline gives null (the caller shows the size as unknown); an error status throws, worded like
 * a download's.
 */
import { defaultFetch, requestHeaders, type FetchFn } from './download';
import { httpError } from './http-errors';

export interface HubFileProbe {
  /** The file's size (X-Linked-Size when visible, else Content-Length), or null when not sent. */
  bytes: number | null;
  /** X-Linked-ETag when visible, else ETag, or null. */
  etag: string | null;
}

export async function probeHubFile(
  url: string,
  fetch: FetchFn = defaultFetch,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<HubFileProbe | null> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'HEAD', headers: requestHeaders(options.headers), signal: options.signal, cache: 'no-store' });
  } catch (e) {
    if (options.signal?.aborted) throw options.signal.reason ?? e;
    return null;
  }
  await res.body?.cancel();
  const linkedSize = res.headers.get('x-linked-size');
  // A redirect not followed (redirect: 'manual' outside browsers) still says the size.
  if (!res.ok && !(linkedSize !== null && res.status >= 300 && res.status < 400)) throw httpError(url, res);
  const size = linkedSize ?? res.headers.get('content-length');
  return {
    bytes: size !== null && /^\d+$/.test(size) ? Number(size) : null,
    etag: res.headers.get('x-linked-etag') ?? res.headers.get('etag'),
  };
}
