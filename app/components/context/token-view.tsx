'use client';
import { useTranslations } from 'next-intl';
import type { TokenizedSentence } from '@/lib/gpt2/tokenizer';

/** Spaces shown as "·" so that GPT-2's leading-space tokens (" bank") are visible. */
const show = (text: string) => text.replace(/ /g, '·').replace(/\n/g, '↵');

/**
 * How GPT-2 split each sentence; the target's tokens are highlighted, the one whose vector is used
 * (last sub-token, or all of them for the mean) is outlined.
 */
export function TokenView({ sentences, pooling }: { sentences: TokenizedSentence[]; pooling: 'last' | 'mean' }) {
  const t = useTranslations('context.tokens');
  return (
    <ol data-testid="tokens" className="space-y-1 text-xs">
      {sentences.map((s, i) => {
        const span = s.spans[0];
        return (
          <li key={i} className="flex flex-wrap items-baseline gap-1">
            <span className="w-6 shrink-0 text-right text-zinc-500">{i + 1}</span>
            {s.pieces.map((p, k) => {
              const inTarget = k >= span.tokenStart && k < span.tokenEnd;
              const used = inTarget && (pooling === 'mean' || k === span.tokenEnd - 1);
              const title = t('title', { index: k, id: p.id });
              return (
                <span
                  key={k}
                  data-testid={inTarget ? 'target-token' : undefined}
                  title={title}
                  className={`rounded px-1 font-mono ${k === 0 ? 'text-zinc-400' : ''} ${inTarget ? 'bg-amber-200 dark:bg-amber-800' : 'bg-zinc-100 dark:bg-zinc-800'} ${used ? 'ring-2 ring-amber-600' : ''}`}
                >
                  {show(p.text)}
                </span>
              );
            })}
            <span className="text-zinc-500">
              {t('count', { count: s.ids.length })}
              {s.spans.length > 1 && t('repeated', { count: s.spans.length })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
