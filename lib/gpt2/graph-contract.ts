/**
 * The contract of the GPT-2 graph (lib/gpt2/graph.ts builds it; models/README.md documents it):
 * input and output names and the neutral input values. Kept apart from the builder so that the
 * browser worker and the model folder code do not pull in onnx-proto.
 */
import type { Gpt2Config } from './weights';

/** How the weights are stored: float32, float16 (cast to float32 on load) or int8 (dynamic quantisation). */
export type Gpt2Dtype = 'fp32' | 'fp16' | 'int8';
export const GPT2_DTYPES: readonly Gpt2Dtype[] = ['fp32', 'fp16', 'int8'];

export const GPT2_INPUTS = ['input_ids', 'head_mask', 'mlp_mask', 'lens_position'] as const;
export const GPT2_OUTPUTS = ['resid', 'final_norm', 'attn', 'lens_logits', 'next_logits'] as const;

/** lens_position for no logit lens at all: zero positions, so the graph computes no lens rows (text generation). */
export const NO_LENS: { dims: number[]; data: BigInt64Array } = { dims: [0], data: new BigInt64Array(0) };

/**
 * The neutral values of the inputs besides input_ids: head_mask ones [L, H], mlp_mask ones [L],
 * lens_position [-1] (one lens, at the last token; NO_LENS asks for none). Every input is
 * required: an initializer that doubles as an input would be a default in ONNX, but onnxruntime's
 * JS APIs cannot override one (onnxruntime-web rejects the feed as an "invalid input",
 * onnxruntime-node silently drops it).
 */
export function gpt2DefaultFeeds(config: Gpt2Config): { head_mask: Float32Array; mlp_mask: Float32Array; lens_position: BigInt64Array } {
  return {
    head_mask: new Float32Array(config.nLayer * config.nHead).fill(1),
    mlp_mask: new Float32Array(config.nLayer).fill(1),
    lens_position: BigInt64Array.of(-1n),
  };
}
