import { describe, expect, it } from 'vitest';
import { topPeakSlots } from './peaks.ts';

describe('topPeakSlots', () => {
  it('ranks slots by share, ties by weekday then hour, with cumulative shares', () => {
    const cells = [
      { isoWeekday: 1, hour: 9, quantity: '10', share: 10 / 110 },
      { isoWeekday: 6, hour: 20, quantity: '50', share: 50 / 110 },
      { isoWeekday: 5, hour: 20, quantity: '50', share: 50 / 110 },
    ];
    const slots = topPeakSlots(cells, 2);
    expect(slots.map((s) => [s.rank, s.isoWeekday, s.hour])).toEqual([[1, 5, 20], [2, 6, 20]]);
    expect(slots[1]!.cumulativeShare).toBeCloseTo(100 / 110, 12);
    expect(topPeakSlots(cells, 10).at(-1)!.cumulativeShare).toBeCloseTo(1, 12);
  });
});
