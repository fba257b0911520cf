/**
 * Two builds from one source:
 *  - the server build (`npm start`, `npm run build`): Next serves the pages and, from models/,
 *    the vector sets and GPT-2 models through route handlers (files named `route.server.ts`);
 *  - the static build (`npm run build:static`, WVE_STATIC_EXPORT=1): plain files in out/ for any
 *    static host, optionally under a sub-path (BASE_PATH=/NAME); the route handlers are left out
 *    (scripts/build-static.ts copies the data as files) and a service worker supplies the
 *    cross-origin isolation headers a static host cannot send.
 */
const STATIC = process.env.WVE_STATIC_EXPORT === '1';
const basePath = process.env.BASE_PATH ?? '';
if (basePath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
  throw new Error(`BASE_PATH must look like /NAME (got "${basePath}")`);
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm start` prints http://127.0.0.1:PORT; the dev server must serve its own resources (hot
  // reload) to pages opened there too, not only on localhost.
  allowedDevOrigins: ['127.0.0.1'],
  basePath,
  // `route.server.ts` files exist only in the server build; the static build has no server.
  pageExtensions: STATIC ? ['tsx', 'ts'] : ['server.ts', 'tsx', 'ts'],
  env: {
    NEXT_PUBLIC_BASE_PATH: basePath,
    NEXT_PUBLIC_STATIC_BUILD: STATIC ? '1' : '',
    NEXT_PUBLIC_BUILD_ID: process.env.WVE_BUILD_ID ?? '',
  },
  ...(STATIC
    ? {
        output: 'export',
        // out/map/index.html: every static server answers /map/ (and redirects /map to it).
        trailingSlash: true,
      }
    : {
        // Cross-origin isolation: lets WebAssembly use threads (SharedArrayBuffer) and lets tests
        // measure memory with performance.measureUserAgentSpecificMemory(). Everything is same-origin.
        async headers() {
          return [
            {
              source: '/:path*',
              headers: [
                { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
                { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
              ],
            },
          ];
        },
      }),
  // Node-only packages used by lib/node (CLI, server routes) must never enter client bundles.
  serverExternalPackages: ['onnxruntime-node'],
};

export default nextConfig;
