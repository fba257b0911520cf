/**
 * A small typed helper over onnx-proto for writing ONNX graphs by hand (opset 17, IR 8).
 * Runs in Node and the browser; shared by every graph the project builds.
 */
import pkg from 'onnx-proto';
import { float32ToHalfBits } from '../float16';

const { onnx } = pkg;

export const OPSET = 17;
export type Dim = number | string;
export type AttrValue = number | number[] | string;

const ELEM_FLOAT = onnx.TensorProto.DataType.FLOAT;
const ELEM_INT64 = onnx.TensorProto.DataType.INT64;
const ELEM_FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
/** The `to` attribute of a Cast to float32. */
export const CAST_TO_FLOAT = ELEM_FLOAT;

export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  input(name: string, shape: Dim[], type: 'float' | 'int64' = 'float'): string {
    this.inputs.push(valueInfo(name, shape, type));
    return name;
  }

  output(name: string, shape: Dim[], type: 'float' | 'int64' = 'float'): string {
    this.outputs.push(valueInfo(name, shape, type));
    return name;
  }

  /** A float32 constant tensor. */
  floats(name: string, dims: number[], data: Float32Array | number[]): string {
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: ELEM_FLOAT, floatData: Array.from(data) }));
    return name;
  }

  /** A float32 constant stored as raw bytes (much faster to encode for large tensors). */
  rawFloats(name: string, dims: number[], data: Float32Array): string {
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: ELEM_FLOAT, rawData: raw }));
    return name;
  }

  /**
   * A constant stored as IEEE float16 raw bytes (half the file size of float32); the graph must
   * Cast it to float before use. Values are rounded to the nearest float16 (ties to even).
   */
  rawFloat16(name: string, dims: number[], data: Float32Array): string {
    const raw = float32ToHalfBits(data);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: ELEM_FLOAT16, rawData: new Uint8Array(raw.buffer) }));
    return name;
  }

  /** An int64 constant tensor (shapes, axes, k). */
  ints(name: string, dims: number[], data: number[]): string {
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: ELEM_INT64, int64Data: data }));
    return name;
  }

  /** Adds a node; returns its output names (fresh names unless given). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: string[] | number = 1): string[] {
    const outs = typeof outputs === 'number' ? Array.from({ length: outputs }, () => `${opType.toLowerCase()}_${this.counter++}`) : outputs;
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: inputs,
        output: outs,
        name: `${opType}_${this.counter++}`,
        attribute: Object.entries(attrs).map(([name, v]) => attribute(name, v)),
      }),
    );
    return outs;
  }

  /** Serialises the model to bytes. */
  encode(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'word-vector-explorer',
      opsetImport: [{ domain: '', version: OPSET }],
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
}

function valueInfo(name: string, shape: Dim[], type: 'float' | 'int64') {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: type === 'float' ? ELEM_FLOAT : ELEM_INT64,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function attribute(name: string, v: AttrValue) {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return onnx.AttributeProto.create({ name, type: T.INTS, ints: v });
  if (Number.isInteger(v)) return onnx.AttributeProto.create({ name, type: T.INT, i: v });
  return onnx.AttributeProto.create({ name, type: T.FLOAT, f: v });
}
