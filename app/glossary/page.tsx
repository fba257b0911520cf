import { GLOSSARY } from '@/lib/glossary';

export const metadata = { title: 'Glossary · Word vector explorer' };

/** Every term the app explains at the point of use, in one place. */
export default function GlossaryPage() {
  const entries = Object.entries(GLOSSARY).sort(([, a], [, b]) => a.term.localeCompare(b.term, 'en'));
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Glossary</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">The words the pages use, in plain terms. Each one is also explained where it appears: hover or tab to a dotted term.</p>
      <dl className="space-y-3">
        {entries.map(([id, e]) => (
          <div key={id} id={id} data-testid="glossary-entry">
            <dt className="font-medium">{e.term}</dt>
            <dd className="text-sm text-zinc-700 dark:text-zinc-300">{e.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
