'use client';
/**
 * Every GPT-2 the page can run: the hub offer for a model that is not kept yet (size and a
 * button), and the library — models installed on the server, models kept in this browser (space
 * used, remove), checkpoints to fetch from the hub, and the precision to run them in.
 */
import { useState } from 'react';
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

/** A link that keeps the page's other parameters as they are when it is clicked. */
function ModelLink({ params, children, ...rest }: { params: ModelParams; children: React.ReactNode; 'data-testid'?: string; 'data-repo'?: string }) {
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
  const known = knownByRepo(repo);
  const size = bytes ?? (known ? known.downloadMB * 1e6 : null);
  const host = new URL(hub).host;
  const name = known ? `${known.label} (${repo})` : repo;
  return (
    <div data-testid="hub-offer" className="space-y-2 rounded border border-sky-300 bg-sky-50 p-4 text-sm dark:border-sky-800 dark:bg-sky-950">
      <p>
        GPT-2 runs in your browser. Its weights come from the Hugging Face hub{host !== 'huggingface.co' && <> through <strong>{host}</strong></>}: downloaded once, then kept in
        this browser, so the next visit needs no network. Nothing is sent anywhere.
      </p>
      <button
        type="button"
        data-testid="hub-load"
        data-repo={repo}
        disabled={busy}
        onClick={onLoad}
        className="rounded bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 disabled:opacity-50"
      >
        {error ? 'Try again (the download resumes)' : `Load ${name} from ${host === 'huggingface.co' ? 'Hugging Face' : host}`}
        {size !== null ? ` — ${MB(size)} MB once, then kept in this browser` : ''}
      </button>
      {revision !== 'main' && <p className="text-xs">Revision: {revision}</p>}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Running the app yourself? <code>npm run models:gpt2</code> installs GPT-2 on the server instead, for every browser that opens it.
      </p>
      {bytes === null && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          {host} did not answer{probeError ? ` (${probeError})` : ''}{known ? '; the size shown is the usual one' : ''}. If you are offline, connect and try again: nothing is
          kept for this model yet.
        </p>
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
  const [repo, setRepo] = useState('');
  const [revision, setRevision] = useState('main');
  const [removing, setRemoving] = useState<string | null>(null);
  const real = server.filter((m) => !m.random);
  const keptTotal = inventory?.kept.reduce((a, k) => a + k.bytes, 0) ?? 0;
  return (
    <details data-testid="model-library" className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">Models: other checkpoints, precision, storage</summary>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <section aria-label="From the Hugging Face hub" className="space-y-2">
          <h3 className="font-medium">From the Hugging Face hub</h3>
          <ul className="space-y-1">
            {KNOWN_GPT2.map((k) => (
              <li key={k.repo}>
                <ModelLink params={{ repo: k.repo, hub: hub === 'https://huggingface.co' ? undefined : hub }} data-testid="hub-model-link" data-repo={k.repo}>
                  {k.label}
                </ModelLink>{' '}
                <span className="text-xs text-zinc-500">
                  {k.repo}, {k.downloadMB} MB
                </span>
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
              Any GPT-2 repository
              <input
                value={repo}
                onChange={(e) => setRepo(e.target.value)}
                placeholder="owner/name"
                spellCheck={false}
                className="mt-0.5 block w-48 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <label className="text-xs">
              Revision
              <input
                value={revision}
                onChange={(e) => setRevision(e.target.value)}
                spellCheck={false}
                className="mt-0.5 block w-24 rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <button type="submit" className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              Open
            </button>
          </form>
          <p className="text-xs text-zinc-500">
            Fine-tunes of GPT-2 work too (their config.json must say <code>model_type: &quot;gpt2&quot;</code>). For a mirror, add <code>?hub=https://hf-mirror.com</code> to the
            address.
          </p>
          <h3 className="pt-2 font-medium">Precision</h3>
          <p className="space-x-3 text-xs">
            <ModelLink params={{ ...currentModelParams(), dtype: 'int8' }} data-testid="dtype-int8">
              int8 (fast on WebAssembly)
            </ModelLink>
            <ModelLink params={{ ...currentModelParams(), dtype: 'fp16' }} data-testid="dtype-fp16">
              fp16 (for WebGPU)
            </ModelLink>
            <ModelLink params={{ ...currentModelParams(), dtype: 'fp32' }} data-testid="dtype-fp32">
              fp32 (exact)
            </ModelLink>
          </p>
          <p className="text-xs text-zinc-500">For models from the hub; the default is int8 on WebAssembly and fp16 on WebGPU.</p>
        </section>
        <section aria-label="Kept in this browser and installed on the server" className="space-y-2">
          <h3 className="font-medium">Kept in this browser</h3>
          {inventory?.unavailable && <p className="text-xs text-amber-700 dark:text-amber-400">{inventory.unavailable}</p>}
          {inventory && inventory.kept.length === 0 && !inventory.unavailable && <p className="text-xs text-zinc-500">Nothing yet.</p>}
          <ul className="space-y-1">
            {inventory?.kept.map((k) => {
              const key = `${k.repo}@${k.revision}`;
              return (
                <li key={key} data-testid="kept-model" data-repo={k.repo} className="flex flex-wrap items-center gap-2">
                  <ModelLink params={{ repo: k.repo, revision: k.revision === 'main' ? undefined : k.revision }}>{k.repo}</ModelLink>
                  <span className="text-xs text-zinc-500">
                    {k.revision !== 'main' && `${k.revision}, `}
                    {MB(k.bytes)} MB{k.builds.length > 0 && `, built: ${k.builds.join(', ')}`}
                    {k.partial && ', download incomplete (resumes)'}
                    {k.random && ', random test model'}
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
                    {removing === key ? 'Removing…' : 'Remove'}
                  </button>
                </li>
              );
            })}
          </ul>
          {inventory && (
            <p data-testid="storage-usage" data-bytes={keptTotal} className="text-xs text-zinc-500">
              Models kept here: {MB(keptTotal)} MB{inventory.serverCopies > 0 && <>, plus {MB(inventory.serverCopies)} MB of copies of this server&apos;s models</>}
              {inventory.usage !== null && inventory.quota !== null && <> (this site uses {MB(inventory.usage)} MB of the {MB(inventory.quota)} MB the browser allows)</>}
              {inventory.persisted === true && '; the browser keeps it until you remove it'}
              {inventory.persisted === false && '; the browser may clear it when space runs low'}.
            </p>
          )}
          {inventory && inventory.broken.length > 0 && (
            <p className="text-xs text-amber-700 dark:text-amber-400">Unreadable folders in this browser&apos;s storage: {inventory.broken.map((b) => `${b.folder} (${b.error})`).join('; ')}</p>
          )}
          {real.length > 0 && (
            <>
              <h3 className="pt-2 font-medium">Installed on this server</h3>
              <ul className="space-y-1">
                {real.map((m) => (
                  <li key={m.name}>
                    <ModelLink params={{ model: m.name }}>{m.label}</ModelLink> <span className="text-xs text-zinc-500">({m.dtype}, {MB(m.bytes)} MB)</span>
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
