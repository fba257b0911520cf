/**
 * Errors of hub requests, worded for the reader: they name the URL or host and the HTTP status,
 * read the hub's `X-Error-Code` / `X-Error-Message` headers, and say what to do.
 */

/** The server could not be reached at all (offline, DNS failure, refused or dropped connection). */
export class NetworkError extends Error {}

/** The server answered with an error status. `code` is the hub's X-Error-Code (RepoNotFound, …) when sent. */
export class HubHttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** `host[:port]` of a URL, for messages. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * A NetworkError for a fetch that rejected. Node's fetch rejects with TypeError("fetch failed")
 * whose cause has the system error code; browsers give no detail ("Failed to fetch").
 */
export function networkError(url: string, e: unknown): NetworkError {
  const host = hostOf(url);
  const detail = systemErrorDetail(e);
  return new NetworkError(detail ? `cannot reach ${host}: ${detail}` : `cannot reach ${host} (offline?): ${(e as Error)?.message ?? String(e)}`);
}

const CODES: Record<string, string> = {
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENETUNREACH: 'network unreachable',
};

/** "connection refused, ECONNREFUSED" from a Node fetch error's cause; null without a code. */
function systemErrorDetail(e: unknown): string | null {
  const code = (e as { cause?: { code?: string } })?.cause?.code;
  if (!code) return null;
  return CODES[code] ? `${CODES[code]}, ${code}` : `${code}: ${(e as { cause: Error }).cause.message}`;
}

/** The most specific words for an error: the system error detail, the cause, or the message. */
export function describeError(e: unknown): string {
  const err = e as Error & { cause?: Error };
  return systemErrorDetail(e) ?? err?.cause?.message ?? err?.message ?? String(e);
}

/** What a status (and the hub's error code) most likely means, and what to do. */
function hint(status: number, code: string | null): string {
  if (code === 'GatedRepo') return 'the repository is gated: accept its terms on the hub and sign in with a token';
  if (code === 'RepoNotFound' || status === 401) return 'no such repository, or it is private or gated: check the owner/name spelling';
  if (code === 'RevisionNotFound') return 'no such revision: check the branch, tag or commit';
  if (code === 'EntryNotFound') return 'no such file in this repository and revision';
  if (status === 403) return 'access denied: the repository may be gated or private';
  if (status === 404) return 'no such file';
  if (status === 429) return 'too many requests: wait a minute and try again';
  if (status >= 500) return 'the server had a problem: try again later';
  return '';
}

/** A HubHttpError for a response with an error status (the body is not read). */
export function httpError(url: string, res: Response): HubHttpError {
  const code = res.headers.get('x-error-code');
  const serverSays = res.headers.get('x-error-message');
  const words = hint(res.status, code);
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  const message = `${url}: ${status}${words ? ` (${words})` : ''}${serverSays ? `; the server says "${serverSays}"` : ''}`;
  return new HubHttpError(message, url, res.status, code);
}
