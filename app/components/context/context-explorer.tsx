'use client';
/**
 * The context page: a target word and sentences (with optional sense labels), run through GPT-2
 * in a worker; a layer slider drives the cosine heatmap and the PCA map, and a chart shows
 * same-sense, different-sense and baseline cosines by layer. The URL holds the inputs and layer.
 */
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { replaceUrlState } from '@/app/url-state';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Gpt2Handle } from '@/app/hooks/use-gpt2';
import { MIN_UMAP_POINTS } from '@/lib/gpt2/context-umap';
import type { ErrorReport } from '@/lib/gpt2/errors';
import { senseAffinities } from '@/lib/gpt2/sense-affinity';
import type { ModelParams } from '@/lib/gpt2/model-choice';
import type { Pooling } from '@/lib/gpt2/tokenizer';
import type { ContextResult, LoadedModel } from '@/lib/worker/gpt2-protocol';
import { CosineHeatmap, LayerChart, PcaMap } from './context-charts';
import type { ContextSentence, ContextState } from '@/lib/route-state/context-state';
import { CONTEXT_PRESETS } from './presets';
import { TokenView } from './token-view';
import { problemOf, useErrorText, useLayerNames, type LayerNames } from '../gpt2/gpt2-text';
import { backendName } from '../gpt2/model-status';
import { PresetChip } from '../preset-chip';
import { Term } from '../term';

interface Props {
  model: LoadedModel;
  gpt2: Gpt2Handle;
  /** The URL parameters that chose the model, kept when the page rewrites its URL. */
  modelParams: ModelParams;
  initial: ContextState;
  initialLayer?: number;
}

function toUrl(s: ContextState, layer: number | undefined, modelParams: ModelParams): string {
  const p = new URLSearchParams(modelParams as Record<string, string>);
  p.set('target', s.target);
  for (const x of s.sentences) {
    p.append('s', x.text);
    p.append('sense', x.sense);
  }
  if (s.pooling === 'mean') p.set('pool', 'mean');
  if (layer !== undefined) p.set('layer', String(layer));
  return `?${p.toString()}`;
}

