/**
 * The seeded browser template: a data directory as a newcomer's first start leaves it (demo seeded,
 * first sync, and what follows it: churn scores, collections run, forecasts, the first ladder
 * replay), made once per test run and copied for each test file that starts the server on it.
 *
 * The global set-up starts making it as the run begins (when the run has a file that uses it), so
 * the other files run meanwhile; a file that asks before it is ready waits, and if nobody is making
 * it (the global set-up did not, or that attempt failed) makes it itself. The lock is a directory:
 * one maker at a time, across vitest's processes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { apiFetch, assertBrowserPrerequisites, startServer, STARTUP_TIMEOUT_MS, stopServer, waitForHealthy } from './server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function throwIfRunEnded(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Error('the run ended before the seeded browser template was ready');
}

/** Whether a test file starts the server on a copy of the template (useServerAndBrowser without `fresh`). */
export function usesSeededTemplate(file: string): boolean {
  const source = fs.readFileSync(file, 'utf8');
  return /useServerAndBrowser\(/.test(source) && !/fresh: true/.test(source);
}

/**
 * The template's data directory under `root`, made if nobody made it yet. `signal` aborts a making
 * in progress (the run ended): the server is stopped and nothing is marked ready.
 */
export async function seededTemplate(root: string, signal?: AbortSignal): Promise<string> {
  const template = path.join(root, 'data');
  const ready = path.join(root, 'ready');
  const lock = path.join(root, 'lock');
  const deadline = Date.now() + STARTUP_TIMEOUT_MS * 3;
  while (!fs.existsSync(ready)) {
    throwIfRunEnded(signal);
    if (Date.now() > deadline) throw new Error(`the seeded browser template in ${root} was not ready in time`);
    try {
      fs.mkdirSync(lock); // atomic: one maker, the others wait for "ready"
    } catch {
      await sleep(500);
      continue;
    }
    try {
      await makeTemplate(template, deadline, signal);
      fs.writeFileSync(ready, new Date().toISOString());
    } catch (err) {
      fs.rmSync(template, { recursive: true, force: true });
      fs.rmSync(lock, { recursive: true, force: true });
      throw err;
    }
  }
  return template;
}

async function makeTemplate(template: string, deadline: number, signal?: AbortSignal): Promise<void> {
  assertBrowserPrerequisites();
  fs.mkdirSync(template, { recursive: true });
  const server = await startServer(template, { LEDGERLENS_SYNC_EVERY_MINUTES: '0' });
  const abort = () => void stopServer(server);
  signal?.addEventListener('abort', abort);
  try {
    throwIfRunEnded(signal);
    // A first start seeds, syncs and runs what follows the sync: on a busy 2-core machine that has taken over 300 s.
    await waitForHealthy(server.url, server, STARTUP_TIMEOUT_MS * 2);
    // The first ladder replay runs in the background after the first sync; the copy must hold its result.
    for (;;) {
      const body = (await (await apiFetch(server, '/api/v1/collections/ladder')).json()) as { runs: { status: string }[] };
      const status = body.runs[0]?.status;
      if (status === 'succeeded') break;
      if (status && status !== 'running') throw new Error(`the first ladder replay ended ${status}`);
      if (Date.now() > deadline) throw new Error('the first ladder replay did not finish in time');
      throwIfRunEnded(signal);
      await sleep(500);
    }
  } finally {
    signal?.removeEventListener('abort', abort);
    await stopServer(server);
  }
}
