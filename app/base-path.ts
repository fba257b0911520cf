/**
 * The sub-path the app is served under ('' at a site's root; '/REPO' for a GitHub Pages project
 * site). Next adds it to links and its own files; URLs the app fetches itself go through withBase.
 */
export const BASE_PATH = process.env.NEXT_PUBLIC_BASE_PATH ?? '';

export const withBase = (path: string): string => `${BASE_PATH}${path}`;
