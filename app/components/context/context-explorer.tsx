'use client';
/**
 * The context page: a target word and sentences (with optional sense labels), run through GPT-2
 * in a worker; a layer slider drives the cosine heatmap and the PCA map, and a chart shows
 * same-sense, different-sense and baseline cosines by layer. The URL holds the inputs and layer.
 */
import { replaceUrlState } from '@/app/url-state';
import { useCallback, useEffect, useState } from 'react';
import type { Gpt2Handle } from '@/app/hooks/use-gpt2';
import { MIN_UMAP_POINTS } from '@/lib/gpt2/context-umap';
import { LAYER_CONVENTION, layerLabel } from '@/lib/gpt2/layer-names';
import { senseAffinities } from '@/lib/gpt2/sense-affinity';
import type { ModelParams } from '@/lib/gpt2/model-choice';
import type { Pooling } from '@/lib/gpt2/tokenizer';
import type { ContextResult, LoadedModel } from '@/lib/worker/gpt2-protocol';
import { CosineHeatmap, LayerChart, PcaMap } from './context-charts';
import type { ContextSentence, ContextState } from '@/lib/route-state/context-state';
import { CONTEXT_PRESETS } from './presets';
import { TokenView } from './token-view';
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
  const { state: load, context } = gpt2;
  const initialLayer = requestedLayer !== undefined && requestedLayer <= model.config.nLayer ? requestedLayer : undefined;
  const [draft, setDraft] = useState<ContextState>(initial);
  const [submitted, setSubmitted] = useState<ContextState>(initial);
  const [layer, setLayer] = useState<number | undefined>(initialLayer);
  const [result, setResult] = useState<{ input: ContextState; output: ContextResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      .catch((e: Error) => live && (setError(e.message), setResult(null)))
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

  return (
    <div className="space-y-5">

      <div className="flex flex-wrap gap-2" aria-label="Examples">
        {CONTEXT_PRESETS.map((p) => (
          <PresetChip key={p.id} data-preset={p.id} title={p.note} active={preset?.id === p.id} onClick={() => submit({ target: p.target, sentences: p.sentences, pooling: draft.pooling })}>
            {p.title}
          </PresetChip>
        ))}
      </div>
      {preset && <p className="text-sm text-zinc-600 dark:text-zinc-400">{preset.note}</p>}

      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit({ ...draft, sentences: draft.sentences.filter((s) => s.text.trim()) });
        }}
      >
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            Target word
            <input
              data-testid="target-input"
              value={draft.target}
              onChange={(e) => setDraft((d) => ({ ...d, target: e.target.value }))}
              spellCheck={false}
              className="ml-2 w-40 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <label className="text-sm">
            <Term id="subToken">Split words</Term> use
            <select
              data-testid="pooling"
              value={draft.pooling}
              onChange={(e) => submit({ ...draft, pooling: e.target.value as Pooling })}
              className="ml-2 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="last">the last sub-token</option>
              <option value="mean">the mean of the sub-tokens</option>
            </select>
          </label>
        </div>
        <ol className="space-y-1">
          {draft.sentences.map((s, i) => (
            <li key={i} className="flex gap-2">
              <span className="w-6 pt-1 text-right text-sm text-zinc-500">{i + 1}</span>
              <textarea
                data-testid="sentence-input"
                aria-label={`Sentence ${i + 1}`}
                value={s.text}
                rows={1}
                onChange={(e) => setSentence(i, { text: e.target.value })}
                className="flex-1 resize-y rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <input
                data-testid="sense-input"
                aria-label={`Sense of sentence ${i + 1}`}
                placeholder="sense (optional)"
                value={s.sense}
                onChange={(e) => setSentence(i, { sense: e.target.value })}
                className="w-36 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <button
                type="button"
                aria-label={`Remove sentence ${i + 1}`}
                onClick={() => setDraft((d) => ({ ...d, sentences: d.sentences.filter((_, j) => j !== i) }))}
                className="px-2 text-zinc-500 hover:text-red-700"
              >
                ×
              </button>
            </li>
          ))}
        </ol>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => setDraft((d) => ({ ...d, sentences: [...d.sentences, { text: '', sense: '' }] }))}
            className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Add a sentence
          </button>
          <button
            type="submit"
            data-testid="compute"
            disabled={load.status !== 'ready' || busy}
            className="rounded bg-sky-700 px-4 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50"
          >
            {busy ? 'Computing…' : 'Compute'}
          </button>
        </div>
      </form>

      {error && (
        <p role="alert" data-testid="context-error" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}

      {out && shown && report && (
        <section className="space-y-4" aria-label="Results" aria-busy={busy}>
          <p data-testid="timing" className="text-xs text-zinc-600 dark:text-zinc-400">
            {shown.sentences.length} sentences through the model in {out.runMs.toFixed(0)} ms, similarities in {out.mathMs.toFixed(0)} ms{out.umap && <>, UMAP maps in {out.umapMs.toFixed(0)} ms</>}
            {load.info && <> ({load.info.provider === 'webgpu' ? 'WebGPU' : 'WASM'})</>}.
          </p>
          <details open>
            <summary className="cursor-pointer text-sm font-medium">Tokenisation (· is a space; the outlined token is the vector used)</summary>
            <TokenView sentences={out.sentences} pooling={shown.pooling} />
          </details>
          <Summary report={report} layers={out.layers} senses={senses} />
          <label className="flex items-center gap-3 text-sm">
            Layer
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
              {layerLabel(current)}
            </span>
          </label>
          <div className="grid gap-4 lg:grid-cols-2">
            <CosineHeatmap report={report} layer={current} senses={senses} />
            <PcaMap targets={out.targets} umap={out.umap} dims={out.dims} layer={current} senses={senses} texts={shown.sentences.map((s) => s.text)} />
          </div>
          <LayerChart report={report} layer={current} onLayer={setLayer} />
          <p className="max-w-3xl text-xs text-zinc-600 dark:text-zinc-400">
            <Term id="baseline">Baseline</Term>: the mean cosine between the other words of these sentences (every pair from two different sentences, without the target and the leading
            &lt;|endoftext|&gt;). GPT-2&apos;s vectors all lean the same way, so raw cosines are high everywhere; subtracting the baseline (as in Ethayarajh 2019) shows
            how much more alike the target&apos;s vectors are than any two words. The map shows {shown.sentences.length} points; UMAP is offered from {MIN_UMAP_POINTS}{' '}
            sentences, where neighbourhoods start to mean something. {LAYER_CONVENTION}
          </p>
        </section>
      )}
    </div>
  );
}

