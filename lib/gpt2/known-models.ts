/**
 * The GPT-2 checkpoints on the Hugging Face hub that the app and `npm run models:gpt2` offer by
 * name. Any other repository whose config.json says `model_type: "gpt2"` loads too; these are
 * the ones with a friendly label and a size known before asking the hub.
 */
export interface KnownGpt2 {
  /** Short name: the CLI's --model and the models/ folder. */
  name: string;
  /** Repository on the hub. */
  repo: string;
  label: string;
  nLayer: number;
  nEmbd: number;
  /** model.safetensors, MB (10^6 bytes). */
  downloadMB: number;
}

export const KNOWN_GPT2: readonly KnownGpt2[] = [
  { name: 'gpt2', repo: 'openai-community/gpt2', label: 'GPT-2 small (124M)', nLayer: 12, nEmbd: 768, downloadMB: 548 },
  { name: 'distilgpt2', repo: 'distilbert/distilgpt2', label: 'DistilGPT-2 (82M)', nLayer: 6, nEmbd: 768, downloadMB: 353 },
  { name: 'gpt2-medium', repo: 'openai-community/gpt2-medium', label: 'GPT-2 medium (355M)', nLayer: 24, nEmbd: 1024, downloadMB: 1520 },
];

/** The known checkpoint stored in `repo` (also under its old short name, e.g. "gpt2"), if any. */
export function knownByRepo(repo: string): KnownGpt2 | undefined {
  return KNOWN_GPT2.find((k) => k.repo === repo || k.name === repo);
}

export const HUB_DEFAULT = 'https://huggingface.co';
export const REVISION_DEFAULT = 'main';
