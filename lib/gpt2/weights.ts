/**
 * GPT-2 weights as every GPT-2 module sees them: Hugging Face tensor names (without the optional
 * `transformer.` prefix) mapped to float32 data, plus the sizes from config.json. Holds the weight
 * map (every tensor a checkpoint must carry, with its shape), reads it out of a safetensors file
 * (lib/gpt2/safetensors.ts knows the file format, nothing of GPT-2) and checks the config and the
 * values before anything is built from them.
 */
import { Gpt2Error } from './errors';
import type { SafetensorsFile } from './safetensors';

export interface Gpt2Config {
  nLayer: number; // config.json n_layer
  nHead: number; // n_head
  nEmbd: number; // n_embd (D)
  nPositions: number; // n_positions (context length, 1,024 for GPT-2)
  vocabSize: number; // vocab_size (50,257)
  layerNormEpsilon: number; // layer_norm_epsilon (1e-5)
}

export interface Tensor {
  shape: number[];
  data: Float32Array; // row-major, length = product of shape
}

export interface Gpt2Weights {
  config: Gpt2Config;
  /** A tensor by its HF name, e.g. `h.0.attn.c_attn.weight` [D, 3D]; throws a clear error when absent. */
  get(name: string): Tensor;
  /**
   * Where the tensor's float32 bytes sit in the file the weights were read from (absolute byte
   * offset and length), when they are stored there as they are (F32, 4-byte aligned); undefined
   * otherwise. Lets the graph point at the file instead of copying (ONNX external data).
   */
  location?(name: string): { offset: number; length: number } | undefined;
}

/**
 * Limits on config.json sizes: far above every GPT-2 (XL has 48 layers, 1,600 dims, 25 heads,
 * 1,024 positions, 50,257 tokens) and low enough that a corrupt or hostile config fails here, not
 * after allocating gigabytes.
 */
export const CONFIG_LIMITS = { n_layer: 256, n_head: 1024, n_embd: 16384, n_positions: 65536, vocab_size: 1_000_000 } as const;

/**
 * Reads the fields we need from a Hugging Face GPT-2 config.json object: counts must be positive
 * integers within CONFIG_LIMITS, n_embd divisible by n_head, layer_norm_epsilon in (0, 1].
 */
