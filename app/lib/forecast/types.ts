/**
 * Client-safe shapes of stored forecasts. Amounts are estimates in minor units of `currency`
 * (rounded to whole minor units); the page converts to display units with the currency's decimals.
 */
export interface ForecastPoint {
  /** First day of the period ('YYYY-MM-01' for months; for weeks the first of its 7 days, counted from the run date), business time zone. */
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
  /** Weekly cash forecasts: Σ|actual − forecast| / Σ actual, the same for the method it was chosen over, and Σ(forecast − actual) / Σ actual. */
  readonly wape?: number | null;
  readonly alternativeWape?: number | null;
  readonly alternativeModel?: string;
  readonly bias?: number | null;
  /** Weekly cash forecasts: mean forecast and actual per week ahead over the origins (minor units), and that week's WAPE. */
  readonly byWeek?: readonly { week: number; forecast: number; actual: number; wape: number | null }[];
}

export interface StoredForecast {
  readonly runDate: string;
  readonly seriesKey: string;
  readonly measure: 'invoiced' | 'mrr' | 'cash_collection';
  readonly currency: string;
  /** null = all segments. */
  readonly segment: string | null;
  /** A plan code (MRR by plan); null or absent = all plans. */
  readonly plan?: string | null;
  readonly frequency: 'month' | 'week';
  readonly model: string;
  readonly params: Record<string, number>;
  readonly history: HistoryPoint[];
  readonly points: ForecastPoint[];
  readonly backtest: BacktestSummary;
  readonly warnings: string[];
}