function Summary({ report, layers, senses }: { report: ContextResult['report']; layers: number; senses: string[] }) {
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const affinities = senseAffinities(report, senses);
  const last = report.layers[layers - 1];
  return (
    <div data-testid="summary" className="space-y-1 text-sm">
      {report.peakLayer !== null &&
        (() => {
          const peak = report.layers[report.peakLayer];
          return peak.separation !== null && peak.separation > 0 ? (
            <p>
              Same-sense minus different-sense cosine is largest at <strong>{layerLabel(report.peakLayer)}</strong> ({fmt(peak.same)} − {fmt(peak.different)} ={' '}
              {fmt(peak.separation)}, baseline {fmt(peak.baseline)})
              {report.peakRelativeLayer !== null && report.peakRelativeLayer !== report.peakLayer && (
                <>; as a share of the room above the baseline it peaks at layer {report.peakRelativeLayer}</>
              )}
              . At the last layer: same {fmt(last.same)}, different {fmt(last.different)}, baseline {fmt(last.baseline)}. ({report.samePairs} same-sense and{' '}
              {report.differentPairs} different-sense pairs.)
            </p>
          ) : (
            <p>
              Same-sense vectors are <strong>never closer</strong> than different-sense ones here: at best the difference is {fmt(peak.separation)} ({layerLabel(report.peakLayer)}). At the
              last layer: same {fmt(last.same)}, different {fmt(last.different)}, baseline {fmt(last.baseline)}.
            </p>
          );
        })()}
      {affinities.map((a) => {
        const end = a.cosine[layers - 1];
        const switches = a.nearest.findIndex((n, l) => l > 0 && n !== a.nearest[l - 1]);
        return (
          <p key={a.sentence} data-testid="sense-affinity" data-sentence={a.sentence} data-nearest={a.nearest[layers - 1]}>
            Sentence {a.sentence + 1} (unlabelled) is closest to the <strong>{a.nearest[layers - 1]}</strong> sentences at the last layer (
            {a.senses.map((s, k) => `${s} ${fmt(end[k])}`).join(', ')})
            {switches > 0 ? <>; it moves from {a.nearest[switches - 1]} to {a.nearest[switches]} at {layerLabel(switches)}</> : <>, at every layer</>}.
          </p>
        );
      })}
      {report.peakLayer === null && affinities.length === 0 && (
        <p>Label the sentences&apos; senses (two with one sense and one with another) to compare same-sense and different-sense pairs, or leave one unlabelled to see which sense it is closest to.</p>
      )}
    </div>
  );
}
