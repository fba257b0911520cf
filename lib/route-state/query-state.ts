/**
 * The analogy page's state from its URL (?q, ?method, ?honest, ?k, ?expect, ?word, ?set). Pure
 * (no React), so the page and the unit tests share it.
 */
import { METHODS, type Method } from '../vectors/methods';
import { DEFAULT_SET, pickSet } from '../vectors/set-index';

export interface QueryState {
  q: string;
  method: Method;
  honest: boolean;
  k: number;
  expect?: string;
  word?: string;
  set: string;
}

/** The page's state from its URL, with defaults; `sets` are the sets the page can open. */
export function queryStateFrom(params: URLSearchParams, sets: { name: string }[]): QueryState {
  const method = params.get('method');
  const k = Number(params.get('k'));
  return {
    q: params.get('q') ?? 'king - man + woman',
    method: METHODS.includes(method as Method) ? (method as Method) : '3cosadd',
    honest: params.get('honest') === '1',
    k: [5, 10, 20, 50].includes(k) ? k : 10,
    expect: params.get('expect') || undefined,
    word: params.get('word') || undefined,
    set: pickSet({ sets: sets.map((s) => ({ name: s.name, title: '' })), broken: [] }, params.get('set'), DEFAULT_SET) ?? DEFAULT_SET,
  };
}
