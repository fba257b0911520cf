/**
 * The response headers every page and file of the app carries (the server sets them on every
 * response, error pages included; the static build puts the policy in each page and its service
 * worker adds the headers). The Content-Security-Policy allows exactly what the app uses:
 *  - scripts from its own origin and the inline scripts Next writes into its pages, by hash;
 *    WebAssembly compilation ('wasm-unsafe-eval'); eval only on the map page, whose WebGL plots
 *    (Plotly's scattergl, drawn by regl) compile their draw calls with `new Function` — the other
 *    pages are loaded as documents of their own (the site's links are plain links), so they keep
 *    the stricter policy;
 *  - workers from its own origin (the vectors and GPT-2 workers, onnxruntime's threads);
 *  - styles from its own origin and inline ones (React style props, Plotly's injected sheets);
 *  - images from data: and blob: (Plotly's PNG/SVG downloads);
 *  - network: its own origin and the Hugging Face hub's origins (the GPT-2 hub loader), plus the
 *    origins an operator adds for a mirror or a test server;
 *  - no plugins, no framing, no foreign form targets or base URLs.
 */
import { createHash } from 'node:crypto';

export { DEFAULT_HUB_ORIGINS, HUB_ORIGINS_ENV, hubOrigins } from './origins';

/** sha256 sources for the inline <script> elements of a page (those without src). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return [...hashes].sort();
}

/** Pages (paths without the base path) whose scripts need eval: the map page (regl, above). */
export function pageNeedsEval(pathname: string): boolean {
  return /^\/map(\/|$)/.test(pathname);
}

export interface PolicyOptions {
  scriptHashes: string[];
  hubOrigins: string[];
  /** Allow eval (the map page only). */
  evalAllowed?: boolean;
  /** frame-ancestors works only as a header (not in a <meta> policy). */
  forMeta?: boolean;
}

export function contentSecurityPolicy({ scriptHashes, hubOrigins, evalAllowed = false, forMeta = false }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${evalAllowed ? " 'unsafe-eval'" : ''} ${scriptHashes.join(' ')}`.trim(),
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${hubOrigins.join(' ')}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(forMeta ? [] : ["frame-ancestors 'none'"]),
  ];
  return directives.join('; ');
}

/** Every header the app's responses carry, the policy included. */
export function securityHeaders(options: Omit<PolicyOptions, 'forMeta'>): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    // The hub and any other site learn nothing of the page that asked.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // Cross-origin isolation: WebAssembly threads (SharedArrayBuffer) and precise memory measurement.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  };
}
