/**
 * Which GPT-2 the context and layers pages run: a real checkpoint by default (never a random test model),
 * or any installed model named by ?model= (the tests' setting, shown on the page).
 */
import type { ModelChoice } from '@/app/components/context/context-explorer';
import type { InstalledGpt2 } from '@/lib/node/gpt2-model-reader';

/** Real GPT-2 checkpoints, in the order the page prefers them. */
const PREFERRED = ['gpt2', 'distilgpt2', 'gpt2-medium'];

export function toModelChoice(m: InstalledGpt2): ModelChoice {
  const { manifest } = m;
  return {
    name: manifest.name,
    label: manifest.label,
    random: manifest.random,
    source: manifest.source,
    dtype: manifest.dtype,
    url: `/models/${encodeURIComponent(manifest.name)}/${encodeURIComponent(manifest.files.model.path)}`,
    bytes: manifest.files.model.bytes,
    sha256: manifest.files.model.sha256,
    config: manifest.config,
  };
}

export function pickModel(models: InstalledGpt2[], requested: string | undefined) {
  const rank = (m: InstalledGpt2) => {
    const i = PREFERRED.indexOf(m.manifest.name);
    return i < 0 ? PREFERRED.length : i;
  };
  const real = models.filter((m) => !m.manifest.random).sort((a, b) => rank(a) - rank(b));
  const explicit = requested ? models.find((m) => m.manifest.name === requested) : undefined;
  return { real, explicit, picked: explicit ?? real[0] };
}
