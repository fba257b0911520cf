/**
 * Which GPT-2 a page runs, from its URL, the models installed on the server, the hub models kept
 * in this browser and the reader's last choice. A random test model runs only when the URL names
 * it; without a usable model the page offers the hub download and never starts one unasked.
 */
import type { Gpt2Dtype } from './graph-contract';
import { HUB_DEFAULT, KNOWN_GPT2, REVISION_DEFAULT } from './known-models';
import type { HubModel, KeptModel, ServerModel } from '../worker/gpt2-protocol';

/** The URL parameters that choose the model (they stay in the URL when the page rewrites it). */
export interface ModelParams {
  /** ?model=NAME: an installed model folder, random test models included (the tests' setting). */
  model?: string;
  /** ?hub=URL: where hub downloads come from (mirrors, tests). */
  hub?: string;
  /** ?repo=OWNER/NAME and ?revision=REV: a hub checkpoint. */
  repo?: string;
  revision?: string;
  /** ?dtype=int8|fp16|fp32 for hub models; default: int8 on WebAssembly, fp16 on WebGPU. */
  dtype?: string;
}

export const MODEL_PARAM_KEYS = ['model', 'hub', 'repo', 'revision', 'dtype'] as const;

/** The reader's last choice, remembered by the page (localStorage). */
export type LastChoice = { kind: 'server'; name: string } | { kind: 'hub'; repo: string; revision: string };

export type ModelDecision =
  | { action: 'load'; source: ServerModel | HubModel; explicit: boolean }
  /** Show the hub offer for `repo` (its size and a download button). */
  | { action: 'offer'; hub: string; repo: string; revision: string; dtype: HubModel['dtype'] };

export interface ModelChoiceInput {
  params: ModelParams;
  server: ServerModel[];
  kept: KeptModel[];
  last?: LastChoice | null;
}

/** A problem with the URL's model parameters, for the page to word in the reader's language (messages: gpt2 `choice.<code>`). */
export type ModelChoiceProblem =
  | { code: 'badDtype'; params: { dtype: string; allowed: string } }
  | { code: 'noSuchModel'; params: { name: string; installed: string } };

export interface ModelChoiceResult {
  decision: ModelDecision;
  /** Problems with the URL's parameters, in English (the command line, tests). */
  notes: string[];
  /** The same problems as codes, one per note, in the same order. */
  problems: ModelChoiceProblem[];
}

/** A problem in English. */
export function problemNote(p: ModelChoiceProblem): string {
  switch (p.code) {
    case 'badDtype':
      return `?dtype=${p.params.dtype} is not one of ${p.params.allowed}: using the default for this browser.`;
    case 'noSuchModel':
      return `There is no GPT-2 model named "${p.params.name}" on this server${p.params.installed ? ` (installed: ${p.params.installed})` : ''}.`;
  }
}

/** Real checkpoints in the order the page prefers them. */
const PREFERRED = KNOWN_GPT2.map((k) => k.name);

const DTYPES: readonly Gpt2Dtype[] = ['int8', 'fp16', 'fp32'];

export function chooseModel(input: ModelChoiceInput): ModelChoiceResult {
  const problems: ModelChoiceProblem[] = [];
  const result = choose(input, problems);
  return { ...result, notes: problems.map(problemNote), problems };
}

function choose({ params, server, kept, last }: ModelChoiceInput, problems: ModelChoiceProblem[]): { decision: ModelDecision } {
  const hub = params.hub?.trim() ? params.hub.trim().replace(/\/+$/, '') : HUB_DEFAULT;
  const revision = params.revision?.trim() || REVISION_DEFAULT;
  let dtype: HubModel['dtype'] = 'auto';
  if (params.dtype) {
    if ((DTYPES as readonly string[]).includes(params.dtype)) dtype = params.dtype as Gpt2Dtype;
    else problems.push({ code: 'badDtype', params: { dtype: params.dtype, allowed: DTYPES.join(', ') } });
  }
  const hubModel = (repo: string, rev: string): HubModel => ({ kind: 'hub', hub, repo, revision: rev, dtype });
  const isKept = (repo: string, rev: string) => kept.some((k) => k.repo === repo && k.revision === rev && !k.partial);

  if (params.model) {
    const named = server.find((m) => m.name === params.model);
    if (named) return { decision: { action: 'load', source: named, explicit: true } };
    problems.push({ code: 'noSuchModel', params: { name: params.model, installed: server.map((m) => m.name).join(', ') } });
  }
  if (params.repo?.trim()) {
    const repo = params.repo.trim();
    if (isKept(repo, revision)) return { decision: { action: 'load', source: hubModel(repo, revision), explicit: true } };
    return { decision: { action: 'offer', hub, repo, revision, dtype } };
  }

  const real = server.filter((m) => !m.random).sort((a, b) => rank(a.name) - rank(b.name));
  // Kept hub models that are not random test models (their config says so; see the worker).
  const keptReal = kept.filter((k) => !k.partial && !k.random);
  if (last?.kind === 'server') {
    const m = real.find((s) => s.name === last.name);
    if (m) return { decision: { action: 'load', source: m, explicit: false } };
  }
  if (last?.kind === 'hub' && keptReal.some((k) => k.repo === last.repo && k.revision === last.revision)) {
    return { decision: { action: 'load', source: hubModel(last.repo, last.revision), explicit: false } };
  }
  if (real.length) return { decision: { action: 'load', source: real[0], explicit: false } };
  if (keptReal.length) return { decision: { action: 'load', source: hubModel(keptReal[0].repo, keptReal[0].revision), explicit: false } };
  return { decision: { action: 'offer', hub, repo: KNOWN_GPT2[0].repo, revision, dtype } };
}

function rank(name: string): number {
  const i = PREFERRED.indexOf(name);
  return i < 0 ? PREFERRED.length : i;
}

/** The URL parameters of a page, read from its query string. */
export function modelParamsFrom(search: URLSearchParams): ModelParams {
  const out: ModelParams = {};
  for (const key of MODEL_PARAM_KEYS) {
    const v = search.get(key);
    if (v !== null && v !== '') out[key] = v;
  }
  return out;
}
