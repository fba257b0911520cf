/**
 * The shape of GPT-2 weights as every GPT-2 module sees them: Hugging Face tensor names (without
 * the optional `transformer.` prefix) mapped to float32 data, plus the sizes from config.json.
 * The safetensors reader produces this; the graph builder and the reference forward pass consume it.
 */
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
}

/** Reads the fields we need from a Hugging Face GPT-2 config.json object. */
export function parseGpt2Config(json: Record<string, unknown>): Gpt2Config {
  const num = (key: string, fallback?: number): number => {
    const v = json[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`config.json: "${key}" must be a positive number (got ${JSON.stringify(json[key])})`);
    return v;
  };
  const config: Gpt2Config = {
    nLayer: num('n_layer'),
    nHead: num('n_head'),
    nEmbd: num('n_embd'),
    nPositions: num('n_positions', 1024),
    vocabSize: num('vocab_size', 50257),
    layerNormEpsilon: num('layer_norm_epsilon', 1e-5),
  };
  if (config.nEmbd % config.nHead !== 0) throw new Error(`config.json: n_embd ${config.nEmbd} is not divisible by n_head ${config.nHead}`);
  return config;
}
