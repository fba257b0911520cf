'use client';
/**
 * One step of the walk: a <section> with its own id (`/#step-…` opens the walk there), a heading
 * the keyboard can land on, the explanation in two or three short paragraphs, the live widget, the
 * link to the full page, and links to the previous and next steps.
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { stepAnchor, type WalkStep } from '@/lib/walk/steps';
import { RichText } from './rich-text';

interface Props {
  step: WalkStep;
  /** 1-based. */
  number: number;
  total: number;
  previous?: WalkStep;
  next?: WalkStep;
  widget: ReactNode;
  href: string;
  /** More links under the main one (the training page for step 8). */
  more?: { href: string; label: string }[];
  /** A note under the step's paragraphs (the first word-vector step says its words stay English). */
  note?: ReactNode;
}

const link = 'text-sky-700 underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-400';

export function WalkSection({ step, number, total, previous, next, widget, href, more = [], note }: Props) {
  const t = useTranslations('walk');
  const id = stepAnchor(step.id);
  const title = (s: WalkStep) => t(`steps.${s.id}.title`);
  return (
    <section id={id} aria-labelledby={`${id}-title`} data-testid="walk-step" data-step={step.id} className="scroll-mt-4 space-y-3 border-t border-zinc-200 pt-6 dark:border-zinc-800">
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('stepNumber', { n: number, total, part: t(`parts.${step.part}`) })}</p>
      <h2 id={`${id}-title`} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {title(step)}
      </h2>
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="max-w-prose space-y-3 text-[15px] leading-relaxed">
          {step.paragraphs.map((p) => (
            <p key={p}>
              <RichText id={`steps.${step.id}.${p}`} />
            </p>
          ))}
          {note}
        </div>
        <div className="min-w-0 rounded border border-zinc-200 p-3 dark:border-zinc-800">{widget}</div>
      </div>
      <ul className="space-y-1 text-sm">
        <li>
          <a href={href} data-testid="walk-link" data-step={step.id} className={`${link} font-medium`}>
            {t(`steps.${step.id}.link`)} <span aria-hidden>→</span>
          </a>
        </li>
        {more.map((m) => (
          <li key={m.href}>
            <a href={m.href} data-testid="walk-more-link" className={link}>
              {m.label} <span aria-hidden>→</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        {previous ? (
          <a href={`#${stepAnchor(previous.id)}`} data-testid="walk-previous" className={link}>
            {t('previous', { title: title(previous) })}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a href={`#${stepAnchor(next.id)}`} data-testid="walk-next" className={link}>
            {t('next', { title: title(next) })}
          </a>
        ) : (
          <a href="#walk-steps" className={link}>
            {t('top')}
          </a>
        )}
      </div>
    </section>
  );
}
