'use client';
/** Whether the page is in dark mode (the system setting, as Tailwind's dark: variant reads it), following changes. */
import { useEffect, useState } from 'react';

export function useDarkScheme(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    setDark(query.matches);
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark;
}
