import { describe, expect, it } from 'vitest';
import { splitCutoffs, TimeSplitError } from './time-split.ts';

describe('time split', () => {
  const months = Array.from({ length: 20 }, (_, i) => i);

  it('leaves a gap of N−1 cut-offs so that no label window crosses into the next part', () => {
    const s = splitCutoffs(months, 3);
    expect(s.holdout).toEqual([17, 18, 19]);
    expect(s.validation).toEqual([12, 13, 14]);
    expect(s.train).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // the last training label window (9, 12] ends where validation starts
    expect(s.train.at(-1)! + 3).toBe(s.validation[0]);
    expect(s.validation.at(-1)! + 3).toBe(s.holdout[0]);
  });

  it('refuses too short a history with a message that says how much is needed', () => {
    expect(() => splitCutoffs(months.slice(0, 10), 3)).toThrow(TimeSplitError);
    expect(() => splitCutoffs(months.slice(0, 10), 3)).toThrow(/need 13/);
  });
});
