import type { HeatmapCell } from './types.ts';

export interface PeakSlot extends HeatmapCell {
  readonly rank: number;
  /** Share of this slot and every larger one: how much of the usage the top slots carry. */
  readonly cumulativeShare: number;
}

/**
 * The busiest weekday × hour slots of a heatmap, largest share first (ties: earlier weekday, then
 * hour). The shares are the heatmap's (sql/queries/usage_heatmap.sql); nothing is recomputed.
 */
export function topPeakSlots(cells: readonly HeatmapCell[], top: number): PeakSlot[] {
  const sorted = [...cells].sort((a, b) => b.share - a.share || a.isoWeekday - b.isoWeekday || a.hour - b.hour);
  let cumulative = 0;
  return sorted.slice(0, top).map((cell, i) => {
    cumulative += cell.share;
    return { ...cell, rank: i + 1, cumulativeShare: cumulative };
  });
}
