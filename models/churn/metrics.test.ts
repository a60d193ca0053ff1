import { describe, expect, it } from 'vitest';
import { calibrationTable, prAuc, rocAuc } from './metrics.ts';

describe('ranking metrics', () => {
  it('ROC-AUC counts pairs, ties as half', () => {
    // pairs (pos, neg): (0.9,0.1) win, (0.9,0.4) win, (0.4,0.1) win, (0.4,0.4) tie → 3.5 / 4
    expect(rocAuc([1, 1, 0, 0], [0.9, 0.4, 0.4, 0.1])).toBeCloseTo(0.875, 12);
    expect(rocAuc([1, 0], [0.2, 0.8])).toBe(0);
    expect(rocAuc([1, 1], [0.2, 0.8])).toBeNaN();
  });

  it('average precision matches scikit-learn on its documented example', () => {
    // sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333…
    expect(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.83333333, 7);
  });

  it('reliability bins cover every row once', () => {
    const p = Array.from({ length: 100 }, (_, i) => i / 100);
    const y = p.map((v) => (v > 0.5 ? 1 : 0));
    const table = calibrationTable(y, p, 10);
    expect(table.reduce((s, b) => s + b.rows, 0)).toBe(100);
    expect(table[0].observedRate).toBe(0);
    expect(table[9].observedRate).toBe(1);
  });
});
