'use client';
/**
 * A term explained where it is used: dotted underline, and the glossary's sentence on hover or
 * keyboard focus (a tooltip tied to the term with aria-describedby, so screen readers read it).
 */
import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import type { GlossaryId } from '@/lib/glossary';

/** `children`: the term as the sentence words it (default: the glossary's own word for it). */
export function Term({ id, children }: { id: GlossaryId; children?: ReactNode }) {
  const tip = useId();
  const t = useTranslations('glossary.terms');
  return (
    <span className="group relative inline-block">
      <span
        tabIndex={0}
        aria-describedby={tip}
        data-term={id}
        className="cursor-help underline decoration-zinc-400 decoration-dotted underline-offset-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
      >
        {children ?? t(`${id}.term`)}
      </span>
      <span
        role="tooltip"
        id={tip}
        className="pointer-events-none absolute bottom-full left-0 z-20 mb-1 hidden w-64 max-w-[80vw] rounded bg-zinc-900 p-2 text-xs font-normal normal-case leading-snug text-zinc-50 shadow-lg group-focus-within:block group-hover:block dark:bg-zinc-100 dark:text-zinc-900"
      >
        {t(`${id}.text`)}
      </span>
    </span>
  );
}
