/**
 * A seeded synthetic churn table for tests: numeric and categorical columns (with missing values)
 * whose churn odds depend non-linearly on them, so trees and the logistic model both learn something.
 */
import type { FeatureTable } from './feature-table.ts';
import { sigmoid } from './metrics.ts';
import { seededRandom } from './random.ts';

export function syntheticChurnTable(rows: number, seed = 7): FeatureTable {
  const rnd = seededRandom(seed);
  const tenure: (number | null)[] = [];
  const dpd: number[] = [];
  const plan: (string | null)[] = [];
  const region: string[] = [];
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const t = Math.floor(rnd() * 72);
    const d = rnd() < 0.7 ? 0 : Math.floor(rnd() * 120);
    const pl = ['basic', 'plus', 'pro'][Math.floor(rnd() * 3)];
    const rg = ['north', 'south'][Math.floor(rnd() * 2)];
    const z = 0.8 - 0.05 * t + (d > 30 ? 1.5 : 0) + (pl === 'basic' ? 0.7 : 0) + (rg === 'south' && t < 12 ? 0.8 : 0) - 0.5;
    tenure.push(rnd() < 0.03 ? null : t);
    dpd.push(d);
    plan.push(rnd() < 0.02 ? null : pl);
    region.push(rg);
    label[i] = rnd() < sigmoid(z) ? 1 : 0;
  }
  return {
    columns: [
      { name: 'tenure_months', kind: 'numeric', values: tenure },
      { name: 'days_past_due', kind: 'numeric', values: dpd },
      { name: 'plan', kind: 'categorical', values: plan },
      { name: 'region', kind: 'categorical', values: region },
    ],
    label,
  };
}
