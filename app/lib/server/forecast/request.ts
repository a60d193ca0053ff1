/** Bad input to the forecast page or API, answered with HTTP 400 and the code. */
export class ForecastInputError extends Error {
  readonly status = 400;
  constructor(readonly code: 'BAD_RUN_DATE', message: string, readonly param: string) {
    super(message);
  }
}

/** `run_date=YYYY-MM-DD` (optional: the latest run when absent). */
export function parseRunDate(params: URLSearchParams): string | undefined {
  const raw = params.get('run_date');
  if (raw === null || raw === '') return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw);
  if (!ok) throw new ForecastInputError('BAD_RUN_DATE', `run_date=${JSON.stringify(raw)} is not a date; use YYYY-MM-DD (a run date listed in runDates).`, 'run_date');
  return raw;
}
