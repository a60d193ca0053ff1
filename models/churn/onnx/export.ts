/**
 * Exports a ChurnModel to ONNX with the calibration folded in. Input `features`: float64 [N, F], the
 * encoder's matrix (one-hot and missing-value fill happen before, in TypeScript, from the spec kept
 * in the model's metadata `ledgerlens.encoder`). Output `probability`: [N, 1].
 *  - trees: ai.onnx.ml TreeEnsembleRegressor (opset 3: onnxruntime-node 1.30 here takes ≤ 4) with
 *    double thresholds and weights (`*_as_tensor`), so splits match the TypeScript model bit for
 *    bit, then Sigmoid;
 *  - logistic: MatMul + Add + Sigmoid in float64.
 */
import { encodeOnnxModel, TensorType, type OnnxModel, type OnnxNode } from './onnx-proto.ts';
import type { ChurnModel } from '../model.ts';
import type { GbtModel } from '../gbt.ts';
import type { LogisticModel } from '../logistic.ts';
import type { PlattCalibration } from '../calibration.ts';

export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'probability';
export const ML_OPSET = 3;
const DEFAULT_OPSET = 17;

function treeNodes(model: GbtModel, c: PlattCalibration): OnnxNode {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: string[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const targetTree: number[] = [];
  const targetNode: number[] = [];
  const weights: number[] = [];
  model.trees.forEach((t, ti) => {
    for (let i = 0; i < t.value.length; i++) {
      const leaf = t.left[i] === -1;
      treeIds.push(ti);
      nodeIds.push(i);
      featureIds.push(leaf ? 0 : t.feature[i]);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      values.push(leaf ? 0 : t.threshold[i]);
      trueIds.push(leaf ? 0 : t.left[i]);
      falseIds.push(leaf ? 0 : t.right[i]);
      if (leaf) {
        targetTree.push(ti);
        targetNode.push(i);
        weights.push(c.a * t.value[i]);
      }
    }
  });
  const base = c.a * model.baseMargin + c.b;
  return {
    opType: 'TreeEnsembleRegressor', domain: 'ai.onnx.ml', name: 'trees', inputs: [ONNX_INPUT], outputs: ['margin'],
    attributes: {
      n_targets: { kind: 'int', value: 1 },
      aggregate_function: { kind: 'string', value: 'SUM' },
      post_transform: { kind: 'string', value: 'NONE' },
      nodes_treeids: { kind: 'ints', value: treeIds },
      nodes_nodeids: { kind: 'ints', value: nodeIds },
      nodes_featureids: { kind: 'ints', value: featureIds },
      nodes_modes: { kind: 'strings', value: modes },
      nodes_values_as_tensor: { kind: 'tensor', value: { type: TensorType.DOUBLE, dims: [values.length], values } },
      nodes_truenodeids: { kind: 'ints', value: trueIds },
      nodes_falsenodeids: { kind: 'ints', value: falseIds },
      target_treeids: { kind: 'ints', value: targetTree },
      target_nodeids: { kind: 'ints', value: targetNode },
      target_ids: { kind: 'ints', value: targetTree.map(() => 0) },
      target_weights_as_tensor: { kind: 'tensor', value: { type: TensorType.DOUBLE, dims: [weights.length], values: weights } },
      base_values_as_tensor: { kind: 'tensor', value: { type: TensorType.DOUBLE, dims: [1], values: [base] } },
    },
  };
}

function graphFor(m: ChurnModel): Pick<OnnxModel, 'nodes' | 'initializers' | 'outputs'> {
  const width = m.model.width;
  if (m.model.kind === 'gbt') {
    return {
      nodes: [treeNodes(m.model, m.calibration), { opType: 'Sigmoid', name: 'calibrated', inputs: ['margin'], outputs: [ONNX_OUTPUT] }],
      initializers: [],
      outputs: [{ name: ONNX_OUTPUT, type: TensorType.FLOAT, shape: ['N', 1] }],
    };
  }
  const lin: LogisticModel = m.model;
  const { a, b } = m.calibration;
  return {
    nodes: [
      { opType: 'MatMul', name: 'weigh', inputs: [ONNX_INPUT, 'coefficients'], outputs: ['weighted'] },
      { opType: 'Add', name: 'offset', inputs: ['weighted', 'intercept'], outputs: ['margin'] },
      { opType: 'Sigmoid', name: 'calibrated', inputs: ['margin'], outputs: [ONNX_OUTPUT] },
    ],
    initializers: [
      { name: 'coefficients', type: TensorType.DOUBLE, dims: [width, 1], values: lin.coefficients.map((v) => a * v) },
      { name: 'intercept', type: TensorType.DOUBLE, dims: [1], values: [a * lin.intercept + b] },
    ],
    outputs: [{ name: ONNX_OUTPUT, type: TensorType.DOUBLE, shape: ['N', 1] }],
  };
}

/** The .onnx bytes of a model; `metadata` is added to the file's metadata_props. */
export function exportOnnx(m: ChurnModel, metadata: Record<string, string> = {}): Uint8Array {
  const graph = graphFor(m);
  return encodeOnnxModel({
    producerVersion: '1',
    docString: `Ledgerlens churn model (${m.model.kind === 'gbt' ? 'gradient-boosted trees' : 'logistic regression'}), Platt-calibrated.`,
    opsets: { '': DEFAULT_OPSET, 'ai.onnx.ml': ML_OPSET },
    graphName: 'churn',
    ...graph,
    inputs: [{ name: ONNX_INPUT, type: TensorType.DOUBLE, shape: ['N', m.model.width] }],
    metadata: { 'ledgerlens.encoder': JSON.stringify(m.encoder), ...metadata },
  });
}
