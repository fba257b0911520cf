import { describe, expect, it } from 'vitest';
import { encodeSafetensors, readSafetensors, type TensorSpec } from './safetensors';
import { checkFiniteWeights, gpt2TensorShapes, gpt2WeightsFromSafetensors, parseGpt2Config } from './weights';

const f32Bytes = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);

describe('gpt2WeightsFromSafetensors', () => {
  const configJson = { n_layer: 2, n_head: 2, n_embd: 4, n_positions: 8, vocab_size: 10, layer_norm_epsilon: 1e-5 };
  const config = parseGpt2Config(configJson);
  const shapes = gpt2TensorShapes(config);
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const tensorsFor = (prefix: string, dtype: TensorSpec['dtype'] = 'F32') =>
    shapes.map(([name, shape], i) => ({ name: prefix + name, shape, dtype, data: Float32Array.from({ length: size(shape) }, (_, j) => i + j / 8) }));

  it('lists every HF GPT-2 tensor with its shape', () => {
    expect(shapes).toHaveLength(2 + 12 * 2 + 2);
    expect(Object.fromEntries(shapes)).toMatchObject({
      'wte.weight': [10, 4],
      'wpe.weight': [8, 4],
      'h.1.attn.c_attn.weight': [4, 12],
      'h.1.attn.c_attn.bias': [12],
      'h.0.mlp.c_fc.weight': [4, 16],
      'h.0.mlp.c_proj.weight': [16, 4],
      'ln_f.bias': [4],
    });
  });

  it('accepts names with and without the transformer. prefix and ignores the mask buffers', () => {
    for (const prefix of ['', 'transformer.']) {
      const extra = [0, 1].map((l) => ({ name: `${prefix}h.${l}.attn.bias`, shape: [1, 1, 8, 8], dtype: 'F32' as const, data: new Float32Array(64).fill(1) }));
      const file = readSafetensors(encodeSafetensors([...tensorsFor(prefix), ...extra]), 'm.safetensors');
      const w = gpt2WeightsFromSafetensors(file, configJson);
      expect(w.config).toEqual(config);
      const t = w.get('h.1.mlp.c_fc.weight');
      expect(t.shape).toEqual([4, 16]);
      const index = shapes.findIndex(([n]) => n === 'h.1.mlp.c_fc.weight');
      expect(t.data[3]).toBe(index + 3 / 8);
      expect(w.get('h.1.mlp.c_fc.weight')).toBe(t); // converted once
      expect(() => w.get('h.0.attn.bias')).toThrow('m.safetensors: "h.0.attn.bias" is not a GPT-2 weight');
    }
  });

  it('converts F16 checkpoints', () => {
    const w = gpt2WeightsFromSafetensors(readSafetensors(encodeSafetensors(tensorsFor('', 'F16'))), configJson);
    expect(w.get('wte.weight').data[9]).toBe(9 / 8);
  });

  it('lists missing tensors, wrong shapes and unexpected tensors in one error', () => {
    const tensors = tensorsFor('').filter((t) => t.name !== 'h.1.ln_2.bias' && t.name !== 'ln_f.weight');
    const wpe = tensors.find((t) => t.name === 'wpe.weight')!;
    wpe.shape = [4, 8];
    tensors.push({ name: 'h.2.ln_1.weight', shape: [4], dtype: 'F32', data: new Float32Array(4) });
    let message = '';
    try {
      gpt2WeightsFromSafetensors(readSafetensors(encodeSafetensors(tensors), 'bad.safetensors'), configJson);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('bad.safetensors does not match its config.json (n_layer 2, n_embd 4, vocab 10, n_positions 8)');
    expect(message).toContain('missing 2 tensor(s): h.1.ln_2.bias, ln_f.weight');
    expect(message).toContain('"wpe.weight" has shape [4, 8], config implies [8, 4]');
    expect(message).toContain('unexpected tensor(s) for a 2-layer GPT-2: h.2.ln_1.weight');
  });

  it('rejects a tensor present both with and without the prefix', () => {
    const tensors = [...tensorsFor(''), { name: 'transformer.ln_f.bias', shape: [4], dtype: 'F32' as const, data: new Float32Array(4) }];
    expect(() => gpt2WeightsFromSafetensors(readSafetensors(encodeSafetensors(tensors)), configJson)).toThrow('"ln_f.bias" appears twice');
  });
});

describe('gpt2WeightsFromSafetensors: location', () => {
  const configJson = { n_layer: 1, n_head: 1, n_embd: 2, n_positions: 2, vocab_size: 3 };
  const shapes = gpt2TensorShapes(parseGpt2Config(configJson));
  const tensors = (dtype: (name: string) => TensorSpec['dtype']) =>
    shapes.map(([name, shape], i) => ({ name, shape, dtype: dtype(name), data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, j) => i * 10 + j) }));

  it('gives the absolute offset and length of every F32 tensor, whose bytes are the tensor', () => {
    const bytes = encodeSafetensors(tensors(() => 'F32'));
    const w = gpt2WeightsFromSafetensors(readSafetensors(bytes), configJson);
    for (const [name, shape] of shapes) {
      const where = w.location!(name)!;
      expect(where.length, name).toBe(4 * shape.reduce((a, b) => a * b, 1));
      expect(where.offset % 4, name).toBe(0);
      expect(new Float32Array(bytes.slice(where.offset, where.offset + where.length).buffer), name).toEqual(w.get(name).data);
    }
    expect(w.location!('h.0.attn.bias')).toBeUndefined();
  });

  it('gives nothing for a tensor stored as F16, or F32 at an offset that is not a multiple of 4', () => {
    const w = gpt2WeightsFromSafetensors(readSafetensors(encodeSafetensors(tensors((n) => (n === 'wpe.weight' ? 'F16' : 'F32')))), configJson);
    expect(w.location!('wpe.weight')).toBeUndefined();
    expect(w.location!('wte.weight')).toBeDefined();
    // A hand-made file whose header length is 1 mod 4 puts every tensor at an odd offset.
    const specs = tensors(() => 'F32');
    const header: Record<string, unknown> = {};
    let at = 0;
    for (const t of specs) {
      header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [at, at + 4 * t.data.length] };
      at += 4 * t.data.length;
    }
    let text = JSON.stringify(header);
    text += ' '.repeat((4 - ((8 + text.length) % 4) + 1) % 4); // 8 + N ≡ 1 (mod 4)
    const head = new TextEncoder().encode(text);
    const file = new Uint8Array(8 + head.length + at);
    new DataView(file.buffer).setBigUint64(0, BigInt(head.length), true);
    file.set(head, 8);
    let pos = 8 + head.length;
    for (const t of specs) {
      file.set(f32Bytes(Array.from(t.data)), pos);
      pos += 4 * t.data.length;
    }
    expect((8 + head.length) % 4).toBe(1);
    const odd = gpt2WeightsFromSafetensors(readSafetensors(file), configJson);
    expect(odd.location!('wte.weight')).toBeUndefined();
    expect(odd.get('wte.weight').data[1]).toBe(1); // still readable (copied)
  });
});

