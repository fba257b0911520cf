'use client';
/**
 * The layers page: a prompt run through GPT-2 in the worker with head/MLP masks and a logit-lens
 * position; shows the next-token prediction, the logit lens, every attention head, and the effect
 * of ablations. The URL holds the prompt, tokens, temperature, position, layer, head and ablations.
 */
import { useLocale, useTranslations } from 'next-intl';
import { replaceUrlState } from '@/app/url-state';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDarkScheme } from '@/app/hooks/use-dark-scheme';
import type { Gpt2Handle } from '@/app/hooks/use-gpt2';
import type { ModelParams } from '@/lib/gpt2/model-choice';
import type { LoadedModel } from '@/lib/worker/gpt2-protocol';
import { formatAblation, NO_ABLATION, readAblation, toggleHead, toggleMlp, type Ablation, type AblationRejection } from '@/lib/gpt2/ablation';
import { errorReport, type ErrorReport } from '@/lib/gpt2/errors';
import { referenceHeadsStatus } from '@/lib/gpt2/ioi-reference';
import type { HeadAttention, LayersResult } from '@/lib/gpt2/layers-run';
import { lensNormalisers, lensTable, tokenAcrossLayers } from '@/lib/gpt2/logit-lens';
import { candidateToken, predict } from '@/lib/gpt2/next-token';
import { AttentionPanel, shade, type ClickMode } from './attention-panel';
import { ContinuePanel } from './continue-panel';
import { DEFAULT_CONTINUATION, type LayersState } from '@/lib/route-state/layers-state';
import { LensPanel } from './lens-panel';
import { NextTokenPanel, type CandidateEntry } from './next-token-panel';
import { LAYERS_PRESETS } from './presets';
import { showToken } from './token-text';
import { problemOf, useErrorText } from '../gpt2/gpt2-text';
import { backendName } from '../gpt2/model-status';
import { PresetChip } from '../preset-chip';

interface Props {
  model: LoadedModel;
  gpt2: Gpt2Handle;
  /** The URL parameters that chose the model, kept when the page rewrites its URL. */
  modelParams: ModelParams;
  initial: LayersState;
}

const TOP_K = 10;


function toUrl(s: LayersState, modelParams: ModelParams): string {
  const p = new URLSearchParams(modelParams as Record<string, string>);
  p.set('p', s.prompt);
  for (const t of s.tokens) p.append('tok', t);
  if (s.temperature !== 1) p.set('temp', String(s.temperature));
  if (s.position >= 0) p.set('pos', String(s.position));
  p.set('layer', String(s.layer));
  p.set('head', String(s.head));
  if (s.ablation) p.set('ablate', s.ablation);
  const c = s.continuation;
  if (c.count !== DEFAULT_CONTINUATION.count) p.set('gen', String(c.count));
  if (c.mode === 'sample') {
    p.set('sample', '1');
    p.set('gtemp', String(c.temperature));
    p.set('topk', String(c.topK));
    p.set('topp', String(c.topP));
    p.set('seed', String(c.seed));
  }
  return `?${p.toString()}`;
}

/** A rejected ablation entry and why, in the reader's language. */
function rejectionText(t: ReturnType<typeof useTranslations>, r: AblationRejection): string {
  return t(`rejection.${r.reason}`, { item: r.item, layers: r.layers, heads: r.heads, last: r.layers - 1 });
}

