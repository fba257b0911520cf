'use client';
/**
 * On the static build only: registers the service worker (public/sw.js) that adds the
 * cross-origin isolation headers a static host cannot send and keeps the site for offline use.
 * The first visit reloads once when the worker takes over, and says so; a browser without
 * service workers runs WebAssembly on one thread, and the page says that too.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { withBase } from '@/app/base-path';

const RELOADED = 'wve-isolation-reload';
/** How long a newly registered worker may take to control the page before the page says it runs without it. */
const TAKE_OVER_MS = 8000;

type Note = null | 'reloading' | 'no-service-worker' | 'not-isolated';

export function SiteSetup() {
  const t = useTranslations('site.setup');
  const [note, setNote] = useState<Note>(null);
  useEffect(() => {
    if (process.env.NEXT_PUBLIC_STATIC_BUILD !== '1') return;
    if (!('serviceWorker' in navigator)) {
      setNote('no-service-worker');
      return;
    }
    const reloadOnce = () => {
      if (crossOriginIsolated) return;
      if (sessionStorage.getItem(RELOADED)) {
        setNote('not-isolated'); // reloaded already and still not isolated: do not loop
        return;
      }
      sessionStorage.setItem(RELOADED, '1');
      setNote('reloading');
      window.location.reload();
    };
    navigator.serviceWorker
      .register(withBase(`/sw.js?v=${process.env.NEXT_PUBLIC_BUILD_ID || 'dev'}`), { scope: withBase('/') })
      .then(() => {
        if (crossOriginIsolated) sessionStorage.removeItem(RELOADED);
        else if (navigator.serviceWorker.controller) reloadOnce(); // served by the worker, but loaded before it added the headers
        else {
          navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
          // A worker that never takes over (blocked by the browser or a policy) leaves the page as it is: say so.
          setTimeout(() => !navigator.serviceWorker.controller && setNote('not-isolated'), TAKE_OVER_MS);
        }
      })
      .catch(() => setNote('no-service-worker'));
  }, []);

  if (!note) return null;
  return (
    <p role="status" data-testid="site-setup" data-note={note} className="mx-auto max-w-6xl px-4 pt-2 text-xs text-zinc-600 dark:text-zinc-400">
      {note === 'reloading' && t('reloading')}
      {note === 'no-service-worker' && t('noServiceWorker')}
      {note === 'not-isolated' && t('notIsolated')}
    </p>
  );
}
