import { parentPort, workerData } from 'node:worker_threads';
import { forecastMembers } from '../../models/forecast/auto.ts';
import { seasonalNaive } from '../../models/forecast/seasonal-naive.ts';
import type { Forecast } from '../../models/forecast/types.ts';
import { CANDIDATE_MEMBERS } from './candidates.ts';

/** Forecasts a slice of series in a worker thread: every member plus seasonal naive. */
export interface WorkerJob {
  readonly series: { id: string; values: number[] }[];
  readonly horizon: number;
  readonly period: number;
  /** Validation only: names of CANDIDATE_MEMBERS to fit as well. */
  readonly candidates?: readonly string[];
}

export interface WorkerResult {
  readonly id: string;
  readonly members: Forecast[];
  readonly naive: Forecast;
  /** The candidate members asked for, by name (validation only). */
  readonly extra: Record<string, Forecast>;
}

const job = workerData as WorkerJob;
const out: WorkerResult[] = job.series.map((s) => {
  const series = { values: s.values, period: job.period };
  const extra = Object.fromEntries((job.candidates ?? []).map((name) => [name, CANDIDATE_MEMBERS[name](series, job.horizon)]));
  return { id: s.id, members: forecastMembers(series, job.horizon).members, naive: seasonalNaive(series, job.horizon), extra };
});
parentPort!.postMessage(out);
