/**
 * fp32 graphs whose weights stay in the safetensors file (ONNX external data): onnxruntime-web
 * (WASM in Node) reads them from the file's bytes given at session creation, and computes what the
 * graph with embedded weights computes.
 */
import * as ortWeb from 'onnxruntime-web';
import pkg from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGpt2Graph } from './graph';
import { gpt2DefaultFeeds } from './graph-contract';
import { encodeSafetensors, readSafetensors } from './safetensors';
import { randomGpt2Weights, TINY_CONFIG } from './test-weights';
import { gpt2TensorShapes, gpt2WeightsFromSafetensors, type Gpt2Weights } from './weights';

const { onnx } = pkg;
const FILE = 'model.safetensors';
const source = randomGpt2Weights(TINY_CONFIG, 4);
const IDS = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13];

/** The tiny model as a safetensors file; wpe stored as F16, so it cannot be referenced and must be embedded. */
const fileBytes = encodeSafetensors(
  gpt2TensorShapes(TINY_CONFIG).map(([name, shape]) => ({ name, shape, dtype: name === 'wpe.weight' ? ('F16' as const) : ('F32' as const), data: source.get(name).data })),
);
const configJson = { n_layer: TINY_CONFIG.nLayer, n_head: TINY_CONFIG.nHead, n_embd: TINY_CONFIG.nEmbd, n_positions: TINY_CONFIG.nPositions, vocab_size: TINY_CONFIG.vocabSize };

async function run(model: Uint8Array, options: ortWeb.InferenceSession.SessionOptions = {}) {
  const session = await ortWeb.InferenceSession.create(model, { logSeverityLevel: 3, ...options });
  const d = gpt2DefaultFeeds(TINY_CONFIG);
  const out = await session.run({
    input_ids: new ortWeb.Tensor('int64', BigInt64Array.from(IDS.map(BigInt)), [1, IDS.length]),
    head_mask: new ortWeb.Tensor('float32', d.head_mask, [TINY_CONFIG.nLayer, TINY_CONFIG.nHead]),
    mlp_mask: new ortWeb.Tensor('float32', d.mlp_mask, [TINY_CONFIG.nLayer]),
    lens_position: new ortWeb.Tensor('int64', d.lens_position, [1]),
  });
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]));
}

let weights: Gpt2Weights;
let graph: Uint8Array;
let embedded: Uint8Array;
beforeAll(() => {
  ortWeb.env.wasm.numThreads = 1;
  weights = gpt2WeightsFromSafetensors(readSafetensors(fileBytes, FILE), configJson);
  graph = buildGpt2Graph(weights, { externalData: FILE });
  embedded = buildGpt2Graph(weights);
});

describe('buildGpt2Graph with externalData', () => {
  it('references every F32 weight in the file by location, offset and length, and embeds the F16 one', () => {
    const inits = onnx.ModelProto.decode(graph).graph!.initializer!;
    const external = inits.filter((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL);
    expect(external.map((t) => t.name).sort()).toEqual(gpt2TensorShapes(TINY_CONFIG).map(([n]) => n).filter((n) => n !== 'wpe.weight').sort());
    const wte = external.find((t) => t.name === 'wte.weight')!;
    const entries = Object.fromEntries(wte.externalData!.map((e) => [e.key, e.value]));
    const where = weights.location!('wte.weight')!;
    expect(entries).toEqual({ location: FILE, offset: String(where.offset), length: String(where.length) });
    const wteData = source.get('wte.weight').data;
    expect(Buffer.compare(Buffer.from(fileBytes.subarray(where.offset, where.offset + where.length)), Buffer.from(wteData.buffer, wteData.byteOffset, wteData.byteLength))).toBe(0);
    expect(inits.find((t) => t.name === 'wpe.weight')?.rawData?.length).toBe(TINY_CONFIG.nPositions * TINY_CONFIG.nEmbd * 4);
  });

  it('is small: the graph without the referenced weights', () => {
    // Only wpe (F16 in the file, 1024 × 64 float32 = 262 kB here) and the graph's own constants are embedded.
    expect(graph.length).toBeLessThan(300_000);
    expect(embedded.length - graph.length).toBeGreaterThan(fileBytes.length - 2 * TINY_CONFIG.nPositions * TINY_CONFIG.nEmbd - 50_000);
  });

  it('onnxruntime-web runs it from the file bytes and gives the embedded graph’s outputs', async () => {
    const viaFile = await run(graph, { externalData: [{ path: FILE, data: fileBytes }] });
    const plain = await run(embedded);
    for (const [k, v] of Object.entries(plain)) {
      let differ = 0;
      for (let i = 0; i < v.length; i++) if (!Object.is(v[i], viaFile[k][i])) differ++;
      expect(differ, k).toBe(0);
    }
  });

  it('without the file, session creation fails (the weights really are outside the graph)', async () => {
    await expect(ortWeb.InferenceSession.create(graph, { logSeverityLevel: 3 })).rejects.toThrow();
  });

  it('is refused for fp16 and int8, whose stored weights differ from the file', () => {
    expect(() => buildGpt2Graph(weights, { dtype: 'fp16', externalData: FILE })).toThrow('externalData needs dtype fp32 (got fp16)');
    expect(() => buildGpt2Graph(weights, { dtype: 'int8', externalData: FILE })).toThrow('externalData needs dtype fp32 (got int8)');
  });
});
