/**
 * Batched analogy solving for the benchmark: onnxruntime-node as the matrix engine.
 * One Gemm per batch of questions against all candidate rows; inside the graph the three
 * question words' scores are set to -inf and ArgMax picks the answer, so one id per question
 * comes back to JavaScript.
 */
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../onnx/builder';
import { COSMUL_EPSILON, type Method } from '../vectors/methods';

/**
 * Builds the scoring graph. Inputs: unit rows M [N, D], queries [B, D], the question words'
 * ids `exclude` [B, 3] and a [B, 3] tensor of -inf. Output: `answer` [B], the best other row.
 */
function buildGraph(method: Method): Uint8Array {
  const g = new GraphBuilder(`analogy-${method}`);
  const M = g.input('M', ['N', 'D']);
  const exclude = g.input('exclude', ['B', 3], 'int64');
  const minusInf = g.input('minus_inf', ['B', 3]);
  let scores: string;
  if (method === '3cosadd') {
    const q = g.input('q', ['B', 'D']); // unit(b - a + c)
    [scores] = g.op('Gemm', [q, M], { transB: 1 }); // [B, D]·[D, N] -> [B, N]
  } else {
    const half = g.floats('half', [], [0.5]);
    const eps = g.floats('eps', [], [COSMUL_EPSILON]);
    const shifted = (name: string) => {
      const x = g.input(name, ['B', 'D']);
      const [cos] = g.op('Gemm', [x, M], { transB: 1 }); // [B, N]
      const [s] = g.op('Mul', [cos, half]);
      return g.op('Add', [s, half])[0]; // (1 + cos) / 2
    };
    const [pos] = g.op('Mul', [shifted('b'), shifted('c')]);
    const [den] = g.op('Add', [shifted('a'), eps]);
    [scores] = g.op('Div', [pos, den]);
  }
  const [masked] = g.op('ScatterElements', [scores, exclude, minusInf], { axis: 1 }); // [B, N]
  g.op('ArgMax', [masked], { axis: 1, keepdims: 0, select_last_index: 0 }, ['answer']); // ties: lowest id
  g.output('answer', ['B'], 'int64');
  return g.encode();
}

export interface BatchQuestion {
  a: number;
  b: number;
  c: number;
}

/**
 * For each question returns the id of the best row that is not a, b or c (3CosAdd or 3CosMul),
 * searching rows [0, N) of `unitRows` (N × dims, each row unit length or zero).
 */
export async function solveBatched(
  unitRows: Float32Array,
  dims: number,
  questions: readonly BatchQuestion[],
  method: Method,
  onProgress?: (done: number) => void,
): Promise<Int32Array> {
  const n = unitRows.length / dims;
  const session = await ort.InferenceSession.create(buildGraph(method), {
    intraOpNumThreads: 0, // all cores
    graphOptimizationLevel: 'all',
  });
  const M = new ort.Tensor('float32', unitRows, [n, dims]);
  const batch = method === '3cosadd' ? 512 : 256;
  const answers = new Int32Array(questions.length).fill(-1);
  const unit = (id: number) => unitRows.subarray(id * dims, (id + 1) * dims);
  try {
    for (let start = 0; start < questions.length; start += batch) {
      const qs = questions.slice(start, start + batch);
      const B = qs.length;
      const exclude = new BigInt64Array(B * 3);
      qs.forEach((x, i) => exclude.set([BigInt(x.a), BigInt(x.b), BigInt(x.c)], i * 3));
      const feeds: Record<string, ort.Tensor> = {
        M,
        exclude: new ort.Tensor('int64', exclude, [B, 3]),
        minus_inf: new ort.Tensor('float32', new Float32Array(B * 3).fill(-Infinity), [B, 3]),
      };
      if (method === '3cosadd') {
        const q = new Float32Array(B * dims);
        qs.forEach((x, i) => {
          const ua = unit(x.a), ub = unit(x.b), uc = unit(x.c);
          let norm = 0;
          for (let d = 0; d < dims; d++) {
            const v = ub[d] - ua[d] + uc[d];
            q[i * dims + d] = v;
            norm += v * v;
          }
          norm = Math.sqrt(norm) || 1;
          for (let d = 0; d < dims; d++) q[i * dims + d] /= norm;
        });
        feeds.q = new ort.Tensor('float32', q, [B, dims]);
      } else {
        for (const key of ['a', 'b', 'c'] as const) {
          const x = new Float32Array(B * dims);
          qs.forEach((question, i) => x.set(unit(question[key]), i * dims));
          feeds[key] = new ort.Tensor('float32', x, [B, dims]);
        }
      }
      const out = await session.run(feeds);
      const ids = out.answer.data as BigInt64Array;
      for (let i = 0; i < B; i++) answers[start + i] = Number(ids[i]);
      onProgress?.(Math.min(start + batch, questions.length));
    }
  } finally {
    await session.release();
  }
  return answers;
}
