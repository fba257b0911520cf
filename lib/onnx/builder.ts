/**
 * A small typed helper over onnx-proto for writing ONNX graphs by hand (opset 17, IR 8).
 * Runs in Node and the browser; shared by every graph the project builds.
 */
import pkg from 'onnx-proto';
import { float32ToHalfBits } from '../float16';

const { onnx } = pkg;

export const OPSET = 17;
/** The domain of onnxruntime's contrib ops (MatMulIntegerToFloat, DynamicQuantizeMatMul, …), opset 1. */
export const MS_DOMAIN = 'com.microsoft';
export type Dim = number | string;
export type AttrValue = number | number[] | string;
export type ValueType = 'float' | 'int64';

const DataType = onnx.TensorProto.DataType;
/** The `to` attribute of a Cast to float32. */
export const CAST_TO_FLOAT = DataType.FLOAT;

type AttrType = 'int' | 'ints' | 'float' | 'string';

/**
 * The type of every attribute we write, from the ONNX operator schemas (and onnxruntime's contrib
 * schemas). ONNX runtimes check an attribute's declared type, not its value: `epsilon: 1` written
 * as an INT is refused, so the type comes from here and never from whether a number is whole.
 * An op or attribute missing here is an error: add it with the type its schema gives.
 */
const ATTRIBUTE_TYPES: Record<string, Record<string, AttrType>> = {
  Add: {},
  ArgMax: { axis: 'int', keepdims: 'int', select_last_index: 'int' },
  Cast: { to: 'int', saturate: 'int' },
  Concat: { axis: 'int' },
  Div: {},
  DynamicQuantizeLinear: {},
  DynamicQuantizeMatMul: {},
  Gather: { axis: 'int' },
  Gemm: { alpha: 'float', beta: 'float', transA: 'int', transB: 'int' },
  LayerNormalization: { axis: 'int', epsilon: 'float', stash_type: 'int' },
  Less: {},
  MatMul: {},
  MatMulInteger: {},
  MatMulIntegerToFloat: {},
  Mul: {},
  Range: {},
  Reshape: { allowzero: 'int' },
  ScatterElements: { axis: 'int', reduction: 'string' },
  Shape: { start: 'int', end: 'int' },
  Slice: {},
  Softmax: { axis: 'int' },
  Split: { axis: 'int' },
  Squeeze: {},
  Tanh: {},
  Transpose: { perm: 'ints' },
  Unsqueeze: {},
  Where: {},
};

/** Where an initializer's bytes live when they are not in the model file (ONNX external data). */
export interface ExternalLocation {
  /** The file name the session is given the bytes under (`externalData: [{ path, data }]`). */
  location: string;
  /** Byte offset in that file. */
  offset: number;
  /** Byte length. */
  length: number;
}

/** Collects inputs, outputs, initializers and nodes, then encodes them as one ModelProto. */
export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly domains = new Set<string>();
  private counter = 0;

  constructor(readonly name: string) {}

  /** A graph input; string dims are symbolic (e.g. 'T'). */
  input(name: string, shape: Dim[], type: ValueType = 'float'): string {
    this.inputs.push(valueInfo(name, shape, type));
    return name;
  }

  /** Declares `name` (a node output) as a graph output. */
  output(name: string, shape: Dim[], type: ValueType = 'float'): string {
    this.outputs.push(valueInfo(name, shape, type));
    return name;
  }

  /** A float32 constant tensor. */
  floats(name: string, dims: number[], data: Float32Array | number[]): string {
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: DataType.FLOAT, floatData: Array.from(data) }));
    return name;
  }

  /** A float32 constant stored as raw bytes (much faster to encode for large tensors). */
  rawFloats(name: string, dims: number[], data: Float32Array): string {
    return this.raw(name, dims, DataType.FLOAT, data);
  }

  /**
   * A constant stored as IEEE float16 raw bytes (half the file size of float32); the graph must
   * Cast it to float before use. Values are rounded to the nearest float16 (ties to even).
   */
  rawFloat16(name: string, dims: number[], data: Float32Array): string {
    return this.raw(name, dims, DataType.FLOAT16, float32ToHalfBits(data));
  }

  /** An int8 constant stored as raw bytes (quantised weights). */
  rawInt8(name: string, dims: number[], data: Int8Array): string {
    return this.raw(name, dims, DataType.INT8, data);
  }

  /**
   * A float32 constant whose bytes stay in another file (ONNX external data): the model holds only
   * the name, shape and where to find it. onnxruntime reads it at session creation from the file
   * given under `location` (`externalData: [{ path: location, data }]` in onnxruntime-web).
   */
  externalFloats(name: string, dims: number[], where: ExternalLocation): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (where.length !== count * 4) throw new Error(`external tensor ${name}: ${where.length} bytes for float32 [${dims}] (needs ${count * 4})`);
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: DataType.FLOAT,
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [
          { key: 'location', value: where.location },
          { key: 'offset', value: String(where.offset) },
          { key: 'length', value: String(where.length) },
        ],
      }),
    );
    return name;
  }

  /** An int64 constant tensor (shapes, axes, k). */
  ints(name: string, dims: number[], data: number[]): string {
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: DataType.INT64, int64Data: data }));
    return name;
  }

  /**
   * Adds a node; returns its output names (fresh names unless given). `domain` is '' for standard
   * ONNX ops or MS_DOMAIN for onnxruntime's contrib ops.
   */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: string[] | number = 1, domain = ''): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, () => `${opType.toLowerCase()}_${this.counter++}`) : outputs;
    if (domain) this.domains.add(domain);
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        ...(domain ? { domain } : {}),
        input: inputs,
        output: outs,
        name: `${opType}_${this.counter++}`,
        attribute: Object.entries(attrs).map(([name, v]) => attribute(opType, name, v)),
      }),
    );
    return outs;
  }

  /** Serialises the model to bytes. */
  encode(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'word-vector-explorer',
      opsetImport: [{ domain: '', version: OPSET }, ...[...this.domains].map((domain) => ({ domain, version: 1 }))],
      graph: onnx.GraphProto.create({
        name: this.name,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }

  private raw(name: string, dims: number[], dataType: number, data: ArrayBufferView): string {
    const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType, rawData }));
    return name;
  }
}

function valueInfo(name: string, shape: Dim[], type: ValueType) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: type === 'float' ? DataType.FLOAT : DataType.INT64,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

/** An attribute typed by the op's schema (ATTRIBUTE_TYPES); a value that does not fit the type throws. */
function attribute(opType: string, name: string, v: AttrValue) {
  const T = onnx.AttributeProto.AttributeType;
  const type = ATTRIBUTE_TYPES[opType]?.[name];
  if (!type) throw new Error(`attribute "${name}" of ${opType} has no known type: add it to ATTRIBUTE_TYPES in lib/onnx/builder.ts with the type the op's schema gives`);
  const bad = () => new Error(`attribute "${name}" of ${opType} is ${type} by the ONNX schema, got ${JSON.stringify(v)}`);
  switch (type) {
    case 'string':
      if (typeof v !== 'string') throw bad();
      return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(v) });
    case 'ints':
      if (!Array.isArray(v) || !v.every(Number.isSafeInteger)) throw bad();
      return onnx.AttributeProto.create({ name, type: T.INTS, ints: v });
    case 'int':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad();
      return onnx.AttributeProto.create({ name, type: T.INT, i: v });
    case 'float':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad();
      return onnx.AttributeProto.create({ name, type: T.FLOAT, f: v });
  }
}
