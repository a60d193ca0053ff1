import { parentPort, workerData } from 'node:worker_threads';
import { forecastMembers } from '../../models/forecast/auto.ts';
import { autoEts } from '../../models/forecast/ets.ts';
import { seasonalNaive } from '../../models/forecast/seasonal-naive.ts';
import type { Forecast } from '../../models/forecast/types.ts';

/** Forecasts a slice of series in a worker thread: every member plus seasonal naive. */
export interface WorkerJob {
  readonly series: { id: string; values: number[] }[];
  readonly horizon: number;
  readonly period: number;
  /** Validation only: also ETS over all admitted models (R's default, undamped trends included). */
  readonly candidates?: boolean;
}

export interface WorkerResult {
  readonly id: string;
  readonly members: Forecast[];
  readonly naive: Forecast;
  readonly etsAll?: Forecast;
}

const job = workerData as WorkerJob;
const out: WorkerResult[] = job.series.map((s) => {
  const series = { values: s.values, period: job.period };
  const etsAll = job.candidates ? autoEts(series, job.horizon) : undefined;
  return { id: s.id, members: forecastMembers(series, job.horizon).members, naive: seasonalNaive(series, job.horizon), ...(etsAll ? { etsAll: { ...etsAll, fit: undefined } } : {}) };
});
parentPort!.postMessage(out);
