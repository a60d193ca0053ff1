/** Why a series cannot be forecast; `code` is stable for callers, the message says what to do. */
export class ForecastError extends Error {
  constructor(
    readonly code: 'SERIES_TOO_SHORT' | 'BAD_SERIES' | 'BAD_HORIZON',
    message: string,
  ) {
    super(message);
    this.name = 'ForecastError';
  }
}

/** Checks what every model needs: finite values, a horizon ≥ 1 and at least `minLength` points. */
export function assertForecastable(values: readonly number[], horizon: number, minLength: number, what: string): void {
  if (!Number.isInteger(horizon) || horizon < 1) throw new ForecastError('BAD_HORIZON', `The horizon must be a whole number of periods ≥ 1 (got ${horizon}).`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ForecastError('BAD_SERIES', `Value ${bad + 1} of the series is not a finite number; fill or drop missing periods before forecasting.`);
  if (values.length < minLength) {
    throw new ForecastError('SERIES_TOO_SHORT', `${what} needs at least ${minLength} periods of history; this series has ${values.length}. Wait for more history or forecast a coarser series.`);
  }
}
