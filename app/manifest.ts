import type { MetadataRoute } from 'next';
import { withBase } from './base-path';

export const dynamic = 'force-static';

/** The web app manifest (/manifest.webmanifest): name, icon and colours for "install" and home-screen links. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Word vector explorer',
    short_name: 'Word vectors',
    description: 'Word vectors and LLM internals, explored in the browser: analogies, neighbours, maps, GPT-2.',
    start_url: withBase('/'),
    scope: withBase('/'),
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0369a1',
    icons: [{ src: withBase('/icon.svg'), sizes: 'any', type: 'image/svg+xml' }],
  };
}