export function parseGpt2Config(json: Record<string, unknown>): Gpt2Config {
  const count = (key: keyof typeof CONFIG_LIMITS, fallback?: number): number => {
    const v = json[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new Error(`config.json: "${key}" must be a positive integer (got ${JSON.stringify(json[key])})`);
    if (v > CONFIG_LIMITS[key]) throw new Error(`config.json: "${key}" ${v} exceeds the limit of ${CONFIG_LIMITS[key]} (not a GPT-2 config, or corrupt)`);
    return v;
  };
  const epsilon = json.layer_norm_epsilon ?? 1e-5;
  if (typeof epsilon !== 'number' || !(epsilon > 0 && epsilon <= 1)) {
    throw new Error(`config.json: "layer_norm_epsilon" must be a number in (0, 1] (got ${JSON.stringify(json.layer_norm_epsilon)}; GPT-2 uses 1e-5)`);
  }
  const config: Gpt2Config = {
    nLayer: count('n_layer'),
    nHead: count('n_head'),
    nEmbd: count('n_embd'),
    nPositions: count('n_positions', 1024),
    vocabSize: count('vocab_size', 50257),
    layerNormEpsilon: epsilon,
  };
  if (config.nEmbd % config.nHead !== 0) {
    throw new Error(`config.json: n_embd ${config.nEmbd} is not divisible by n_head ${config.nHead} (each head gets n_embd / n_head dimensions)`);
  }
  return config;
}

/** Every tensor a Hugging Face GPT-2 checkpoint must hold, with its shape, in the usual order. */
export function gpt2TensorShapes(config: Gpt2Config): [name: string, shape: number[]][] {
  const { nLayer, nEmbd: d, nPositions, vocabSize } = config;
  const shapes: [string, number[]][] = [
    ['wte.weight', [vocabSize, d]],
    ['wpe.weight', [nPositions, d]],
  ];
  for (let l = 0; l < nLayer; l++) {
    const h = `h.${l}.`;
    shapes.push(
      [`${h}ln_1.weight`, [d]],
      [`${h}ln_1.bias`, [d]],
      [`${h}attn.c_attn.weight`, [d, 3 * d]], // Conv1D: [in, out]
      [`${h}attn.c_attn.bias`, [3 * d]],
      [`${h}attn.c_proj.weight`, [d, d]],
      [`${h}attn.c_proj.bias`, [d]],
      [`${h}ln_2.weight`, [d]],
      [`${h}ln_2.bias`, [d]],
      [`${h}mlp.c_fc.weight`, [d, 4 * d]],
      [`${h}mlp.c_fc.bias`, [4 * d]],
      [`${h}mlp.c_proj.weight`, [4 * d, d]],
      [`${h}mlp.c_proj.bias`, [d]],
    );
  }
  shapes.push(['ln_f.weight', [d]], ['ln_f.bias', [d]]);
  return shapes;
}

/** Tensors a checkpoint may carry that we do not use: the causal-mask buffers, and lm_head (tied to wte). */
const IGNORED = /^(h\.\d+\.attn\.(bias|masked_bias)|lm_head\.weight)$/;

/**
 * GPT-2 weights from a safetensors file and its config.json object. Names may carry the
 * `transformer.` prefix; every required tensor must be present with the shape the config implies,
 * and no unknown tensor may be present. F16/BF16 tensors are converted once, on first use.
 */
export function gpt2WeightsFromSafetensors(file: SafetensorsFile, configJson: Record<string, unknown>): Gpt2Weights {
  const config = parseGpt2Config(configJson);
  const fileName = new Map<string, string>(); // our name -> name in the file
  const problems: string[] = [];
  for (const t of file.header.tensors) {
    const name = t.name.startsWith('transformer.') ? t.name.slice('transformer.'.length) : t.name;
    if (fileName.has(name)) problems.push(`"${name}" appears twice (with and without the "transformer." prefix)`);
    fileName.set(name, t.name);
  }
  const required = gpt2TensorShapes(config);
  const requiredNames = new Set(required.map(([n]) => n));
  const missing = required.filter(([n]) => !fileName.has(n)).map(([n]) => n);
  if (missing.length) problems.push(`missing ${missing.length} tensor(s): ${listSome(missing)}`);
  for (const [name, shape] of required) {
    const info = fileName.has(name) ? file.info(fileName.get(name)!) : undefined;
    if (info && info.shape.join(',') !== shape.join(',')) problems.push(`"${name}" has shape [${info.shape.join(', ')}], config implies [${shape.join(', ')}]`);
  }
  const unexpected = [...fileName.keys()].filter((n) => !requiredNames.has(n) && !IGNORED.test(n));
  if (unexpected.length) problems.push(`unexpected tensor(s) for a ${config.nLayer}-layer GPT-2: ${listSome(unexpected)}`);
  if (problems.length) throw new Error(`${file.source} does not match its config.json (n_layer ${config.nLayer}, n_embd ${config.nEmbd}, vocab ${config.vocabSize}, n_positions ${config.nPositions}):\n  - ${problems.join('\n  - ')}`);

  const shapes = new Map(required);
  const cache = new Map<string, Tensor>();
  return {
    config,
    get(name) {
      let t = cache.get(name);
      if (!t) {
        const shape = shapes.get(name);
        if (!shape) throw new Error(`${file.source}: "${name}" is not a GPT-2 weight`);
        t = { shape, data: file.float32(fileName.get(name)!) };
        cache.set(name, t);
      }
      return t;
    },
    location(name) {
      const info = shapes.has(name) ? file.info(fileName.get(name)!) : undefined;
      if (!info || info.dtype !== 'F32') return undefined;
      const offset = file.header.dataStart + info.begin;
      return offset % 4 === 0 ? { offset, length: info.end - info.begin } : undefined;
    },
  };
}

/**
 * Refuses NaN and ±Infinity anywhere in the weights, naming the tensor and the first bad index
 * (`model.safetensors: tensor "h.3.mlp.c_fc.weight" holds NaN at index 1234`): a graph built from
 * them would run and print NaN logits. `source` names the file in the message.
 */
export function checkFiniteWeights(weights: Gpt2Weights, source: string): void {
  for (const [name] of gpt2TensorShapes(weights.config)) {
    const data = weights.get(name).data;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v - v !== 0) {
        // only NaN and ±Infinity fail v − v = 0
        throw new Gpt2Error(
          'nanWeights',
          { file: source, tensor: name, value: String(v), index: i },
          `${source}: tensor "${name}" holds ${v} at index ${i}: the checkpoint is corrupt or was saved after training diverged; download it again or use another`,
        );
      }
    }
  }
}

function listSome(names: string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')} … and ${names.length - 8} more`;
}
