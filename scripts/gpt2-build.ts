/** The build step shared by `models:gpt2` and `models:random-gpt2`: a Hugging Face folder -> models/NAME/. */
import path from 'node:path';
import { installGpt2FromFolder } from '../lib/node/gpt2-convert';
import { readGpt2Model } from '../lib/node/gpt2-model-reader';
import type { Gpt2Dtype } from '../lib/gpt2/graph-contract';
import type { Gpt2ModelInfo } from '../lib/node/gpt2-model-writer';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** "models/NAME (label, dtype, model.onnx N MB)" when a valid model of that dtype is installed there, else null. */
export async function installedSummary(root: string, name: string, dtype: Gpt2Dtype): Promise<string | null> {
  const installed = await readGpt2Model(name, root).catch(() => null);
  if (!installed || installed.manifest.dtype !== dtype) return null;
  const { manifest } = installed;
  return `${path.join(root, name)} (${manifest.label}, ${manifest.dtype}, model.onnx ${mb(manifest.files.model.bytes)})`;
}

/** Builds the model folder, reporting stages on stderr and the result (with peak resident memory) on stdout. */
export async function buildModelFolder(sourceDir: string, info: Omit<Gpt2ModelInfo, 'config'>, root: string): Promise<void> {
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const manifest = await installGpt2FromFolder(sourceDir, info, root, (stage) => console.error(`[${elapsed()}] ${stage} …`));
  const { config } = manifest;
  console.log(
    `${path.join(root, manifest.name)}: ${manifest.label}, ${config.nLayer} layers × ${config.nEmbd} dims, ${manifest.dtype}, ` +
      `model.onnx ${manifest.files.model.bytes.toLocaleString('en')} bytes (${mb(manifest.files.model.bytes)}); ` +
      `built in ${elapsed()}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
}
