'use client';
/**
 * What the GPT-2 pages share: find the models (installed on the server, kept in this browser),
 * choose one from the URL and the reader's last choice, load it in the page's worker — or offer
 * the hub download when there is none — and then render the page with the loaded model.
 */
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useGpt2, type Gpt2Handle } from '@/app/hooks/use-gpt2';
import { withBase } from '@/app/base-path';
import { useInitialUrlState } from '@/app/url-state';
import type { ErrorReport } from '@/lib/gpt2/errors';
import { chooseModel, modelParamsFrom, type LastChoice, type ModelChoiceProblem, type ModelChoiceResult, type ModelParams } from '@/lib/gpt2/model-choice';
import type { Gpt2Index } from '@/lib/node/gpt2-index';
import { DEFAULT_HUB_ORIGINS, HUB_ORIGINS_ENV, originAllowed } from '@/lib/security/origins';
import type { HubModel, Inventory, LoadedModel, ModelSource } from '@/lib/worker/gpt2-protocol';
import { ModelHeader } from './model-header';
import { HubOffer, ModelLibrary } from './model-library';
import { problemOf, useErrorText } from './gpt2-text';
import { ModelStatus } from './model-status';

const LAST_CHOICE_KEY = 'wve-gpt2-last-choice';

export interface Gpt2PageContext {
  model: LoadedModel;
  gpt2: Gpt2Handle;
  /** The URL parameters that chose the model: a page keeps them when it rewrites its URL. */
  modelParams: ModelParams;
}

function readLastChoice(): LastChoice | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_CHOICE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function rememberChoice(source: ModelSource, random: boolean): void {
  if (random) return; // a test model is never the default
  const last: LastChoice = source.kind === 'server' ? { kind: 'server', name: source.name } : { kind: 'hub', repo: source.repo, revision: source.revision };
  try {
    localStorage.setItem(LAST_CHOICE_KEY, JSON.stringify(last));
  } catch {
    // storage disabled: the default applies next time
  }
}

async function fetchIndex(): Promise<Gpt2Index & { url: string }> {
  const url = new URL(withBase('/models/index.json'), window.location.href).href;
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) return { models: [], broken: [], hubOrigins: DEFAULT_HUB_ORIGINS, url }; // a host without installed models
    const index = (await res.json()) as Gpt2Index;
    // The worker fetches model.onnx: give it absolute URLs.
    const absolute = (relative: string) => new URL(relative, url).href;
    return { ...index, models: index.models.map((m) => ({ ...m, url: absolute(m.url), parts: m.parts?.map((p) => ({ ...p, url: absolute(p.url) })) })), url };
  } catch {
    return { models: [], broken: [], hubOrigins: DEFAULT_HUB_ORIGINS, url };
  }
}

/** A problem with the URL's model parameters, in the reader's language. */
function problemText(t: ReturnType<typeof useTranslations>, p: ModelChoiceProblem): string {
  if (p.code === 'badDtype') return t('badDtype', p.params);
  return p.params.installed ? t('noSuchModelInstalled', p.params) : t('noSuchModel', { name: p.params.name });
}

