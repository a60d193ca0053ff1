import { describe, expect, it } from 'vitest';
import { encode, takeRows } from './feature-table.ts';
import { predictMatrix } from './model.ts';
import { exportOnnx } from './onnx/export.ts';
import { openOnnxScorer } from './onnx/onnx-scorer.ts';
import { syntheticChurnTable } from './synthetic-table.ts';
import { trainPair } from './train.ts';

describe('ONNX export', () => {
  const table = syntheticChurnTable(6000);
  const idx = Array.from({ length: 6000 }, (_, i) => i);
  const pair = trainPair(takeRows(table, idx.slice(0, 3000)), takeRows(table, idx.slice(3000, 4000)), {
    treeGrid: [{ maxDepth: 4, maxLeaves: 12, learningRate: 0.1, subsample: 0.8, maxRounds: 300 }],
    logisticGrid: [{ l2: 1, standardize: true }],
  });
  // Scored rows include categories and missing values handled by the encoder; 2,000 unseen rows.
  const scored = takeRows(table, idx.slice(4000));

  for (const name of ['trees', 'logistic'] as const) {
    it(`${name}: onnxruntime-node gives the TypeScript model's calibrated probabilities to 1e-6`, async () => {
      const model = pair[name];
      expect(model.calibration.a).not.toBe(1); // calibration is part of what must match
      const x = encode(model.encoder, scored);
      const scorer = await openOnnxScorer(exportOnnx(model));
      try {
        const onnx = await scorer.score(x);
        const ts = predictMatrix(model, x);
        expect(onnx.length).toBe(2000);
        let worst = 0;
        for (let i = 0; i < ts.length; i++) worst = Math.max(worst, Math.abs(onnx[i] - ts[i]));
        expect(worst).toBeLessThan(1e-6);
        // Not a constant model: the scores spread.
        expect(Math.max(...ts) - Math.min(...ts)).toBeGreaterThan(0.3);
      } finally {
        await scorer.close();
      }
    });
  }

  it('the trees really are an ensemble of several trees of depth > 1', () => {
    const m = pair.trees.model;
    if (m.kind !== 'gbt') throw new Error('expected trees');
    expect(m.trees.length).toBeGreaterThan(5);
    expect(Math.max(...m.trees.map((t) => t.value.length))).toBeGreaterThan(3);
  });
});
