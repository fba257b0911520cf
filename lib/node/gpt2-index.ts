/** The listing of installed GPT-2 models that the GPT-2 pages read (/models/index.json). */
import { KNOWN_GPT2 } from '../gpt2/known-models';
import type { ServerModel } from '../worker/gpt2-protocol';
import type { InstalledGpt2 } from './gpt2-model-reader';

/** One installed model folder as the page and the worker see it; `url` is relative to /models/index.json. */
export function serverModelOf({ manifest }: InstalledGpt2): ServerModel {
  // `models:gpt2` records the repository as the source ("openai-community/gpt2", or "… (from DIR)").
  const known = manifest.random ? undefined : KNOWN_GPT2.find((k) => manifest.source === k.repo || manifest.source.startsWith(`${k.repo} `));
  return {
    kind: 'server',
    name: manifest.name,
    label: manifest.label,
    random: manifest.random,
    source: manifest.source,
    repo: known?.repo ?? null,
    dtype: manifest.dtype,
    config: manifest.config,
    url: `${encodeURIComponent(manifest.name)}/${encodeURIComponent(manifest.files.model.path)}`,
    bytes: manifest.files.model.bytes,
    sha256: manifest.files.model.sha256,
  };
}

export interface Gpt2Index {
  models: ServerModel[];
  broken: { name: string; error: string }[];
  /** The hub origins this site's security policy lets the GPT-2 loader fetch from (patterns like https://*.hf.co included). */
  hubOrigins: string[];
}
