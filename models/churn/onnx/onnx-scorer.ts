/**
 * Scores encoded matrices with onnxruntime-node. One session per model file, reused across calls
 * (creating a session parses the graph; running it is the cheap part).
 */
import * as ort from 'onnxruntime-node';
import type { Matrix } from '../feature-table.ts';
import { ONNX_INPUT, ONNX_OUTPUT } from './export.ts';

export interface OnnxScorer {
  score(x: Matrix): Promise<Float64Array>;
  close(): Promise<void>;
}

export async function openOnnxScorer(model: Uint8Array | string): Promise<OnnxScorer> {
  const session = typeof model === 'string'
    ? await ort.InferenceSession.create(model, { intraOpNumThreads: 1 })
    : await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  return {
    async score(x) {
      if (x.rows === 0) return new Float64Array(0);
      const out = await session.run({ [ONNX_INPUT]: new ort.Tensor('float64', x.data, [x.rows, x.width]) });
      return Float64Array.from(out[ONNX_OUTPUT].data as Float32Array | Float64Array);
    },
    close: () => session.release(),
  };
}