describe('parseGpt2Config', () => {
  const good = { n_layer: 12, n_head: 12, n_embd: 768, n_positions: 1024, vocab_size: 50257, layer_norm_epsilon: 1e-5 };

  it('reads the sizes, with GPT-2 defaults for positions, vocabulary and epsilon', () => {
    expect(parseGpt2Config(good)).toEqual({ nLayer: 12, nHead: 12, nEmbd: 768, nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 });
    expect(parseGpt2Config({ n_layer: 2, n_head: 4, n_embd: 64 })).toMatchObject({ nPositions: 1024, vocabSize: 50257, layerNormEpsilon: 1e-5 });
    expect(parseGpt2Config({ ...good, layer_norm_epsilon: 1 }).layerNormEpsilon).toBe(1);
  });

  it('refuses non-integer and non-positive counts, naming the key and the value', () => {
    expect(() => parseGpt2Config({ ...good, n_head: 0.5 })).toThrow('config.json: "n_head" must be a positive integer (got 0.5)');
    expect(() => parseGpt2Config({ ...good, n_layer: 0 })).toThrow('"n_layer" must be a positive integer (got 0)');
    expect(() => parseGpt2Config({ ...good, n_embd: '768' })).toThrow('"n_embd" must be a positive integer (got "768")');
    expect(() => parseGpt2Config({ ...good, vocab_size: Infinity })).toThrow('"vocab_size" must be a positive integer');
    expect(() => parseGpt2Config({ n_head: 12, n_embd: 768 })).toThrow('"n_layer" must be a positive integer (got undefined)');
  });

  it('refuses n_embd not divisible by n_head, absurd sizes and a bad epsilon', () => {
    expect(() => parseGpt2Config({ ...good, n_head: 7 })).toThrow('config.json: n_embd 768 is not divisible by n_head 7');
    expect(() => parseGpt2Config({ ...good, n_layer: 1e6 })).toThrow('config.json: "n_layer" 1000000 exceeds the limit of 256');
    expect(() => parseGpt2Config({ ...good, n_embd: 2 ** 20, n_head: 1 })).toThrow('"n_embd" 1048576 exceeds the limit of 16384');
    expect(() => parseGpt2Config({ ...good, vocab_size: 1e9 })).toThrow('"vocab_size" 1000000000 exceeds the limit');
    expect(() => parseGpt2Config({ ...good, layer_norm_epsilon: 0 })).toThrow('"layer_norm_epsilon" must be a number in (0, 1] (got 0');
    expect(() => parseGpt2Config({ ...good, layer_norm_epsilon: 2 })).toThrow('"layer_norm_epsilon" must be a number in (0, 1]');
  });
});

describe('checkFiniteWeights', () => {
  const configJson = { n_layer: 4, n_head: 2, n_embd: 4, n_positions: 8, vocab_size: 10 };
  const shapes = gpt2TensorShapes(parseGpt2Config(configJson));
  const file = (bad?: { name: string; index: number; value: number }) =>
    readSafetensors(
      encodeSafetensors(
        shapes.map(([name, shape]) => {
          const data = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5);
          if (bad?.name === name) data[bad.index] = bad.value;
          return { name, shape, dtype: 'F32' as const, data };
        }),
      ),
      'model.safetensors',
    );

  it('passes finite weights', () => {
    expect(() => checkFiniteWeights(gpt2WeightsFromSafetensors(file(), configJson), 'model.safetensors')).not.toThrow();
  });

  it('names the tensor, the value and the index of the first NaN or ±Infinity', () => {
    const check = (value: number) => () => checkFiniteWeights(gpt2WeightsFromSafetensors(file({ name: 'h.3.mlp.c_fc.weight', index: 12, value }), configJson), 'model.safetensors');
    expect(check(NaN)).toThrow('model.safetensors: tensor "h.3.mlp.c_fc.weight" holds NaN at index 12');
    expect(check(Infinity)).toThrow('tensor "h.3.mlp.c_fc.weight" holds Infinity at index 12');
    expect(check(-Infinity)).toThrow('holds -Infinity at index 12');
  });
});