export function Gpt2Gate({ children }: { children: (context: Gpt2PageContext) => ReactNode }) {
  const t = useTranslations('gpt2.gate');
  const errorText = useErrorText();
  const gpt2 = useGpt2();
  const { state, load, inventory: askInventory, probe, remove } = gpt2;
  const opened = useInitialUrlState();
  // The parameters the page opened with; later choices navigate to a new URL.
  const modelParams = useMemo(() => modelParamsFrom(opened), [opened]);
  const [index, setIndex] = useState<Gpt2Index | null>(null);
  const [inventory, setInventory] = useState<Inventory | null>(null);
  const [choice, setChoice] = useState<ModelChoiceResult | null>(null);
  const [size, setSize] = useState<{ bytes: number | null | undefined; error?: ErrorReport }>({ bytes: undefined });

  useEffect(() => {
    let live = true;
    Promise.all([fetchIndex(), askInventory().catch((e: Error): Inventory => ({ kept: [], broken: [], serverCopies: 0, usage: null, quota: null, persisted: null, unavailable: e.message }))]).then(
      ([idx, inv]) => {
        if (!live) return;
        setIndex(idx);
        setInventory(inv);
        const result = chooseModel({ params: modelParams, server: idx.models, kept: inv.kept, last: readLastChoice() });
        setChoice(result);
        if (result.decision.action === 'load') void load(result.decision.source, false);
      },
    );
    return () => {
      live = false;
    };
    // Once per page: later choices navigate (a new URL), which starts over.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const offer = choice?.decision.action === 'offer' ? choice.decision : null;
  // A kept model whose files went missing also ends up asking to download.
  const offerSource: HubModel | null = offer
    ? { kind: 'hub', hub: offer.hub, repo: offer.repo, revision: offer.revision, dtype: offer.dtype }
    : state.needsDownload && state.source?.kind === 'hub'
      ? state.source
      : null;

  // The site's security policy names the hub origins the worker may fetch from: a ?hub= outside
  // them would only fail, so the offer says why instead.
  const blockedHub = offerSource && index && !originAllowed(new URL(offerSource.hub).origin, index.hubOrigins) ? new URL(offerSource.hub).origin : null;

  useEffect(() => {
    if (!offerSource || !index || blockedHub) return;
    let live = true;
    probe(offerSource.hub, offerSource.repo, offerSource.revision)
      .then((bytes) => live && setSize({ bytes }))
      .catch((e: unknown) => live && setSize({ bytes: null, error: problemOf(e) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offerSource?.hub, offerSource?.repo, offerSource?.revision, probe, index, blockedHub]);

  useEffect(() => {
    if (state.status !== 'ready' || !state.source || !state.model) return;
    rememberChoice(state.source, state.model.random);
    if (state.report?.from === 'network' || state.report?.built) askInventory().then(setInventory, () => undefined);
  }, [state.status, state.source, state.model, state.report, askInventory]);

  const onRemove = useCallback(
    async (repo: string, revision: string) => {
      await remove(repo, revision);
      setInventory(await askInventory());
    },
    [remove, askInventory],
  );

  const chosenBy = choice?.decision.action === 'load' && choice.decision.explicit ? (modelParams.model ? `?model=${modelParams.model}` : `?repo=${modelParams.repo}`) : undefined;
  const hub = offerSource?.hub ?? (state.source?.kind === 'hub' ? state.source.hub : (modelParams.hub ?? 'https://huggingface.co'));

  return (
    <div className="space-y-5">
      {choice?.problems.map((p, i) => (
        <p key={choice.notes[i]} role="alert" className="rounded border border-red-400 p-3 text-sm">
          {problemText(t, p)}
        </p>
      ))}
      {!choice && <p className="text-sm text-zinc-500">{t('looking')}</p>}
      {state.model && <ModelHeader model={state.model} chosenBy={chosenBy} />}
      {!(offerSource && state.status === 'error') && <ModelStatus state={state} />}
      {blockedHub && (
        <p role="alert" data-testid="hub-blocked" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm dark:bg-amber-950">
          {t.rich('hubBlocked', { allowed: index!.hubOrigins.join(', '), blocked: blockedHub, env: HUB_ORIGINS_ENV, code: (c) => <code>{c}</code> })}
        </p>
      )}
      {offerSource && !blockedHub && state.status !== 'ready' && (
        <HubOffer
          hub={offerSource.hub}
          repo={offerSource.repo}
          revision={offerSource.revision}
          bytes={size.bytes}
          probeError={size.error && errorText(size.error)}
          busy={state.status === 'loading'}
          error={state.status === 'error' && !state.needsDownload && state.error ? errorText(state.error) : undefined}
          onLoad={() => void load(offerSource, true)}
        />
      )}
      {index && <ModelLibrary server={index.models} inventory={inventory} onRemove={onRemove} hub={hub} />}
      {index && index.broken.length > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">{t('brokenFolders', { list: index.broken.map((b) => `${b.name} (${b.error})`).join('; ') })}</p>
      )}
      {state.status === 'ready' && state.model && children({ model: state.model, gpt2, modelParams })}
    </div>
  );
}