export function LayersExplorer({ model, gpt2, modelParams, initial }: Props) {
  const t = useTranslations('layers.explorer');
  const tp = useTranslations('layers.presets');
  const locale = useLocale();
  const errorText = useErrorText();
  const { config } = model;
  const { nLayer: L, nHead: H, vocabSize: V } = config;
  const { state: load, layers, head: fetchHead } = gpt2;
  const parsedInitial = useMemo(() => readAblation(initial.ablation, config), [initial.ablation, config]);
  const clamp = (v: number, n: number) => (v >= 0 && v < n ? v : 0);
  const [state, setState] = useState<LayersState>({
    ...initial,
    ablation: formatAblation(parsedInitial.ablation),
    layer: clamp(initial.layer, L),
    head: clamp(initial.head, H),
  });
  const [draftPrompt, setDraftPrompt] = useState(initial.prompt);
  const [draft, setDraft] = useState<Ablation>(parsedInitial.ablation);
  const [mode, setMode] = useState<ClickMode>('view');
  const [result, setResult] = useState<LayersResult | null>(null);
  const [headData, setHeadData] = useState<HeadAttention | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [clearedAblation, setClearedAblation] = useState<string | null>(null);
  const patch = useCallback((p: Partial<LayersState>) => setState((s) => ({ ...s, ...p })), []);
  const dark = useDarkScheme();

  useEffect(() => {
    replaceUrlState(toUrl(state, modelParams));
  }, [state, modelParams]);

  // The selected head goes with the run; read through a ref so that selecting a head does not rerun.
  const selected = useRef({ layer: state.layer, head: state.head });
  selected.current = { layer: state.layer, head: state.head };

  useEffect(() => {
    if (load.status !== 'ready') return;
    let live = true;
    setBusy(true);
    setError(null);
    layers({ prompt: state.prompt, ablation: readAblation(state.ablation, config).ablation, position: state.position, ...selected.current })
      .then((r) => {
        if (!live) return;
        setResult(r);
        setHeadData(r.head);
      })
      .catch((e: unknown) => live && (setError(problemOf(e)), setResult(null)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [load.status, state.prompt, state.position, state.ablation, layers, config]);

  // Another head of the same run: fetched from the worker without a rerun.
  useEffect(() => {
    if (!result || (headData?.runId === result.runId && headData.layer === state.layer && headData.head === state.head)) return;
    let live = true;
    fetchHead(result.runId, state.layer, state.head)
      .then((h) => live && setHeadData(h))
      .catch(() => undefined); // a newer run is on its way and brings its own head
    return () => {
      live = false;
    };
  }, [result, headData, state.layer, state.head, fetchHead]);

  const candidates: CandidateEntry[] = useMemo(
    () =>
      state.tokens.map((text) => {
        try {
          return { text, candidate: candidateToken(text), error: null };
        } catch (e) {
          return { text, candidate: null, error: errorReport(e) };
        }
      }),
    [state.tokens],
  );
  const after = useMemo(() => result && predict(result.finalLogits, TOP_K, state.temperature), [result, state.temperature]);
  const before = useMemo(() => result?.baselineLogits && predict(result.baselineLogits, TOP_K, state.temperature), [result, state.temperature]);
  const norms = useMemo(() => result && lensNormalisers(result.lensLogits, V), [result, V]); // one pass over [L+1, V]
  const lens = useMemo(() => result && norms && lensTable(result.lensLogits, V, 5, norms), [result, norms, V]);
  const traces = useMemo(
    () =>
      result
        ? candidates.flatMap((c) => (c.candidate ? [{ text: c.text, id: c.candidate.id, probs: tokenAcrossLayers(result.lensLogits, V, c.candidate.id, norms ?? undefined) }] : []))
        : [],
    [result, candidates, norms, V],
  );

  const preset = LAYERS_PRESETS.find((p) => p.prompt === state.prompt);
  const refStatus = referenceHeadsStatus(model);
  const submitPrompt = (prompt: string, tokens?: string[]) => {
    setDraftPrompt(prompt);
    patch({ prompt, position: -1, ...(tokens ? { tokens } : {}) });
  };
  /** Another example starts from the full model: ablations made for one prompt do not carry over silently. */
  const choosePreset = (p: (typeof LAYERS_PRESETS)[number]) => {
    setClearedAblation(state.ablation || null);
    setDraft(NO_ABLATION);
    setDraftPrompt(p.prompt);
    patch({ prompt: p.prompt, tokens: p.tokens, position: -1, ablation: '' });
  };
  // The shown results are out of date while the box holds another prompt or a run is on its way.
  const stale = busy || (result !== null && draftPrompt !== state.prompt);
  const T = result?.ids.length ?? 0;
  const postedBytes = result
    ? [result.finalLogits, result.lensLogits, result.thumbnails.data, result.head.data, result.baselineLogits].reduce((a, x) => a + (x?.byteLength ?? 0), 0)
    : 0;
  const row = headData && result && headData.runId === result.runId ? headData.data.subarray(result.position * T, (result.position + 1) * T) : null;

  const examples = t('examples');
  const promptLabel = t('prompt');

  return (
    <div className="space-y-5">
      {parsedInitial.rejections.length > 0 && (
        <p role="alert" className="rounded border border-amber-400 p-2 text-sm">
          {t('rejected', { list: parsedInitial.rejections.map((r) => rejectionText(t, r)).join('; ') })}
        </p>
      )}

      <div className="flex flex-wrap gap-2" aria-label={examples}>
        {LAYERS_PRESETS.map((p) => {
          const note = tp(`${p.id}.note`);
          return (
            <PresetChip key={p.id} data-preset={p.id} title={note} active={preset?.id === p.id} onClick={() => choosePreset(p)}>
              {tp(`${p.id}.title`)}
            </PresetChip>
          );
        })}
      </div>
      {preset && <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{tp(`${preset.id}.note`)}</p>}
      {locale !== 'en' && <p className="text-xs text-zinc-500">{t('englishHint')}</p>}
      {clearedAblation && (
        <p role="status" data-testid="ablation-cleared" className="text-xs text-amber-800 dark:text-amber-300">
          {t('ablationCleared', { ablation: clearedAblation })}
        </p>
      )}
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          submitPrompt(draftPrompt);
        }}
      >
        <textarea
          data-testid="prompt-input"
          aria-label={promptLabel}
          value={draftPrompt}
          rows={2}
          onChange={(e) => setDraftPrompt(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submitPrompt(draftPrompt);
            }
          }}
          className="flex-1 resize-y rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" data-testid="run" disabled={load.status !== 'ready' || busy} className="self-start rounded bg-sky-700 px-4 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50">
          {busy ? t('running') : t('run')}
        </button>
      </form>
      <ContinuePanel
        gpt2={gpt2}
        prompt={state.prompt}
        disabled={load.status !== 'ready'}
        settings={state.continuation}
        onSettings={(c) => patch({ continuation: { ...state.continuation, ...c } })}
        onView={(text) => submitPrompt(text)}
      />

      {error && (
        <p role="alert" data-testid="layers-error" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {errorText(error)}
        </p>
      )}

      {result && after && lens && stale && (
        <p role="status" data-testid="results-stale" className="rounded border border-amber-400 bg-amber-50 p-2 text-xs dark:bg-amber-950">
          {busy ? t('staleRunning') : t('stale')}
        </p>
      )}
      {result && after && lens && (
        <div className={`space-y-6 ${stale ? 'opacity-60' : ''}`} aria-busy={busy} data-stale={stale}>
          <p data-testid="timing" className="text-xs text-zinc-600 dark:text-zinc-400">
            {t('timing', {
              count: T,
              run: result.runMs.toFixed(0),
              baseline: result.baselineMs > 0 ? result.baselineMs.toFixed(0) : 'none',
              backend: load.info ? backendName(load.info.provider) : 'none',
              mb: (postedBytes / 1e6).toFixed(2),
            })}
          </p>
          <div>
            <p className="mb-1 text-xs text-zinc-500">{t('promptTokens', { eot: '<|endoftext|>', head: `${state.layer}.${state.head}` })}</p>
            <div data-testid="prompt-tokens" className="flex flex-wrap gap-0.5">
              {result.pieces.map((p, k) => {
                const title = t('tokenTitle', { index: k, id: p.id, attention: row ? row[k].toFixed(3) : 'none', from: result.position });
                return (
                  <button
                    key={k}
                    type="button"
                    data-testid="prompt-token"
                    data-index={k}
                    data-selected={k === result.position}
                    title={title}
                    onClick={() => patch({ position: k === T - 1 ? -1 : k })}
                    className={`rounded px-1 font-mono text-xs ${k === result.position ? 'ring-2 ring-amber-600' : ''} ${k === 0 ? 'text-zinc-400' : ''}`}
                    style={row && k <= result.position ? { background: `rgb(${shade(row[k], dark).join(',')})`, color: row[k] > 0.25 ? (dark ? '#09090b' : 'white') : undefined } : undefined}
                  >
                    {showToken(p.text)}
                  </button>
                );
              })}
            </div>
          </div>
          <NextTokenPanel
            after={after}
            finalLogits={result.finalLogits}
            before={before ?? null}
            baselineLogits={result.baselineLogits}
            temperature={state.temperature}
            onTemperature={(temperature) => patch({ temperature })}
            candidates={candidates}
            onCandidates={(tokens) => patch({ tokens })}
            ioi={preset?.id === 'ioi'}
            ablation={result.ablation}
          />
          <LensPanel rows={lens} position={result.position} positionText={showToken(result.pieces[result.position].text)} isLast={result.position === T - 1} traces={traces} />
          <AttentionPanel
            layers={L}
            heads={H}
            thumbnails={result.thumbnails}
            head={headData?.runId === result.runId ? headData : null}
            pieces={result.pieces}
            position={result.position}
            onPosition={(t) => patch({ position: t === T - 1 ? -1 : t })}
            layer={state.layer}
            headIndex={state.head}
            onSelect={(layer, head) => patch({ layer, head })}
            mode={mode}
            onMode={setMode}
            draft={draft}
            applied={state.ablation}
            onDraft={setDraft}
            onToggleHead={(l, h) => setDraft((d) => toggleHead(d, l, h))}
            onToggleMlp={(l) => setDraft((d) => toggleMlp(d, l))}
            onApply={() => patch({ ablation: formatAblation(draft) })}
            busy={busy}
            reference={preset?.id === 'ioi' ? refStatus : 'off'}
            modelShape={t('modelShape', { layers: L, heads: H })}
          />
        </div>
      )}
    </div>
  );
}
