/**
 * Types shared by every forecasting model. Values are plain numbers (display units or counts):
 * money is converted from integer minor units at the edge by the caller, and forecasts are
 * estimates, never booked amounts.
 */

/** A regularly spaced series, oldest first. `period` is the seasonal cycle (12 for monthly, 1 for none). */
export interface Series {
  readonly values: readonly number[];
  readonly period: number;
}

/** A central interval at a coverage level (0.8 or 0.95), one bound per horizon. */
export interface PredictionInterval {
  readonly level: number;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** Names of the model families the library fits; `combination` means a mean of several. */
export type ModelFamily = 'seasonal-naive' | 'naive' | 'ets' | 'theta' | 'arima' | 'combination';

/** What one model forecasts for horizons 1..h. */
export interface Forecast {
  readonly family: ModelFamily;
  /** Human-readable model name, e.g. `ETS(M,Ad,M)`, `Theta (seasonally adjusted)`, `ARIMA(1,1,1)(0,1,1)[12]`. */
  readonly model: string;
  /** Point forecasts, horizon 1 first. */
  readonly mean: readonly number[];
  /** Intervals at 80 % and 95 %, in that order. */
  readonly intervals: readonly [PredictionInterval, PredictionInterval];
  /** Fitted parameters by name (smoothing weights, damping, AR/MA coefficients, …). */
  readonly params: Readonly<Record<string, number>>;
  /** Information criterion the model was chosen by, when it has one. */
  readonly aicc?: number;
  /** Things the caller should know (a model family skipped because the series is short, …). */
  readonly warnings: readonly string[];
  /** Members of a combination, each with its own forecast. */
  readonly members?: readonly Forecast[];
}

export const INTERVAL_LEVELS = [0.8, 0.95] as const;