export function ContextExplorer({ model, gpt2, modelParams, initial, initialLayer: requestedLayer }: Props) {
  const t = useTranslations('context');
  const locale = useLocale();
  const names = useLayerNames();
  const errorText = useErrorText();
  const { state: load, context } = gpt2;
  const initialLayer = requestedLayer !== undefined && requestedLayer <= model.config.nLayer ? requestedLayer : undefined;
  const [draft, setDraft] = useState<ContextState>(initial);
  const [submitted, setSubmitted] = useState<ContextState>(initial);
  const [layer, setLayer] = useState<number | undefined>(initialLayer);
  const [result, setResult] = useState<{ input: ContextState; output: ContextResult } | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const L = model.config.nLayer;

  useEffect(() => {
    replaceUrlState(toUrl(submitted, layer, modelParams));
  }, [submitted, layer, modelParams]);

  useEffect(() => {
    if (load.status !== 'ready') return;
    let live = true;
    setBusy(true);
    setError(null);
    context({ target: submitted.target, sentences: submitted.sentences.map((s) => s.text), senses: submitted.sentences.map((s) => s.sense), pooling: submitted.pooling })
      .then((output) => {
        if (!live) return;
        setResult({ input: submitted, output });
        setLayer((l) => l ?? output.report.peakLayer ?? L);
      })
      .catch((e: unknown) => live && (setError(problemOf(e)), setResult(null)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [load.status, submitted, context, L]);

  const submit = useCallback((next: ContextState) => {
    setDraft(next);
    setSubmitted(next);
  }, []);
  const setSentence = (i: number, patch: Partial<ContextSentence>) =>
    setDraft((d) => ({ ...d, sentences: d.sentences.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));

  const shown = result?.input;
  const out = result?.output;
  const senses = shown?.sentences.map((s) => s.sense.trim()) ?? [];
  const current = layer ?? L;
  const report = out?.report;
  const preset = CONTEXT_PRESETS.find(
    (p) => p.target === submitted.target && p.sentences.length === submitted.sentences.length && p.sentences.every((x, i) => x.text === submitted.sentences[i].text),
  );

  const examples = t('form.examples');
  const sensePlaceholder = t('form.sensePlaceholder');
  const resultsLabel = t('results.label');

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap gap-2" aria-label={examples}>
        {CONTEXT_PRESETS.map((p) => {
          const note = t(`presets.${p.id}.note`);
          return (
            <PresetChip key={p.id} data-preset={p.id} title={note} active={preset?.id === p.id} onClick={() => submit({ target: p.target, sentences: p.sentences, pooling: draft.pooling })}>
              {t(`presets.${p.id}.title`)}
            </PresetChip>
          );
        })}
      </div>
      {preset && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t(`presets.${preset.id}.note`)}</p>}
      {locale !== 'en' && <p className="text-xs text-zinc-500">{t('form.englishHint')}</p>}

      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit({ ...draft, sentences: draft.sentences.filter((s) => s.text.trim()) });
        }}
      >
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            {t('form.target')}
            <input
              data-testid="target-input"
              value={draft.target}
              onChange={(e) => setDraft((d) => ({ ...d, target: e.target.value }))}
              spellCheck={false}
              className="ml-2 w-40 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <label className="text-sm">
            {t.rich('form.pooling', { term: (c) => <Term id="subToken">{c}</Term> })}
            <select
              data-testid="pooling"
              value={draft.pooling}
              onChange={(e) => submit({ ...draft, pooling: e.target.value as Pooling })}
              className="ml-2 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="last">{t('form.poolLast')}</option>
              <option value="mean">{t('form.poolMean')}</option>
            </select>
          </label>
        </div>
        <ol className="space-y-1">
          {draft.sentences.map((s, i) => {
            const sentenceLabel = t('form.sentence', { n: i + 1 });
            const senseLabel = t('form.sense', { n: i + 1 });
            const removeLabel = t('form.remove', { n: i + 1 });
            return (
            <li key={i} className="flex gap-2">
              <span className="w-6 pt-1 text-right text-sm text-zinc-500">{i + 1}</span>
              <textarea
                data-testid="sentence-input"
                aria-label={sentenceLabel}
                value={s.text}
                rows={1}
                onChange={(e) => setSentence(i, { text: e.target.value })}
                className="flex-1 resize-y rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <input
                data-testid="sense-input"
                aria-label={senseLabel}
                placeholder={sensePlaceholder}
                value={s.sense}
                onChange={(e) => setSentence(i, { sense: e.target.value })}
                className="w-36 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <button
                type="button"
                aria-label={removeLabel}
                onClick={() => setDraft((d) => ({ ...d, sentences: d.sentences.filter((_, j) => j !== i) }))}
                className="px-2 text-zinc-500 hover:text-red-700"
              >
                ×
              </button>
            </li>
            );
          })}
        </ol>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => setDraft((d) => ({ ...d, sentences: [...d.sentences, { text: '', sense: '' }] }))}
            className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {t('form.add')}
          </button>
          <button
            type="submit"
            data-testid="compute"
            disabled={load.status !== 'ready' || busy}
            className="rounded bg-sky-700 px-4 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50"
          >
            {busy ? t('form.computing') : t('form.compute')}
          </button>
        </div>
      </form>

      {error && (
        <p role="alert" data-testid="context-error" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {errorText(error)}
        </p>
      )}

      {out && shown && report && (
        <section className="space-y-4" aria-label={resultsLabel} aria-busy={busy}>
          <p data-testid="timing" className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('results.timing', {
              count: shown.sentences.length,
              run: out.runMs.toFixed(0),
              math: out.mathMs.toFixed(0),
              umap: out.umap ? out.umapMs.toFixed(0) : 'none',
              backend: load.info ? backendName(load.info.provider) : 'none',
            })}
          </p>
          <details open>
            <summary className="cursor-pointer text-sm font-medium">{t('results.tokenisation')}</summary>
            <TokenView sentences={out.sentences} pooling={shown.pooling} />
          </details>
          <Summary report={report} layers={out.layers} senses={senses} names={names} />
          <label className="flex items-center gap-3 text-sm">
            {t('results.layer')}
            <input
              type="range"
              data-testid="layer-slider"
              min={0}
              max={out.layers - 1}
              step={1}
              value={current}
              onChange={(e) => setLayer(Number(e.target.value))}
              className="w-64"
            />
            <span data-testid="layer-value" className="font-mono">
              {names.label(current)}
            </span>
          </label>
          <div className="grid gap-4 lg:grid-cols-2">
            <CosineHeatmap report={report} layer={current} senses={senses} />
            <PcaMap targets={out.targets} umap={out.umap} dims={out.dims} layer={current} senses={senses} texts={shown.sentences.map((s) => s.text)} />
          </div>
          <LayerChart report={report} layer={current} onLayer={setLayer} />
          <p className="max-w-3xl text-xs text-zinc-600 dark:text-zinc-400">
            {t.rich('results.baselineNote', {
              term: (c) => <Term id="baseline">{c}</Term>,
              eot: '<|endoftext|>',
              count: shown.sentences.length,
              min: MIN_UMAP_POINTS,
              convention: names.convention,
            })}
          </p>
        </section>
      )}
    </div>
  );
}

