import { describe, expect, it } from 'vitest';
import { measureUplift } from './uplift.ts';

describe('measureUplift', () => {
  it('computes the retention difference and its Wald 95 % interval', () => {
    // offer 90/100 stayed, holdout 80/100: diff 0.10, se = sqrt(.09*.1... ) = sqrt(0.0009 + 0.0016) = 0.05
    const u = measureUplift({ stayed: 90, churned: 10 }, { stayed: 80, churned: 20 });
    expect(u.difference).toBeCloseTo(0.1, 12);
    expect(u.ci95![0]).toBeCloseTo(0.1 - 1.959964 * 0.05, 6);
    expect(u.ci95![1]).toBeCloseTo(0.1 + 1.959964 * 0.05, 6);
    expect(u.enough).toBe(true);
  });

  it('says nothing until both arms have outcomes, and flags small samples', () => {
    expect(measureUplift({ stayed: 5, churned: 0 }, { stayed: 0, churned: 0 }).difference).toBeNull();
    expect(measureUplift({ stayed: 5, churned: 1 }, { stayed: 4, churned: 2 }).enough).toBe(false);
  });
});
