import { parentPort, workerData } from 'node:worker_threads';
import { forecastMembers } from '../../models/forecast/auto.ts';
import { seasonalNaive } from '../../models/forecast/seasonal-naive.ts';
import type { Forecast } from '../../models/forecast/types.ts';
import { CANDIDATE_MEMBERS } from './candidates.ts';

/** What every batch of a run shares, given when the worker starts. */
export interface WorkerSettings {
  readonly horizon: number;
  readonly period: number;
  /** Validation only: names of CANDIDATE_MEMBERS to fit as well. */
  readonly candidates?: readonly string[];
}

/** One batch of series to forecast; the worker answers with a WorkerResult per series. */
export interface WorkerJob {
  readonly series: { id: string; values: number[] }[];
}

export interface WorkerResult {
  readonly id: string;
  readonly members: Forecast[];
  readonly naive: Forecast;
  /** The candidate members asked for, by name (validation only). */
  readonly extra: Record<string, Forecast>;
}

const settings = workerData as WorkerSettings;
parentPort!.on('message', (job: WorkerJob) => {
  const out: WorkerResult[] = job.series.map((s) => {
    const series = { values: s.values, period: settings.period };
    const extra = Object.fromEntries((settings.candidates ?? []).map((name) => [name, CANDIDATE_MEMBERS[name](series, settings.horizon)]));
    return { id: s.id, members: forecastMembers(series, settings.horizon).members, naive: seasonalNaive(series, settings.horizon), extra };
  });
  parentPort!.postMessage(out);
});