function Summary({ report, layers, senses, names }: { report: ContextResult['report']; layers: number; senses: string[]; names: LayerNames }) {
  const t = useTranslations('context.results');
  const format = useFormatter();
  const b = (c: ReactNode) => <strong>{c}</strong>;
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const affinities = senseAffinities(report, senses);
  const last = report.layers[layers - 1];
  const lastValues = { lastSame: fmt(last.same), lastDifferent: fmt(last.different), lastBaseline: fmt(last.baseline) };
  const peak = report.peakLayer !== null ? report.layers[report.peakLayer] : null;
  return (
    <div data-testid="summary" className="space-y-1 text-sm">
      {report.peakLayer !== null &&
        peak &&
        (peak.separation !== null && peak.separation > 0 ? (
          <p>
            {t.rich('peak', {
              b,
              layer: names.label(report.peakLayer),
              same: fmt(peak.same),
              different: fmt(peak.different),
              separation: fmt(peak.separation),
              baseline: fmt(peak.baseline),
              relative: report.peakRelativeLayer !== null && report.peakRelativeLayer !== report.peakLayer ? report.peakRelativeLayer : 'none',
              samePairs: report.samePairs,
              differentPairs: report.differentPairs,
              ...lastValues,
            })}
          </p>
        ) : (
          <p>{t.rich('never', { b, separation: fmt(peak.separation), layer: names.label(report.peakLayer), ...lastValues })}</p>
        ))}
      {affinities.map((a) => {
        const end = a.cosine[layers - 1];
        const switches = a.nearest.findIndex((n, l) => l > 0 && n !== a.nearest[l - 1]);
        return (
          <p key={a.sentence} data-testid="sense-affinity" data-sentence={a.sentence} data-nearest={a.nearest[layers - 1]}>
            {t.rich('affinity', {
              b,
              n: a.sentence + 1,
              sense: a.nearest[layers - 1],
              scores: format.list(
                a.senses.map((s, k) => `${s} ${fmt(end[k])}`),
                { type: 'conjunction', style: 'narrow' },
              ),
              moves: switches > 0 ? 'yes' : 'no',
              from: switches > 0 ? a.nearest[switches - 1] : '',
              to: switches > 0 ? a.nearest[switches] : '',
              layer: switches > 0 ? names.label(switches) : '',
            })}
          </p>
        );
      })}
      {report.peakLayer === null && affinities.length === 0 && <p>{t('labelHint')}</p>}
    </div>
  );
}
