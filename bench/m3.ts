/**
 * `npm run bench -- m3 [--validate [--origins K]] [--limit N] [--threads N]`: the automatic
 * forecaster on the 1,428 monthly series of the M3 competition (horizon 18), beside the published
 * methods.
 *
 * Default: fit on each series' train part, score on its 18 held-out values. `--validate` never
 * touches the test part: it holds out the last 18 values of the train part instead and scores
 * candidate combinations there; that is where methods are chosen. `--origins K` scores K such cuts,
 * each 6 months before the last.
 *
 * Ends with `m3: series=… smape=… mase=… coverage95=… seconds=…`. Data: ../shared/datasets/m3 or
 * LEDGERLENS_DATASETS/m3.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { coverage, mase, smape } from '../models/forecast/accuracy.ts';
import { combineMean, combineMedian } from '../models/forecast/combine.ts';
import type { Forecast } from '../models/forecast/types.ts';
import { loadM3Monthly, m3Directory, parseCsv } from './m3/data.ts';
import { forecastInWorkers } from './m3/pool.ts';
import type { WorkerResult } from './m3/worker.ts';

const HORIZON = 18;
const PERIOD = 12;
/** Months between validation origins under --origins. */
const ORIGIN_STEP = 6;

interface Score {
  smape: number;
  mase: number;
  coverage80: number;
  coverage95: number;
}

/** Named ways of turning the members into one forecast; SHIPPED is what `forecastAuto` computes. */
const METHODS: Record<string, (r: WorkerResult) => Forecast> = {
  'Seasonal naive': (r) => r.naive,
  'ETS (damped or no trend)': (r) => r.members[0],
  ARIMA: (r) => r.members[1],
  'Theta, bagged': (r) => r.members[2],
  'Theta on logs, aggregated': (r) => r.members[3],
  'Mean of the four': (r) => combineMean(r.members),
  'Median (ETS, ARIMA, Theta bagged, Theta on logs aggregated)': (r) => combineMedian(r.members),
};
/** Candidates scored only in --validate; `needs` names the CANDIDATE_MEMBERS they use (bench/m3/candidates.ts). */
const CANDIDATES: Record<string, { needs: string[]; pick: (r: WorkerResult) => Forecast }> = {
  Theta: { needs: ['theta'], pick: (r) => r.extra.theta },
  'Median with Theta not bagged': { needs: ['theta'], pick: (r) => combineMedian([r.members[0], r.members[1], r.extra.theta, r.members[3]]) },
  'Theta on logs': { needs: ['logTheta'], pick: (r) => r.extra.logTheta },
  'Median with Theta on logs not aggregated': { needs: ['logTheta'], pick: (r) => combineMedian([r.members[0], r.members[1], r.members[2], r.extra.logTheta]) },
};
const SHIPPED = 'Median (ETS, ARIMA, Theta bagged, Theta on logs aggregated)';

function score(rows: { actual: number[]; history: number[]; forecast: Forecast }[]): Score {
  let s = 0, m = 0, c80 = 0, c95 = 0;
  for (const { actual, history, forecast } of rows) {
    s += smape(actual, forecast.mean as number[]);
    m += mase(actual, forecast.mean as number[], history, PERIOD);
    c80 += coverage(actual, forecast.intervals[0].lower as number[], forecast.intervals[0].upper as number[]);
    c95 += coverage(actual, forecast.intervals[1].lower as number[], forecast.intervals[1].upper as number[]);
  }
  const n = rows.length;
  return { smape: s / n, mase: m / n, coverage80: c80 / n, coverage95: c95 / n };
}

