import { parentPort, workerData } from 'node:worker_threads';
import { forecastMembers } from '../../models/forecast/auto.ts';
import { seasonalNaive } from '../../models/forecast/seasonal-naive.ts';
import type { Forecast } from '../../models/forecast/types.ts';

/** Forecasts a slice of series in a worker thread: every member plus seasonal naive. */
export interface WorkerJob {
  readonly series: { id: string; values: number[] }[];
  readonly horizon: number;
  readonly period: number;
}

export interface WorkerResult {
  readonly id: string;
  readonly members: Forecast[];
  readonly naive: Forecast;
}

const job = workerData as WorkerJob;
const out: WorkerResult[] = job.series.map((s) => {
  const series = { values: s.values, period: job.period };
  return { id: s.id, members: forecastMembers(series, job.horizon).members, naive: seasonalNaive(series, job.horizon) };
});
parentPort!.postMessage(out);
