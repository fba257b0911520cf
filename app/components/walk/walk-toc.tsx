'use client';
/** The walk's table of contents: every step by number and title, then the GPT-2 section. */
import { useTranslations } from 'next-intl';
import { GPT2_ANCHOR, stepAnchor, WALK_STEPS } from '@/lib/walk/steps';

const link = 'underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500';

export function WalkToc() {
  const t = useTranslations('walk');
  return (
    <nav id="walk-steps" aria-labelledby="walk-steps-title" className="scroll-mt-4 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h2 id="walk-steps-title" className="mb-1 font-medium">
        {t('contents')}
      </h2>
      <ol className="list-decimal pl-6 sm:columns-2 sm:gap-8">
        {WALK_STEPS.map((s) => (
          <li key={s.id} className="break-inside-avoid py-0.5">
            <a href={`#${stepAnchor(s.id)}`} data-testid="walk-toc-link" className={link}>
              {t(`steps.${s.id}.title`)}
            </a>
          </li>
        ))}
      </ol>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        <a href={`#${GPT2_ANCHOR}`} className={link}>
          {t('gpt2.title')}
        </a>
      </p>
    </nav>
  );
}
