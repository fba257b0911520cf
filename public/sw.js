/*
 * The static build's service worker (registered only there, by app/components/site-setup.tsx).
 *
 * 1. Cross-origin isolation on hosts that cannot send headers: every same-origin response it
 *    serves carries Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy:
 *    require-corp, so `crossOriginIsolated` is true and WebAssembly can use threads. (The page
 *    reloads once after the first visit, when this worker starts serving it.)
 * 2. Offline: pages and the app's scripts are kept (network first for pages, cache first for the
 *    content-hashed files under _next/static), and so are the vector sets, whose data URLs carry
 *    the set's checksum (?v=…) and never change. GPT-2 model files are not kept here: the GPT-2
 *    worker keeps them in the Origin Private File System itself. Cross-origin requests (the
 *    Hugging Face hub) pass through untouched.
 * 3. The app's security headers (security-headers.json, written by the build: a strict policy,
 *    and one that allows eval for the map page's WebGL plots), as the server build sends them.
 * 4. Content types by extension when a host sends none or a generic one (.mjs must be JavaScript
 *    for import(), .wasm must be application/wasm for streaming compilation).
 */
const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const SCOPE = new URL(self.registration.scope).pathname; // "/" or "/NAME/"
const SHELL = `wve-shell-${VERSION}`;
const DATA = 'wve-data';

/** The map page's WebGL plots compile their draw calls with new Function: only it gets eval. */
const NEEDS_EVAL = /^map(\/|$)/;
let policies; // { strict, withEval }: header maps, loaded once per worker start

async function securityHeaders() {
  policies ??= (async () => {
    const url = `${SCOPE}security-headers.json`;
    const response = (await caches.match(url)) ?? (await fetch(url, { cache: 'no-cache' }));
    return response.ok ? response.clone().json() : { strict: {}, withEval: {} };
  })().catch(() => ({ strict: {}, withEval: {} }));
  return policies;
}

const TYPES = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // The pages and scripts of this build, listed by scripts/build-static.ts. Best effort: a
      // failure here only means fewer pages work offline before they are first visited.
      try {
        const list = await (await fetch(`${SCOPE}precache.json?v=${VERSION}`, { cache: 'no-cache' })).json();
        const cache = await caches.open(SHELL);
        await cache.add(new Request(`${SCOPE}security-headers.json`, { cache: 'no-cache' }));
        await Promise.all(list.map((path) => cache.add(new Request(`${SCOPE}${path}`, { cache: 'no-cache' })).catch(() => undefined)));
      } catch {
        // no precache list: runtime caching still applies
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('wve-shell-') && key !== SHELL) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/** The response with the isolation and security headers and a usable content type (a new Response around the same body). */
async function isolate(response, url) {
  if (response.type === 'opaqueredirect' || response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  const { strict, withEval } = await securityHeaders();
  for (const [name, value] of Object.entries(NEEDS_EVAL.test(url.pathname.slice(SCOPE.length)) ? withEval : strict)) headers.set(name, value);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  const ext = /\.[a-z0-9]+$/.exec(url.pathname)?.[0];
  const type = headers.get('Content-Type');
  if (ext && TYPES[ext] && (!type || type.startsWith('application/octet-stream') || (ext === '.mjs' && !type.includes('javascript')))) headers.set('Content-Type', TYPES[ext]);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function networkFirst(request, url, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return isolate(response, url);
  } catch (error) {
    const kept = (await cache.match(request)) ?? (await cache.match(request, { ignoreSearch: true }));
    if (kept) return isolate(kept, url);
    throw error;
  }
}

async function cacheFirst(request, url, cacheName) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request);
  if (kept) return isolate(kept, url);
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return isolate(response, url);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return; // the hub, other sites: untouched
  const path = url.pathname.slice(SCOPE.length);
  if (request.headers.has('range') || (path.startsWith('models/') && !path.endsWith('.json'))) {
    event.respondWith(fetch(request).then((r) => isolate(r, url))); // model files: the GPT-2 worker keeps them itself
  } else if (path.startsWith('_next/static/')) {
    event.respondWith(cacheFirst(request, url, SHELL));
  } else if (path.startsWith('data/') && url.searchParams.has('v')) {
    event.respondWith(cacheFirst(request, url, DATA));
  } else {
    event.respondWith(networkFirst(request, url, SHELL)); // pages, listings, onnxruntime's files, icons
  }
});
