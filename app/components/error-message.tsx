'use client';
import { useTranslations } from 'next-intl';
import type { WireError } from '@/lib/worker/protocol';

/**
 * An error in the reader's language: the message of its code (vectors.errors.<code>) with its
 * values, or, for an error without one, a sentence that carries its English text as the detail.
 */
export function useErrorText(): (error: Pick<WireError, 'code' | 'params' | 'message'>) => string {
  const t = useTranslations('vectors.errors');
  return (error) => (error.code && t.has(error.code) ? t(error.code, error.params) : t('other', { detail: error.message }));
}

/** A parse or vocabulary error, with a caret under the column and clickable suggestions. */
export function ErrorMessage({ error, input, onSuggestion }: { error: WireError; input: string; onSuggestion: (expression: string) => void }) {
  const t = useTranslations('common');
  const errorText = useErrorText();
  const col = error.column;
  const replaceAt = (word: string) => {
    if (!col || !error.word) return input;
    const start = col - 1;
    return input.slice(0, start) + word + input.slice(start + error.word.length);
  };
  return (
    <div role="alert" data-testid="error" className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p>{errorText(error)}</p>
      {col !== undefined && error.kind === 'expression' && (
        <pre className="overflow-x-auto font-mono text-xs" aria-hidden>
          {input}
          {'\n'}
          {' '.repeat(Math.max(0, col - 1))}^
        </pre>
      )}
      {error.suggestions && error.suggestions.length > 0 && (
        <p className="flex flex-wrap items-center gap-2">
          {t('didYouMean')}
          {error.suggestions.map((s) => (
            <button
              key={s}
              type="button"
              data-testid="suggestion"
              onClick={() => onSuggestion(replaceAt(s))}
              className="rounded border border-red-300 px-2 font-mono hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 dark:border-red-700 dark:hover:bg-red-900"
            >
              {s}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
