import { describe, expect, it } from 'vitest';
import { frequencyLines } from './frequency.ts';

describe('frequencyLines', () => {
  it('reads "at least N days" from the next day count present, 0 beyond the last', () => {
    const row = (days: number, atLeast: bigint) => ({ service: 'voice', unit: 'minute', activeDays: days, customerMonths: 0n, customerMonthsAtLeast: atLeast, inService: 8n, shareAtLeast: null });
    const [line] = frequencyLines([row(2, 2n), row(1, 3n)], [1, 2, 3]);
    expect(line!.atLeast).toEqual([
      { days: 1, customerMonths: 3n, share: 0.375 },
      { days: 2, customerMonths: 2n, share: 0.25 },
      { days: 3, customerMonths: 0n, share: 0 },
    ]);
    expect(line!.inService).toBe(8n);
  });
});
