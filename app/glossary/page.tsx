'use client';
/** Every term the app explains at the point of use, in one place, sorted in the reader's language. */
import { useLocale, useTranslations } from 'next-intl';
import { GLOSSARY_IDS } from '@/lib/glossary';
import { PageIntro } from '../components/page-intro';

export default function GlossaryPage() {
  const t = useTranslations('glossary.terms');
  const locale = useLocale();
  const entries = GLOSSARY_IDS.map((id) => ({ id, term: t(`${id}.term`), text: t(`${id}.text`) })).sort((a, b) => a.term.localeCompare(b.term, locale));
  return (
    <div className="max-w-3xl space-y-4">
      <PageIntro ns="glossary" />
      <dl className="space-y-3">
        {entries.map((e) => (
          <div key={e.id} id={e.id} data-testid="glossary-entry">
            <dt className="font-medium">{e.term}</dt>
            <dd className="text-sm text-zinc-700 dark:text-zinc-300">{e.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
