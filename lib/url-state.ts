/**
 * Page state in the address: in the query (`?q=…`) while it is short, in the fragment (`#q=…`,
 * which browsers never send to the server) once it is long — a 100 KB expression or a
 * 20,000-word list in the query would make the next load's request too large for the server
 * (HTTP 431) before any of the page could answer.
 */

/** Longer queries go in the fragment. Servers accept 8–16 KB request heads; this leaves room for everything else. */
export const MAX_QUERY_CHARS = 4000;

/** The address for `query` ("?a=1&b=2", "a=1" or "") on `pathname`: query when short, fragment when long. */
export function urlForState(pathname: string, query: string): string {
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (text.length > MAX_QUERY_CHARS) return `${pathname}#${text}`;
  return `${pathname}${text ? `?${text}` : ''}`;
}

/** The page's parameters: the query's, with any parameter the fragment holds taking precedence. */
export function readUrlState(search: string, hash: string): URLSearchParams {
  const params = new URLSearchParams(search);
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.includes('=')) return params; // an anchor such as #step, not state
  const fromHash = new URLSearchParams(fragment);
  for (const key of new Set(fromHash.keys())) {
    params.delete(key);
    for (const v of fromHash.getAll(key)) params.append(key, v);
  }
  return params;
}
