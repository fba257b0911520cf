/**
 * The front page used to be the analogy page, and links to it were shared as `/?q=…` (or
 * `/#q=…` for long expressions). The walk now lives at `/`; an address that carries any of the
 * analogy page's parameters is sent on to `/analogies` with its query and fragment unchanged.
 */
import { readUrlState } from '../url-state';

/** The analogy page's URL parameters (lib/route-state/query-state.ts reads them). */
export const ANALOGY_PARAMS = ['q', 'method', 'honest', 'k', 'expect', 'word', 'set'] as const;

/**
 * Where the front page should send this address (path within the site, before any base path):
 * `/analogies` plus the same `search` and `hash`, or null when neither holds an analogy parameter.
 * `trailingSlash`: the static build's page addresses end in "/" (`/analogies/`).
 */
export function analogyRedirect(search: string, hash: string, trailingSlash = false): string | null {
  const params = readUrlState(search, hash);
  if (!ANALOGY_PARAMS.some((key) => params.has(key))) return null;
  return `/analogies${trailingSlash ? '/' : ''}${search}${hash}`;
}
