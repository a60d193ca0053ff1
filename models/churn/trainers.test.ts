import { describe, expect, it } from 'vitest';
import { encode, fitEncoder, takeRows } from './feature-table.ts';
import { fitPlatt } from './calibration.ts';
import { gbtContributions, gbtMargins, trainGbt } from './gbt.ts';
import { logisticMargins, trainLogistic } from './logistic.ts';
import { rocAuc, sigmoid } from './metrics.ts';
import { syntheticChurnTable } from './synthetic-table.ts';

const table = syntheticChurnTable(4000, 11);
const idx = Array.from({ length: 4000 }, (_, i) => i);
const train = takeRows(table, idx.slice(0, 2500));
const valid = takeRows(table, idx.slice(2500));
const spec = fitEncoder(train);
const xt = encode(spec, train);
const xv = encode(spec, valid);

describe('encoder', () => {
  it('one-hot encodes categories seen in training and fills missing numbers with the training median', () => {
    expect(spec.columns.map((c) => c.name)).toEqual(['tenure_months', 'days_past_due', 'plan', 'region']);
    expect(xt.width).toBe(1 + 1 + 3 + 2);
    const plan = train.columns[2].values as (string | null)[];
    const missing = plan.indexOf(null);
    expect(missing).toBeGreaterThanOrEqual(0);
    expect(Array.from(xt.data.slice(missing * 7 + 2, missing * 7 + 5))).toEqual([0, 0, 0]);
    const tenure = train.columns[0].values as (number | null)[];
    const gap = tenure.indexOf(null);
    const fill = spec.columns[0].kind === 'numeric' ? spec.columns[0].fill : NaN;
    expect(xt.data[gap * 7]).toBe(fill);
  });
});

describe('logistic regression', () => {
  it('stops where the penalised gradient is zero', () => {
    const l2 = 2;
    const m = trainLogistic(xt, train.label, { l2, penalizeIntercept: false });
    const z = logisticMargins(m, xt);
    const grad = new Float64Array(xt.width);
    let gIntercept = 0;
    for (let r = 0; r < xt.rows; r++) {
      const g = sigmoid(z[r]) - train.label[r];
      gIntercept += g;
      for (let f = 0; f < xt.width; f++) grad[f] += g * xt.data[r * xt.width + f];
    }
    for (let f = 0; f < xt.width; f++) expect(Math.abs(grad[f] + l2 * m.coefficients[f])).toBeLessThan(1e-6);
    expect(Math.abs(gIntercept)).toBeLessThan(1e-6);
    expect(rocAuc(valid.label, logisticMargins(m, xv))).toBeGreaterThan(0.7);
  });

  it('standardised fitting returns coefficients for raw inputs', () => {
    const m = trainLogistic(xt, train.label, { l2: 1e-6, standardize: true, penalizeIntercept: false });
    const raw = trainLogistic(xt, train.label, { l2: 1e-6, standardize: false, penalizeIntercept: false });
    const a = logisticMargins(m, xv);
    const b = logisticMargins(raw, xv);
    for (let i = 0; i < 50; i++) expect(a[i]).toBeCloseTo(b[i], 4);
  });
});

describe('gradient-boosted trees', () => {
  it('beats the logistic model on a non-linear signal and keeps the early-stopped round', () => {
    const { model, log } = trainGbt(xt, train.label, { learningRate: 0.3, maxRounds: 500, earlyStoppingRounds: 20 }, { x: xv, y: valid.label });
    expect(log.rounds).toBeLessThan(500); // stopped early
    expect(model.trees.length).toBe(log.bestRound);
    expect(log.rounds - log.bestRound).toBe(20);
    const best = Math.min(...log.validLogLoss);
    expect(log.validLogLoss[log.bestRound - 1]).toBe(best);
    const lin = trainLogistic(xt, train.label, { l2: 1, standardize: true });
    expect(rocAuc(valid.label, gbtMargins(model, xv))).toBeGreaterThan(rocAuc(valid.label, logisticMargins(lin, xv)));
  });

  it('contributions plus bias give each row its margin', () => {
    const { model } = trainGbt(xt, train.label, { maxRounds: 40 });
    const m = gbtMargins(model, xv);
    for (let r = 0; r < 20; r++) {
      const { bias, contributions } = gbtContributions(model, xv.data, r * xv.width);
      expect(bias + contributions.reduce((s, v) => s + v, 0)).toBeCloseTo(m[r], 10);
    }
  });

  it('respects the minimum rows per leaf and the depth limit', () => {
    const { model } = trainGbt(xt, train.label, { maxRounds: 5, maxDepth: 2, maxLeaves: 64, minSamplesLeaf: 400, subsample: 1 });
    for (const tree of model.trees) {
      expect(tree.value.length).toBeLessThanOrEqual(7); // depth 2: at most 3 splits
      const counts = new Map<number, number>();
      for (let r = 0; r < xt.rows; r++) {
        let node = 0;
        while (tree.left[node] !== -1) node = xt.data[r * xt.width + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
        counts.set(node, (counts.get(node) ?? 0) + 1);
      }
      for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('Platt calibration', () => {
  it('recovers a known scaling of the log-odds', () => {
    const margins = Array.from({ length: 20000 }, (_, i) => -4 + (8 * i) / 20000);
    const labels = margins.map((m, i) => ((Math.sin(i * 12.9898) * 43758.5453) % 1 + 1) % 1 < sigmoid(0.5 * m - 0.3) ? 1 : 0);
    const c = fitPlatt(margins, labels);
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(c.b).toBeCloseTo(-0.3, 1);
  });
});
