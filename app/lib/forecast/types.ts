/**
 * Client-safe shapes of stored forecasts. Amounts are estimates in minor units of `currency`
 * (rounded to whole minor units); the page converts to display units with the currency's decimals.
 */
export interface ForecastPoint {
  /** First day of the period ('YYYY-MM-01' for months, the Monday for weeks), business time zone. */
  readonly period: string;
  readonly mean: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
}

export interface HistoryPoint {
  readonly period: string;
  readonly value: number;
}

/** Rolling-origin accuracy of the same method on this series' own past (null when too short to test). */
export interface BacktestSummary {
  readonly origins: number;
  readonly horizon: number;
  readonly smape: number | null;
  readonly mase: number | null;
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export interface StoredForecast {
  readonly runDate: string;
  readonly seriesKey: string;
  readonly measure: 'invoiced' | 'mrr' | 'cash_collection';
  readonly currency: string;
  /** null = all segments. */
  readonly segment: string | null;
  readonly frequency: 'month' | 'week';
  readonly model: string;
  readonly params: Record<string, number>;
  readonly history: HistoryPoint[];
  readonly points: ForecastPoint[];
  readonly backtest: BacktestSummary;
  readonly warnings: string[];
}
