import { describe, expect, it } from 'vitest';
import { corruptBytes, runFuzz, type Fuzzer } from '../vectors/fuzz';
import { encodeSafetensors, readSafetensors } from './safetensors';

const DTYPES = ['F32', 'F16', 'BF16', 'F64', 'I8', 'U8', 'I64', 'BOOL', 'F8_E4M3', 'X', 'f32', '', 'F32 '];
const ODD_VALUES: unknown[] = [-1, 1.5, 2 ** 53, 2 ** 64, 1e308, NaN, null, '3', [], {}, true, [1, 2, 3], [[1]], [-0], [3, 2]];

/** A small valid file: a few tensors in F32, F16 or BF16, sometimes metadata. */
function validFile(f: Fuzzer): Uint8Array {
  const tensors = Array.from({ length: 1 + f.int(4) }, (_, i) => {
    const shape = Array.from({ length: f.int(3) }, () => f.int(4));
    const count = shape.reduce((a, b) => a * b, 1);
    return { name: `t${i}`, dtype: f.pick(['F32', 'F16', 'BF16'] as const), shape, data: Float32Array.from({ length: count }, () => f.next() * 2 - 1) };
  });
  return encodeSafetensors(tensors, f.chance(0.3) ? { format: 'pt' } : undefined);
}

/** The same file with its header JSON edited: dtypes, shapes, offsets, names, metadata, the length field. */
function editHeader(f: Fuzzer, file: Uint8Array): Uint8Array {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))) as Record<string, Record<string, unknown>>;
  const names = Object.keys(header).filter((k) => k !== '__metadata__');
  for (let e = 1 + f.int(3); e > 0; e--) {
    const picked = header[f.pick(names)];
    const entry = typeof picked === 'object' && picked !== null ? picked : {};
    switch (f.int(7)) {
      case 0:
        entry.dtype = f.pick(DTYPES);
        break;
      case 1:
        entry.shape = f.chance(0.5) ? f.pick(ODD_VALUES) : [f.int(1000), f.int(1000)];
        break;
      case 2:
        entry.data_offsets = f.chance(0.5) ? f.pick(ODD_VALUES) : [f.int(64), f.int(64)];
        break;
      case 3:
        // defineProperty: a plain assignment to "__proto__" would set the prototype, not a key.
        Object.defineProperty(header, f.pick(['__proto__', 'constructor', '', 'x'.repeat(300), '__metadata__']), { value: f.pick(ODD_VALUES), enumerable: true, configurable: true, writable: true });
        break;
      case 4:
        delete entry[f.pick(['dtype', 'shape', 'data_offsets'])];
        break;
      case 5:
        header.__metadata__ = f.pick([{ a: 1 }, 'x', [], { a: 'b' }, null]) as Record<string, unknown>;
        break;
      default:
        header[f.pick(names)] = f.pick(ODD_VALUES) as Record<string, unknown>;
    }
  }
  const text = new TextEncoder().encode(JSON.stringify(header));
  const data = file.subarray(8 + n);
  const out = new Uint8Array(8 + text.length + data.length);
  // The length field: right, or off by a little, or absurd.
  const length = f.chance(0.8) ? BigInt(text.length) : f.pick([0n, 1n, BigInt(text.length + 1), BigInt(text.length - 1), 2n ** 63n, 2n ** 64n - 1n, 100_000_001n]);
  new DataView(out.buffer).setBigUint64(0, length < 0n ? 0n : length, true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const outcomes = { read: 0, refused: 0 };

/** Reads the file and every tensor: only plain Errors with messages, and what is read has the header's shape. */
function check(bytes: Uint8Array): void {
  const own = (e: unknown) => {
    if (!(e instanceof Error) || e.constructor !== Error || !e.message) throw new Error(`threw ${e instanceof Error ? `${e.constructor.name} "${e.message}"` : String(e)} instead of an Error with a message`);
  };
  let file;
  try {
    // Sometimes at an odd offset in a bigger buffer, as a slice of a download would be.
    const shifted = bytes.length % 3 === 0 ? bytes : Uint8Array.from([0, ...bytes]).subarray(1);
    file = readSafetensors(shifted, 'fuzz.safetensors');
  } catch (e) {
    own(e);
    outcomes.refused++;
    return;
  }
  outcomes.read++;
  for (const t of file.header.tensors) {
    let values: Float32Array;
    try {
      values = file.float32(t.name);
    } catch (e) {
      own(e);
      if (['F32', 'F16', 'BF16', 'F64'].includes(t.dtype)) throw new Error(`float tensor "${t.name}" (${t.dtype}) could not be read: ${(e as Error).message}`);
      continue;
    }
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (values.length !== count) throw new Error(`tensor "${t.name}" has ${values.length} values for shape [${t.shape}]`);
  }
}

describe('safetensors reader fuzz', () => {
  it('random byte corruptions: reads the file or throws an Error with a message', async () => {
    const report = await runFuzz({ target: 'safetensors, byte corruptions', seed: 21, cases: 5000, make: (f) => corruptBytes(f, validFile(f)), check, show: (b) => Buffer.from(b).toString('latin1') });
    expect(report.failures).toEqual([]);
  });

  it('corrupt headers (dtypes, shapes, offsets, names, metadata, lengths): reads the file or throws an Error with a message', async () => {
    const report = await runFuzz({ target: 'safetensors, header edits', seed: 22, cases: 5000, make: (f) => editHeader(f, validFile(f)), check, show: (b) => Buffer.from(b).toString('latin1') });
    expect(report.failures).toEqual([]);
  });

  it('the cases reach both outcomes: files read and files refused', () => {
    if (process.env.WVE_FUZZ_REPORT) console.log(outcomes);
    if (outcomes.read + outcomes.refused === 0) return; // the fuzz tests above were filtered out
    expect(outcomes.read).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
