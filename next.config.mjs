/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
  // Node-only packages used by lib/node (CLI, server routes) must never enter client bundles.
  serverExternalPackages: ['onnxruntime-node'],
};

export default nextConfig;
