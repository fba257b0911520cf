'use client';
/**
 * What the GPT-2 pages word the same way, in the reader's language (messages: gpt2): layer names
 * ("layer 3 (after block 2)"), errors from the worker (by code, or their English detail inside a
 * translated sentence), and a model's name (random test models are never called GPT-2).
 */
import { useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import { GPT2_ERROR_CODES, type ErrorReport } from '@/lib/gpt2/errors';
import { blockBefore } from '@/lib/gpt2/layer-names';
import type { LoadedModel } from '@/lib/worker/gpt2-protocol';

export interface LayerNames {
  /** "embeddings", "after block 2". */
  name: (layer: number) => string;
  /** "layer 3 (after block 2)". */
  label: (layer: number) => string;
  /** The numbering in one sentence, for a page to show once. */
  convention: string;
  /** A chart axis over layers. */
  axis: string;
}

export function useLayerNames(): LayerNames {
  const t = useTranslations('gpt2.layer');
  return useMemo(() => {
    const name = (layer: number) => {
      const block = blockBefore(layer);
      return block === null ? t('embeddings') : t('afterBlock', { block });
    };
    return { name, label: (layer: number) => t('label', { layer, name: name(layer) }), convention: t('convention'), axis: t('axis') };
  }, [t]);
}

const CODES: ReadonlySet<string> = new Set(GPT2_ERROR_CODES);

/** The report of an error thrown by a GPT-2 handle's request (app/hooks/use-gpt2.ts attaches the worker's code and params). */
export function problemOf(e: unknown): ErrorReport {
  const err = e as Partial<ErrorReport> & { message?: string };
  return { message: err?.message ?? String(e), code: err?.code, params: err?.params };
}

/** An error report as a sentence in the reader's language. */
export function useErrorText(): (problem: ErrorReport) => string {
  const t = useTranslations('gpt2.errors');
  return useCallback(
    (problem: ErrorReport) => {
      if (!problem.code || !CODES.has(problem.code)) return t('detail', { detail: problem.message });
      const params = { ...problem.params };
      if (problem.code === 'http') params.reason = t(`httpReason.${t.has(`httpReason.${params.reason}`) ? params.reason : 'other'}`);
      return t(problem.code, params);
    },
    [t],
  );
}

/** What the page calls a model: its label, or for a random test model its name with "random test model — not GPT-2". */
export function useModelLabel(): (model: LoadedModel) => string {
  const t = useTranslations('gpt2.header');
  return useCallback((model: LoadedModel) => (model.random ? t('randomLabel', { name: model.name ?? model.label }) : model.label), [t]);
}
