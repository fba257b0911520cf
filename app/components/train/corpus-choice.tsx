'use client';
/**
 * Which text the panels train on: the Brown corpus (with its source and terms) or a plain-text
 * file the reader opens (one sentence a line; it stays in this browser).
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { withBase } from '@/app/base-path';
import type { CorpusSource, TrainRequest } from '@/lib/worker/train-protocol';

export type CorpusChoice = { kind: 'brown' } | { kind: 'file'; file: File };

/** The worker's request to load `choice`. */
export function corpusRequest(choice: CorpusChoice): TrainRequest {
  const origin = window.location.href;
  const source: CorpusSource = choice.kind === 'brown' ? { kind: 'brown', url: new URL(withBase('/train/brown.corpus'), origin).href } : choice;
  return { type: 'corpus', source, questionsUrl: new URL(withBase('/train/questions-words.txt'), origin).href };
}

/** The Brown corpus's size as prepared (lib/train/corpus.ts): tokens with a letter or digit, and sentences. */
const BROWN_TOKENS = 1_013_319;
const BROWN_SENTENCES = 57_159;

export function CorpusPicker({ choice, onChange }: { choice: CorpusChoice; onChange: (c: CorpusChoice) => void }) {
  const t = useTranslations('train.corpus');
  const tags = { b: (c: ReactNode) => <strong>{c}</strong>, em: (c: ReactNode) => <em>{c}</em> };
  return (
    <section aria-label={t('label')} data-testid="corpus" className="space-y-2 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h2 className="text-base font-semibold">{t('heading')}</h2>
      {choice.kind === 'brown' ? (
        <p className="max-w-3xl text-zinc-700 dark:text-zinc-300">{t.rich('brown', { ...tags, tokens: BROWN_TOKENS, sentences: BROWN_SENTENCES })}</p>
      ) : (
        <p className="text-zinc-700 dark:text-zinc-300">{t.rich('file', { ...tags, name: choice.file.name, megabytes: Math.round(choice.file.size / 1e5) / 10 })}</p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2">
          <span>{t('own')}</span>
          <input
            type="file"
            accept=".txt,text/plain"
            data-testid="corpus-file"
            className="max-w-56 text-xs"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onChange({ kind: 'file', file });
            }}
          />
        </label>
        {choice.kind === 'file' && (
          <button type="button" className="underline" onClick={() => onChange({ kind: 'brown' })}>
            {t('back')}
          </button>
        )}
      </div>
    </section>
  );
}
