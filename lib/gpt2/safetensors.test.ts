import { describe, expect, it } from 'vitest';
import { MAX_HEADER_BYTES, encodeSafetensors, readSafetensors } from './safetensors';
import { float32ToHalfBits } from '../float16';

/** Builds a file by hand (independently of the writer): u64 length, header text, data bytes. */
function craft(header: unknown, data: Uint8Array | number[], headerText = JSON.stringify(header)): Uint8Array {
  const text = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const f32Bytes = (values: number[]) => new Uint8Array(new Float32Array(values).buffer);

describe('readSafetensors', () => {
  const tensors = [
    { name: 'a', dtype: 'F32' as const, shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, -6.5]) },
    { name: 'b', dtype: 'F32' as const, shape: [1], data: new Float32Array([0.1]) },
    { name: 'empty', dtype: 'F32' as const, shape: [0, 4], data: new Float32Array(0) },
  ];

  it('round-trips a file written by encodeSafetensors, F32 tensors as views', () => {
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const file = readSafetensors(bytes, 'good.safetensors');
    expect(file.header.metadata).toEqual({ format: 'pt' });
    expect(file.header.dataStart % 8).toBe(0);
    expect(file.header.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual(tensors.map((t) => [t.name, t.dtype, t.shape]));
    for (const t of tensors) expect(file.float32(t.name)).toEqual(t.data);
    expect(file.float32('a').buffer).toBe(bytes.buffer); // no copy
    expect(file.info('nope')).toBeUndefined();
    expect(() => file.float32('nope')).toThrow('good.safetensors: no tensor "nope"');
  });

  it('reads a hand-made file whose tensors are listed out of offset order', () => {
    const header = { y: { dtype: 'F32', shape: [1], data_offsets: [4, 8] }, x: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } };
    const file = readSafetensors(craft(header, f32Bytes([7, 9])).buffer as ArrayBuffer);
    expect(Array.from(file.float32('x'))).toEqual([7]);
    expect(Array.from(file.float32('y'))).toEqual([9]);
  });

  it('copies a tensor that is not 4-byte aligned in the file', () => {
    // A 1-byte U8 tensor pushes the F32 tensor to an odd offset.
    const data = new Uint8Array([42, ...f32Bytes([1.5, -2.25])]);
    const header = { flag: { dtype: 'U8', shape: [1], data_offsets: [0, 1] }, w: { dtype: 'F32', shape: [2], data_offsets: [1, 9] } };
    let text = JSON.stringify(header);
    text += ' '.repeat(8 - (text.length % 8)); // so that only the tensor offset misaligns it
    const bytes = craft(header, data, text);
    const file = readSafetensors(bytes, 'odd.safetensors');
    const w = file.float32('w');
    expect(Array.from(w)).toEqual([1.5, -2.25]);
    expect(w.buffer).not.toBe(bytes.buffer);
    expect(() => file.float32('flag')).toThrow('odd.safetensors: tensor "flag": dtype U8 cannot be read as floats');
  });

  it('copies when the file itself sits at an unaligned position in memory', () => {
    const bytes = encodeSafetensors(tensors);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const file = readSafetensors(shifted.subarray(1));
    expect(file.float32('a')).toEqual(tensors[0].data);
  });

  it('converts F16 and BF16 tensors to float32', () => {
    const values = new Float32Array([1, -2, 65504, 2 ** -24, 0.5, -0.333251953125]);
    const bf = new Float32Array([1, -2, 3.5, -1024, 2 ** -100, 1.5 * 2 ** 100]); // exact in bfloat16
    const bytes = encodeSafetensors([
      { name: 'h', dtype: 'F16', shape: [6], data: values },
      { name: 'b', dtype: 'BF16', shape: [2, 3], data: bf },
    ]);
    const file = readSafetensors(bytes);
    expect(file.float32('h')).toEqual(values);
    expect(file.float32('b')).toEqual(bf);
    // Hand-made F16 bits, independent of the writer: 0x3C00 = 1, 0xC000 = -2, 0x7C00 = inf.
    const hand = readSafetensors(craft({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] } }, [0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c]));
    expect(Array.from(hand.float32('h'))).toEqual([1, -2, Infinity]);
    // BF16 0x3F80 = 1.0, 0xC0A0 = -5.0.
    const handBf = readSafetensors(craft({ b: { dtype: 'BF16', shape: [2], data_offsets: [0, 4] } }, [0x80, 0x3f, 0xa0, 0xc0]));
    expect(Array.from(handBf.float32('b'))).toEqual([1, -5]);
  });

  it('reads F64 tensors', () => {
    const file = readSafetensors(craft({ d: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } }, new Uint8Array(new Float64Array([0.25, -3]).buffer)));
    expect(Array.from(file.float32('d'))).toEqual([0.25, -3]);
  });

  it('rejects a truncated file, naming the file and the tensor', () => {
    const bytes = encodeSafetensors(tensors);
    expect(() => readSafetensors(bytes.subarray(0, bytes.length - 4), 'cut.safetensors')).toThrow(
      /cut\.safetensors: tensor "b" ends at data byte 28, but the file holds only 24 data bytes \(truncated\?\)/,
    );
    expect(() => readSafetensors(bytes.subarray(0, 20), 'cut.safetensors')).toThrow(/cut\.safetensors: header length \d+ runs past the end of the 20-byte file/);
    expect(() => readSafetensors(bytes.subarray(0, 5), 'cut.safetensors')).toThrow('cut.safetensors: 5 bytes is too short for a safetensors file (truncated?)');
  });

  it('rejects a header length over the 100 MB limit', () => {
    const bytes = new Uint8Array(64);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(MAX_HEADER_BYTES + 1), true);
    expect(() => readSafetensors(bytes, 'big.safetensors')).toThrow(`big.safetensors: header length ${MAX_HEADER_BYTES + 1} exceeds the ${MAX_HEADER_BYTES}-byte limit`);
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 63n, true); // beyond Number precision
    expect(() => readSafetensors(bytes, 'big.safetensors')).toThrow('exceeds the');
  });

  it('rejects a header that is not JSON, not an object, or malformed', () => {
    expect(() => readSafetensors(craft(null, [], '{"a": {"dtype": "F32",'), 'bad.safetensors')).toThrow(/^bad\.safetensors: the header is not valid JSON/);
    expect(() => readSafetensors(craft(null, [], '[1, 2]'), 'bad.safetensors')).toThrow('the header is not valid JSON (does not start with "{")');
    expect(() => readSafetensors(craft(null, [0xff], '{"x": 1}'))).toThrow('tensor "x": entry is not an object');
    expect(() => readSafetensors(craft({ x: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }, []))).toThrow('tensor "x": shape [-1] is not a list of non-negative integers');
    expect(() => readSafetensors(craft({ x: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, []))).toThrow('is not [begin, end] with begin ≤ end');
    expect(() => readSafetensors(craft({ __metadata__: { n: 1 } }, []))).toThrow('__metadata__ must map strings to strings');
    const invalidUtf8 = craft(null, [], '{"x": 1}');
    invalidUtf8[10] = 0xff;
    expect(() => readSafetensors(invalidUtf8)).toThrow('the header is not valid JSON');
  });

  it('rejects overlapping offsets, gaps and trailing bytes', () => {
    const overlap = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } };
    expect(() => readSafetensors(craft(overlap, new Uint8Array(12)), 'o.safetensors')).toThrow('o.safetensors: tensor "b" (bytes 4..12) overlaps "a" (ends at 8)');
    const gap = { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } };
    expect(() => readSafetensors(craft(gap, new Uint8Array(12)))).toThrow('gap of 4 bytes before tensor "b"');
    const one = { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } };
    expect(() => readSafetensors(craft(one, new Uint8Array(6)))).toThrow('the tensors cover 4 data bytes but the file holds 6');
  });

  it('rejects an unknown dtype and a byte length that does not match dtype × shape', () => {
    expect(() => readSafetensors(craft({ x: { dtype: 'F17', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)), 'u.safetensors')).toThrow('u.safetensors: tensor "x": unknown dtype "F17"');
    expect(() => readSafetensors(craft({ x: { dtype: 'F16', shape: [3], data_offsets: [0, 4] } }, new Uint8Array(4)), 'u.safetensors')).toThrow('u.safetensors: tensor "x": 4 bytes, but F16 [3] needs 6');
  });
});

describe('encodeSafetensors', () => {
  it('writes F16 data as float32ToHalfBits gives it', () => {
    const data = new Float32Array([0.1, -7, 1e-6]);
    const bytes = encodeSafetensors([{ name: 'x', shape: [3], dtype: 'F16', data }]);
    const file = readSafetensors(bytes);
    const start = file.header.dataStart;
    expect(new Uint16Array(bytes.slice(start).buffer)).toEqual(float32ToHalfBits(data));
  });
});
