/**
 * The origins the GPT-2 hub loader may fetch from: the Content-Security-Policy's connect-src
 * beyond the site itself. Browser-safe (the page checks a ?hub= before using it).
 */

/** Where the hub and its file CDNs answer (huggingface.co redirects LFS files to *.hf.co), and the usual mirror. */
export const DEFAULT_HUB_ORIGINS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co', 'https://hf-mirror.com', 'https://*.hf-mirror.com'];

/** The env variable an operator lists extra hub origins in (space- or comma-separated), e.g. a mirror. */
export const HUB_ORIGINS_ENV = 'WVE_HUB_ORIGINS';

/** The hub origins the policy allows: the defaults plus valid http(s) origins from the env value; refuses anything else. */
export function hubOrigins(extra: string | undefined): string[] {
  const added = (extra ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((o) => {
      let url: URL;
      try {
        url = new URL(o);
      } catch {
        throw new Error(`${HUB_ORIGINS_ENV}: "${o}" is not a URL; give origins such as https://hub.example.org or http://127.0.0.1:3210`);
      }
      if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
        throw new Error(`${HUB_ORIGINS_ENV}: "${o}" must be an http(s) origin without a path, e.g. ${url.protocol}//${url.host}`);
      }
      return url.origin;
    });
  return [...new Set([...DEFAULT_HUB_ORIGINS, ...added])];
}

/** Whether `origin` (e.g. https://cas-bridge.xethub.hf.co) matches one of the allowed origins, `https://*.host` patterns included. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return allowed.some((pattern) => {
    const wild = /^(https?):\/\/\*\.(.+)$/.exec(pattern);
    if (!wild) return url.origin === pattern;
    return url.protocol === `${wild[1]}:` && url.port === '' && url.hostname.endsWith(`.${wild[2]}`);
  });
}
