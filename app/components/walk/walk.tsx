'use client';
/**
 * The front page: a guided walk through the explanation, one step per claim, each running live.
 * Old links to the front page's analogy view (`/?q=…`, `/#q=…`, any analogy parameter) are sent
 * on to /analogies with the same state before anything is shown. The vector steps share one
 * vectors worker; the GPT-2 steps share one model, loaded once at the walk's GPT-2 section.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, type ReactNode } from 'react';
import { withBase } from '@/app/base-path';
import { useInitialUrlState } from '@/app/url-state';
import { formatAblation } from '@/lib/gpt2/ablation';
import { referenceHeadsStatus } from '@/lib/gpt2/ioi-reference';
import { modelParamsFrom, type ModelParams } from '@/lib/gpt2/model-choice';
import { analogyRedirect } from '@/lib/walk/redirect';
import { GPT2_ANCHOR, WALK_STEPS, type StepId, type WalkStep } from '@/lib/walk/steps';
import { AnalogiesWidget } from './analogies-widget';
import { BankWidget } from './bank-widget';
import { BeliefsWidget } from './beliefs-widget';
import { BiasWidget } from './bias-widget';
import { CapitalWidget } from './capital-widget';
import { CitiesWidget } from './cities-widget';
import { CoffeeWidget } from './coffee-widget';
import { IoiWidget } from './ioi-widget';
import { NeighboursWidget } from './neighbours-widget';
import { RichText } from './rich-text';
import { NAME_MOVERS, stepHref, trainHref } from './step-inputs';
import { useWalkGpt2, WalkGpt2Loader, WalkGpt2Provider } from './walk-gpt2';
import { WalkSection } from './walk-section';
import { WalkToc } from './walk-toc';
import { useVectorsAnswered, WalkVectorsProvider, WalkVectorsStatus } from './walk-vectors';

const STATIC = process.env.NEXT_PUBLIC_STATIC_BUILD === '1';

export function Walk() {
  const t = useTranslations('walk');
  const params = useInitialUrlState();
  const target = useMemo(() => (typeof window === 'undefined' ? null : analogyRedirect(window.location.search, window.location.hash, STATIC)), []);
  useEffect(() => {
    if (target) window.location.replace(withBase(target));
  }, [target]);
  const modelParams = useMemo(() => modelParamsFrom(params), [params]);
  if (target) {
    return (
      <p role="status" className="text-sm text-zinc-500">
        {t('redirecting')}
      </p>
    );
  }
  return (
    <WalkVectorsProvider>
      <Gpt2Root modelParams={modelParams}>
        <WalkBody />
      </Gpt2Root>
    </WalkVectorsProvider>
  );
}

/** GPT-2 starts being looked for once a vector step has answered. */
function Gpt2Root({ modelParams, children }: { modelParams: ModelParams; children: ReactNode }) {
  const answered = useVectorsAnswered();
  return (
    <WalkGpt2Provider modelParams={modelParams} startNow={answered}>
      {children}
    </WalkGpt2Provider>
  );
}

function WalkBody() {
  const t = useTranslations('walk');
  const site = useTranslations('site');
  const lang = useLocale();
  useStepFromAddress();
  const docTitle = `${t('docTitle')} · ${site('title')}`;
  useEffect(() => {
    document.title = docTitle;
  }, [docTitle]);
  const { gpt2, modelParams } = useWalkGpt2();
  // The name movers are switched off on the layers page too, where the model has them (or before a model is chosen: GPT-2 small is offered).
  const ioiAblation = !gpt2 || referenceHeadsStatus(gpt2.model) !== 'none' ? formatAblation(NAME_MOVERS) : undefined;
  const firstGpt2 = WALK_STEPS.findIndex((s) => s.gpt2);
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="max-w-3xl text-zinc-700 dark:text-zinc-300">{t('intro')}</p>
        <div className="max-w-xl">
          <WalkVectorsStatus />
        </div>
      </header>
      <WalkToc />
      {WALK_STEPS.map((step, i) => (
        <div key={step.id} className="space-y-6">
          {i === firstGpt2 && <Gpt2Section />}
          <WalkSection
            step={step}
            number={i + 1}
            total={WALK_STEPS.length}
            previous={WALK_STEPS[i - 1]}
            next={WALK_STEPS[i + 1]}
            widget={widgetFor(step)}
            href={stepHref(step.id, modelParams, { lang, ...(step.id === 'ioi' ? { ablation: ioiAblation } : {}) })}
            more={step.id === 'training' ? [{ href: trainHref(lang), label: t('trainLink') }] : []}
            note={step.id === 'neighbours' && lang !== 'en' ? <EnglishWordsNote /> : undefined}
          />
        </div>
      ))}
      <p className="border-t border-zinc-200 pt-6 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">{t('end')}</p>
    </div>
  );
}

/** In a language other than English: the words of the vector steps are English, as the vectors are. */
function EnglishWordsNote() {
  const t = useTranslations('walk');
  return (
    <p data-testid="walk-english-note" className="text-sm text-zinc-600 dark:text-zinc-400">
      {t('englishNote')}
    </p>
  );
}

const WIDGETS: Record<StepId, () => ReactNode> = {
  cities: () => <CitiesWidget />,
  neighbours: () => <NeighboursWidget />,
  analogies: () => <AnalogiesWidget />,
  bias: () => <BiasWidget />,
  bank: () => <BankWidget />,
  ioi: () => <IoiWidget />,
  capital: () => <CapitalWidget />,
  training: () => <CoffeeWidget />,
  beliefs: () => <BeliefsWidget />,
};

const widgetFor = (step: WalkStep): ReactNode => WIDGETS[step.id]();

/** The section that loads GPT-2 once for steps 5–9. */
function Gpt2Section() {
  const t = useTranslations('walk');
  return (
    <section id={GPT2_ANCHOR} aria-labelledby={`${GPT2_ANCHOR}-title`} data-testid="walk-gpt2" className="scroll-mt-4 space-y-3 rounded border border-sky-200 p-4 dark:border-sky-900">
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{t('parts.gpt2')}</p>
      <h2 id={`${GPT2_ANCHOR}-title`} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
        {t('gpt2.title')}
      </h2>
      <p className="max-w-prose text-[15px] leading-relaxed">
        <RichText id="gpt2.body" />
      </p>
      <WalkGpt2Loader waiting={t('gpt2.waiting')} />
    </section>
  );
}

/**
 * `/#step-…` opens the walk at that step: the steps render in the browser, after the browser's
 * own jump to the fragment, so the walk scrolls there itself; then, and whenever the fragment
 * changes (contents, previous/next links), the keyboard lands on that step's heading.
 */
function useStepFromAddress(): void {
  useEffect(() => {
    const focusStep = (scroll: boolean) => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!id || id.includes('=')) return;
      const target = document.getElementById(id);
      if (!target) return;
      if (scroll) target.scrollIntoView({ block: 'start' });
      target.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus({ preventScroll: true });
    };
    focusStep(true);
    const onHash = () => focusStep(false);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}
