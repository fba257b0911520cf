import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, readUrlState, urlForState } from './url-state';

describe('urlForState', () => {
  it('keeps short state in the query and long state in the fragment, which is never sent to the server', () => {
    expect(urlForState('/map', '?words=king')).toBe('/map?words=king');
    expect(urlForState('/', '')).toBe('/');
    const long = `q=${'a'.repeat(MAX_QUERY_CHARS)}`;
    expect(urlForState('/', `?${long}`)).toBe(`/#${long}`);
  });
});

describe('readUrlState', () => {
  it('reads the query, lets fragment parameters override it, and ignores a plain anchor', () => {
    expect(readUrlState('?q=a&k=5', '#q=b').toString()).toBe('k=5&q=b');
    expect(readUrlState('?s=1&s=2', '#s=3&s=4').getAll('s')).toEqual(['3', '4']);
    expect(readUrlState('?q=a', '#step-3').toString()).toBe('q=a');
    expect(readUrlState('', '').toString()).toBe('');
  });

  it('round-trips a 100 KB expression through the fragment', () => {
    const q = 'king + '.repeat(15_000);
    const url = new URL(urlForState('/', new URLSearchParams({ q }).toString()), 'http://x');
    expect(url.search).toBe('');
    expect(readUrlState(url.search, url.hash).get('q')).toBe(q);
  });
});
