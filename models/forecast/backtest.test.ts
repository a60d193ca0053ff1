import { describe, expect, it } from 'vitest';
import { rollingOriginBacktest } from './backtest.ts';
import { seasonalNaive } from './seasonal-naive.ts';

describe('rolling-origin backtest', () => {
  it('scores a seasonal naive forecast of a repeating pattern as perfect, origin by origin', () => {
    const values = Array.from({ length: 36 }, (_, t) => 10 + (t % 4));
    const r = rollingOriginBacktest({ values, period: 4 }, seasonalNaive, { horizon: 3, maxOrigins: 5, minHistory: 8 });
    // MASE is undefined here: the history's seasonal differences are all zero.
    expect(r).toEqual({ origins: 5, horizon: 3, smape: 0, mase: null, coverage80: 1, coverage95: 1 });
  });

  it('uses only the past: a jump after the origin is a forecast error', () => {
    const values = [...new Array(20).fill(100), 200, 200];
    const r = rollingOriginBacktest({ values, period: 1 }, seasonalNaive, { horizon: 2, maxOrigins: 1, minHistory: 4 });
    // Origin 20: history all 100, actual 200, 200 → sMAPE 200·100/300.
    expect(r.origins).toBe(1);
    expect(r.smape).toBeCloseTo(66.6667, 3);
  });

  it('reports no origins when the history is too short to hold any out', () => {
    const r = rollingOriginBacktest({ values: [1, 2, 3], period: 1 }, seasonalNaive, { horizon: 3, maxOrigins: 4, minHistory: 4 });
    expect(r.origins).toBe(0);
    expect(r.smape).toBeNull();
  });
});
