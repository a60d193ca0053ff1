import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerResult } from './worker.ts';

// Node 20 workers ignore tsx's loader flags, so each worker registers tsx itself, then loads the job.
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;

/**
 * Runs the member forecasts on `threads` worker threads (series dealt round-robin so long and
 * short series spread evenly).
 */
export async function forecastInWorkers(series: WorkerJob['series'], horizon: number, period: number, threads: number, candidates: readonly string[] = []): Promise<Map<string, WorkerResult>> {
  const slices: WorkerJob['series'][] = Array.from({ length: threads }, () => []);
  series.forEach((s, i) => slices[i % threads].push(s));
  const results = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<WorkerResult[]>((resolve, reject) => {
          const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { series: slice, horizon, period, candidates } satisfies WorkerJob });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`forecast worker exited with ${code}`)));
        }),
    ),
  );
  return new Map(results.flat().map((r) => [r.id, r]));
}
