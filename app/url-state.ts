'use client';
/** The page state in the address (lib/url-state.ts decides query or fragment), for the pages' components. */
import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { readUrlState, urlForState } from '@/lib/url-state';

/**
 * Puts `query` ("?a=1&b=2" or "") into the address without a reload, in the fragment when it is
 * long. The page's language (?lang=) stays, whatever the page's own state is.
 */
export function replaceUrlState(query: string): void {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const lang = currentUrlState().get('lang');
  if (lang && !params.has('lang')) params.set('lang', lang);
  window.history.replaceState(null, '', urlForState(window.location.pathname, params.toString()));
}

/** The parameters the page opened with (query and fragment), read once. */
export function useInitialUrlState(): URLSearchParams {
  const search = useSearchParams(); // suspends prerendering: this part renders in the browser
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => readUrlState(search.toString(), typeof window === 'undefined' ? '' : window.location.hash), []);
}

/** The current address's parameters (query and fragment). */
export const currentUrlState = (): URLSearchParams => readUrlState(window.location.search, window.location.hash);
