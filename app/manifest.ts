import type { MetadataRoute } from 'next';
import { DEFAULT_LOCALE } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/translate';
import { withBase } from './base-path';

export const dynamic = 'force-static';

/**
 * The web app manifest (/manifest.webmanifest): name, icon and colours for "install" and
 * home-screen links. One static file serves every reader, so it speaks the default language.
 */
export default function manifest(): MetadataRoute.Manifest {
  const t = translatorFor(DEFAULT_LOCALE, 'site');
  return {
    name: t('title'),
    short_name: t('shortName'),
    description: t('manifestDescription'),
    lang: DEFAULT_LOCALE,
    start_url: withBase('/'),
    scope: withBase('/'),
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0369a1',
    icons: [{ src: withBase('/icon.svg'), sizes: 'any', type: 'image/svg+xml' }],
  };
}
