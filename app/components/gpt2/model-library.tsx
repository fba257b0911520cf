'use client';
/**
 * Every GPT-2 the page can run: the hub offer for a model that is not kept yet (size and a
 * button), and the library — models installed on the server, models kept in this browser (space
 * used, remove), checkpoints to fetch from the hub, and the precision to run them in. In Chinese
 * the offer also suggests a hub mirror (the hub is often slow or out of reach from China).
 */
import { useLocale, useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { KNOWN_GPT2, knownByRepo } from '@/lib/gpt2/known-models';
import { MODEL_PARAM_KEYS, modelParamsFrom, type ModelParams } from '@/lib/gpt2/model-choice';
import type { Inventory, ServerModel } from '@/lib/worker/gpt2-protocol';
import { MB } from './model-status';
import { currentUrlState } from '@/app/url-state';
import { urlForState } from '@/lib/url-state';

/** The current page's address with its model parameters replaced (the rest — prompt, layer… — kept). */
export function hrefWithModel(params: ModelParams): string {
  if (typeof window === 'undefined') return '';
  const search = currentUrlState();
  for (const key of MODEL_PARAM_KEYS) search.delete(key);
  for (const key of MODEL_PARAM_KEYS) if (params[key]) search.set(key, params[key]!);
  return urlForState(window.location.pathname, search.toString());
}

/** The hub mirror the Chinese page suggests (allowed by the site's default security policy). */
export const HF_MIRROR = 'https://hf-mirror.com';

/** A link that keeps the page's other parameters as they are when it is clicked. */
function ModelLink({ params, children, ...rest }: { params: ModelParams; children: ReactNode; 'data-testid'?: string; 'data-repo'?: string }) {
  return (
    <a
      href={hrefWithModel(params)}
      onClick={(e) => {
        e.preventDefault();
        window.location.assign(hrefWithModel(params));
      }}
      className="text-sky-700 hover:underline dark:text-sky-400"
      {...rest}
    >
      {children}
    </a>
  );
}

interface OfferProps {
  hub: string;
  repo: string;
  revision: string;
  /** Bytes of model.safetensors: undefined while asking the hub, null when it could not say. */
  bytes: number | null | undefined;
  probeError?: string;
  busy: boolean;
  /** The last attempt's error (a retry resumes the download). */
  error?: string;
  onLoad: () => void;
}

/** "Load X from Hugging Face (N MB once, then kept in this browser)". */
export function HubOffer({ hub, repo, revision, bytes, probeError, busy, error, onLoad }: OfferProps) {
  const t = useTranslations('gpt2.offer');
  const locale = useLocale();
  const known = knownByRepo(repo);
  const size = bytes ?? (known ? known.downloadMB * 1e6 : null);
  const host = new URL(hub).host;
  const direct = host === 'huggingface.co';
  const name = known ? `${known.label} (${repo})` : repo;
  const sizeText = size !== null ? MB(size) : 'none';
  return (
    <div data-testid="hub-offer" className="space-y-2 rounded border border-sky-300 bg-sky-50 p-4 text-sm dark:border-sky-800 dark:bg-sky-950">
      <p>{direct ? t('intro') : t.rich('introVia', { host, b: (c) => <strong>{c}</strong> })}</p>
      <button
        type="button"
        data-testid="hub-load"
        data-repo={repo}
        disabled={busy}
        onClick={onLoad}
        className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-50"
      >
        {error ? t('retry', { size: sizeText }) : t('load', { name, source: direct ? 'hub' : host, size: sizeText })}
      </button>
      {direct && locale === 'zh' && (
        <p data-testid="hub-mirror" className="text-xs">
          {t.rich('mirror', {
            link: (c) => (
              <ModelLink params={{ ...currentModelParams(), repo, revision: revision === 'main' ? undefined : revision, hub: HF_MIRROR }} data-testid="hub-mirror-link">
                {c}
              </ModelLink>
            ),
          })}
        </p>
      )}
      {revision !== 'main' && <p className="text-xs">{t('revision', { revision })}</p>}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.rich('selfHost', { code: (c) => <code>{c}</code> })}</p>
      {bytes === null && (
        <p className="text-xs text-amber-800 dark:text-amber-300">{t('noAnswer', { host, detail: probeError ?? 'none', known: known ? 'yes' : 'no' })}</p>
      )}
      {error && (
        <p role="alert" data-testid="hub-error" className="text-sm text-red-800 dark:text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}

interface LibraryProps {
  server: ServerModel[];
  inventory: Inventory | null;
  /** Called with a kept model to forget; resolves when done. */
  onRemove: (repo: string, revision: string) => Promise<void>;
  hub: string;
}

export function ModelLibrary({ server, inventory, onRemove, hub }: LibraryProps) {
  const t = useTranslations('gpt2.library');
  const fromHub = t('fromHub');
  const keptSection = t('keptSection');
  const repoPlaceholder = t('repoPlaceholder');
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('main');
  const [removing, setRemoving] = useState<string | null>(null);
  const real = server.filter((m) => !m.random);
  const keptTotal = inventory?.kept.reduce((a, k) => a + k.bytes, 0) ?? 0;
  return (
    <details data-testid="model-library" className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">{t('summary')}</summary>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <section aria-label={fromHub} className="space-y-2">
          <h3 className="font-medium">{fromHub}</h3>
          <ul className="space-y-1">
            {KNOWN_GPT2.map((k) => (
              <li key={k.repo}>
                <ModelLink params={{ repo: k.repo, hub: hub === 'https://huggingface.co' ? undefined : hub }} data-testid="hub-model-link" data-repo={k.repo}>
                  {k.label}
                </ModelLink>{' '}
                <span className="text-xs text-zinc-500">{t('knownSize', { repo: k.repo, size: k.downloadMB })}</span>
              </li>
            ))}
          </ul>
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (repo.trim()) window.location.assign(hrefWithModel({ repo: repo.trim(), revision: revision.trim() === 'main' ? undefined : revision.trim(), hub: hub === 'https://huggingface.co' ? undefined : hub }));
            }}
          >
            <label className="text-xs">
              {t('anyRepo')}
              <input
                value={repo}
                onChange={(e) => setRepo(e.target.value)}
                placeholder={repoPlaceholder}
                spellCheck={false}
                className="mt-0.5 block w-48 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <label className="text-xs">
              {t('revision')}
              <input
                value={revision}
                onChange={(e) => setRevision(e.target.value)}
                spellCheck={false}
                className="mt-0.5 block w-24 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <button type="submit" className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              {t('open')}
            </button>
          </form>
          <p className="text-xs text-zinc-500">{t.rich('fineTunes', { code: (c) => <code>{c}</code> })}</p>
          <h3 className="pt-2 font-medium">{t('precision')}</h3>
          <p className="space-x-3 text-xs">
            <ModelLink params={{ ...currentModelParams(), dtype: 'int8' }} data-testid="dtype-int8">
              {t('int8')}
            </ModelLink>
            <ModelLink params={{ ...currentModelParams(), dtype: 'fp16' }} data-testid="dtype-fp16">
              {t('fp16')}
            </ModelLink>
            <ModelLink params={{ ...currentModelParams(), dtype: 'fp32' }} data-testid="dtype-fp32">
              {t('fp32')}
            </ModelLink>
          </p>
          <p className="text-xs text-zinc-500">{t('precisionNote')}</p>
        </section>
        <section aria-label={keptSection} className="space-y-2">
          <h3 className="font-medium">{t('kept')}</h3>
          {inventory?.unavailable && <p className="text-xs text-amber-700 dark:text-amber-400">{t('unavailable', { detail: inventory.unavailable })}</p>}
          {inventory && inventory.kept.length === 0 && !inventory.unavailable && <p className="text-xs text-zinc-500">{t('nothingYet')}</p>}
          <ul className="space-y-1">
            {inventory?.kept.map((k) => {
              const key = `${k.repo}@${k.revision}`;
              return (
                <li key={key} data-testid="kept-model" data-repo={k.repo} className="flex flex-wrap items-center gap-2">
                  <ModelLink params={{ repo: k.repo, revision: k.revision === 'main' ? undefined : k.revision }}>{k.repo}</ModelLink>
                  <span className="text-xs text-zinc-500">
                    {t('keptDetails', {
                      revision: k.revision,
                      size: MB(k.bytes),
                      builds: k.builds.length > 0 ? k.builds.join(', ') : 'none',
                      partial: k.partial ? 'yes' : 'no',
                      random: k.random ? 'yes' : 'no',
                    })}
                  </span>
                  <button
                    type="button"
                    data-testid="hub-remove"
                    disabled={removing === key}
                    onClick={async () => {
                      setRemoving(key);
                      await onRemove(k.repo, k.revision).finally(() => setRemoving(null));
                    }}
                    className="rounded border border-zinc-300 px-2 text-xs hover:bg-red-50 hover:text-red-800 dark:border-zinc-700 dark:hover:bg-red-950"
                  >
                    {removing === key ? t('removing') : t('remove')}
                  </button>
                </li>
              );
            })}
          </ul>
          {inventory && (
            <p data-testid="storage-usage" data-bytes={keptTotal} className="text-xs text-zinc-500">
              {t('usage', {
                size: MB(keptTotal),
                copies: inventory.serverCopies > 0 ? MB(inventory.serverCopies) : 'none',
                used: inventory.usage !== null ? MB(inventory.usage) : '',
                quota: inventory.usage !== null && inventory.quota !== null ? MB(inventory.quota) : 'none',
                persisted: inventory.persisted === true ? 'yes' : inventory.persisted === false ? 'no' : 'unknown',
              })}
            </p>
          )}
          {inventory && inventory.broken.length > 0 && (
            <p className="text-xs text-amber-700 dark:text-amber-400">{t('broken', { list: inventory.broken.map((b) => `${b.folder} (${b.error})`).join('; ') })}</p>
          )}
          {real.length > 0 && (
            <>
              <h3 className="pt-2 font-medium">{t('installed')}</h3>
              <ul className="space-y-1">
                {real.map((m) => (
                  <li key={m.name}>
                    <ModelLink params={{ model: m.name }}>{m.label}</ModelLink> <span className="text-xs text-zinc-500">{t('installedDetails', { dtype: m.dtype, size: MB(m.bytes) })}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </details>
  );
}

/** The model parameters of the current address (so a precision link keeps the model). */
const currentModelParams = (): ModelParams => (typeof window === 'undefined' ? {} : modelParamsFrom(currentUrlState()));
