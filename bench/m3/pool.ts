import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerResult, WorkerSettings } from './worker.ts';

// Node 20 workers ignore tsx's loader flags, so each worker registers tsx itself, then loads the job.
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;

/** Series per message: small enough that no thread idles long at the end, large enough to keep messaging cheap. */
const BATCH = 8;

/**
 * Runs the member forecasts on `threads` worker threads. Batches go to whichever thread is free,
 * longest series first, so that the threads finish together (a fixed split left one idle while the
 * other still had long series to fit).
 */
export async function forecastInWorkers(series: WorkerJob['series'], horizon: number, period: number, threads: number, candidates: readonly string[] = []): Promise<Map<string, WorkerResult>> {
  const queue = [...series].sort((a, b) => b.values.length - a.values.length);
  const results = new Map<string, WorkerResult>();
  let next = 0;
  const settings: WorkerSettings = { horizon, period, candidates };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(threads, queue.length)) }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(BOOTSTRAP, { eval: true, workerData: settings });
        const send = () => {
          if (next >= queue.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const job: WorkerJob = { series: queue.slice(next, next + BATCH) };
          next += BATCH;
          worker.postMessage(job);
        };
        worker.on('message', (out: WorkerResult[]) => {
          for (const r of out) results.set(r.id, r);
          send();
        });
        worker.once('online', send);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && code !== 1 && reject(new Error(`forecast worker exited with ${code}`)));
      }),
    ),
  );
  return results;
}