async function publishedTable(directory: string): Promise<{ method: string; smape: number; mase: number }[]> {
  const original = parseCsv(await readFile(path.join(directory, 'recomputed_monthly_accuracy_original_methods.csv'), 'utf8'))
    .map((r) => ({ method: `M3 2000: ${r['']}`, smape: Number(r.sMAPE_1_18), mase: Number(r.MASE) }));
  const names: Record<string, string> = { N: 'snaive', E: 'ets', A: 'auto.arima', T: 'thetaf', EA: 'mean(ets, auto.arima)', EAT: 'mean(ets, auto.arima, thetaf)' };
  const r = parseCsv(await readFile(path.join(directory, 'r_forecast_summary.csv'), 'utf8'))
    .map((x) => ({ method: `R forecast 8.20: ${names[x.method] ?? x.method}`, smape: Number(x.sMAPE), mase: Number(x.MASE) }));
  return [...original.slice(0, 8), ...r].sort((a, b) => a.smape - b.smape);
}

export async function main(args: string[]): Promise<void> {
  const validate = args.includes('--validate');
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const threads = option('--threads') ?? 2;
  const directory = m3Directory();
  let all = await loadM3Monthly(directory);
  const limit = option('--limit');
  if (limit) all = all.slice(0, limit);
  // Validation: the last 18 train values play the test part; the test part stays unseen. With
  // --origins K, also the 18 values ending 6, 12, … months earlier (rolling origin, Tashman 2000),
  // so a choice does not rest on what happened in one stretch of months.
  const origins = validate ? option('--origins') ?? 1 : 1;
  const cases = all.flatMap((s) => (validate
    ? Array.from({ length: origins }, (_, k) => {
      const end = s.train.length - ORIGIN_STEP * k;
      return { id: k ? `${s.id}@${k}` : s.id, history: s.train.slice(0, end - HORIZON), actual: s.train.slice(end - HORIZON, end) };
    })
    : [{ id: s.id, history: s.train, actual: s.test }]));

  const started = performance.now();
  const needs = validate ? [...new Set(Object.values(CANDIDATES).flatMap((c) => c.needs))] : [];
  const results = await forecastInWorkers(cases.map((c) => ({ id: c.id, values: c.history })), HORIZON, PERIOD, threads, needs);
  const candidates = validate ? Object.fromEntries(Object.entries(CANDIDATES).map(([name, c]) => [name, c.pick])) : {};
  const scores = Object.entries({ ...METHODS, ...candidates }).map(([name, pick]) => ({
    name,
    score: score(cases.map((c) => ({ actual: c.actual, history: c.history, forecast: pick(results.get(c.id)!) }))),
  }));
  const seconds = (performance.now() - started) / 1000;

  console.log(`M3 monthly, ${cases.length} series, horizon ${HORIZON}, ${validate ? `VALIDATION (last 18 of each train part${origins > 1 ? `, ${origins} origins ${ORIGIN_STEP} months apart` : ''})` : 'test part'}; ${threads} worker threads\n`);
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad('method', 48)} ${'sMAPE'.padStart(7)} ${'MASE'.padStart(7)} ${'cov80'.padStart(7)} ${'cov95'.padStart(7)}`);
  if (!validate && !limit) {
    for (const p of await publishedTable(directory)) console.log(`${pad(p.method, 48)} ${p.smape.toFixed(2).padStart(7)} ${p.mase.toFixed(3).padStart(7)}`);
    console.log('');
  }
  for (const { name, score: s } of scores) {
    console.log(`${pad(`Ledgerlens: ${name}`, 48)} ${s.smape.toFixed(2).padStart(7)} ${s.mase.toFixed(3).padStart(7)} ${(100 * s.coverage80).toFixed(1).padStart(6)}% ${(100 * s.coverage95).toFixed(1).padStart(6)}%`);
  }
  const shipped = scores.find((s) => s.name === SHIPPED)!.score;
  console.log(`\nwall time for all forecasts: ${seconds.toFixed(1)} s (shared machine: other work on the same cores slows this)`);
  console.log(`m3: series=${cases.length} smape=${shipped.smape.toFixed(3)} mase=${shipped.mase.toFixed(4)} coverage95=${shipped.coverage95.toFixed(4)} seconds=${seconds.toFixed(1)}`);
}
