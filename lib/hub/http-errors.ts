/**
 * Errors of hub requests, worded for the reader: they name the URL or host and the HTTP status,
 * read the hub's `X-Error-Code` / `X-Error-Message` headers, and say what to do.
 */

/** The server could not be reached at all (offline, DNS failure, refused or dropped connection). */
export class NetworkError extends Error {
  constructor(
    message: string,
    /** `host[:port]` that could not be reached ('' when unknown). */
    readonly host = '',
  ) {
    super(message);
  }
}

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
  return new NetworkError(detail ? `cannot reach ${host}: ${detail}` : `cannot reach ${host} (offline?): ${(e as Error)?.message ?? String(e)}`, host);
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

/** What a status (and the hub's error code) most likely means: a key the pages word in the reader's language. */
export type HttpReason = 'gated' | 'repoNotFound' | 'revisionNotFound' | 'entryNotFound' | 'forbidden' | 'notFound' | 'rateLimited' | 'serverError' | 'other';

export function httpReason(status: number, code: string | null): HttpReason {
  if (code === 'GatedRepo') return 'gated';
  if (code === 'RepoNotFound' || status === 401) return 'repoNotFound';
  if (code === 'RevisionNotFound') return 'revisionNotFound';
  if (code === 'EntryNotFound') return 'entryNotFound';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'serverError';
  return 'other';
}

/** Each reason in English, and what to do. */
const HINTS: Record<HttpReason, string> = {
  gated: 'the repository is gated: accept its terms on the hub and sign in with a token',
  repoNotFound: 'no such repository, or it is private or gated: check the owner/name spelling',
  revisionNotFound: 'no such revision: check the branch, tag or commit',
  entryNotFound: 'no such file in this repository and revision',
  forbidden: 'access denied: the repository may be gated or private',
  notFound: 'no such file',
  rateLimited: 'too many requests: wait a minute and try again',
  serverError: 'the server had a problem: try again later',
  other: '',
};

/** A HubHttpError for a response with an error status (the body is not read). */
export function httpError(url: string, res: Response): HubHttpError {
  const code = res.headers.get('x-error-code');
  const serverSays = res.headers.get('x-error-message');
  const words = HINTS[httpReason(res.status, code)];
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  const message = `${url}: ${status}${words ? ` (${words})` : ''}${serverSays ? `; the server says "${serverSays}"` : ''}`;
  return new HubHttpError(message, url, res.status, code);
}
