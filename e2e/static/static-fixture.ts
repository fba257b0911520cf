/** The static sites the e2e run builds and serves with Python's http.server (playwright.config.ts). */
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 3300);
export const SUBPATH_PORT = STATIC_PORT + 1;
/** The sub-path build's base path, as a GitHub Pages project site would have it. */
export const STATIC_SUBPATH = 'wve';
export const SUBPATH_URL = `http://127.0.0.1:${SUBPATH_PORT}/${STATIC_SUBPATH}`;
