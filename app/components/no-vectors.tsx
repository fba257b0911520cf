'use client';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/** Shown when models/ holds no prepared vector set: what to run to get one. */
export function NoVectors() {
  const t = useTranslations('vectors.sets');
  return (
    <p role="alert" className="rounded border border-red-400 p-3 text-sm">
      {t.rich('none', { code: (c: ReactNode) => <code>{c}</code> })}
    </p>
  );
}
