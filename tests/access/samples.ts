/**
 * Real values for route parameters ([id], [name], :dataset, …) on a running seeded server, found
 * through the pages and the API as the admin sees them, so that allowed requests can succeed.
 */
import { apiFetch, type RunningServer } from '../browser/support.ts';

export interface Samples {
  readonly caseId: string;
  readonly customerId: string;
  readonly notebook: string;
  readonly block: string;
  readonly syncRunId: string;
}

async function html(server: RunningServer, path: string): Promise<string> {
  const res = await apiFetch(server, path);
  if (res.status !== 200) throw new Error(`${path} answered ${res.status} while looking for sample ids`);
  return res.text();
}

function first(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no ${what} found for the access tests`);
  return decodeURIComponent(match[1]!);
}

export async function findSamples(server: RunningServer): Promise<Samples> {
  // The queue lists customers; opening a case for the first one is what a collector does first.
  const queue = await html(server, '/collections');
  const customerId = first(queue, /href="\/customers\/([^/"]+)\/risk"/, 'customer with a churn score on /collections');
  let caseId = /Open #(\d+)/.exec(queue)?.[1];
  if (!caseId) {
    const queued = first(queue, /name="customerId" value="([^"]+)"/, 'customer on /collections');
    const opened = await apiFetch(server, '/collections?/open', {
      method: 'POST', redirect: 'manual',
      headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ customerId: queued }),
    });
    caseId = first(opened.headers.get('location') ?? '', /\/collections\/cases\/(\d+)/, 'case opened from /collections');
  }
  const notebooks = await html(server, '/notebooks');
  // Not one of the throwaway notebooks the tests' form posts write (`*-probe`).
  const notebook = first(notebooks, /href="\/notebooks\/((?![a-z0-9_-]*-probe")[a-z0-9][a-z0-9_-]*)"/, 'notebook on /notebooks');
  const page = await html(server, `/notebooks/${notebook}`);
  const block = first(page, new RegExp(`/notebooks/${notebook}/blocks/([^?"&/]+)`), `block of notebook ${notebook}`);
  const runs = (await (await apiFetch(server, '/api/v1/sync/runs')).json()) as { runs: { runId?: string | number; id?: string | number }[] };
  const run = runs.runs[0];
  const syncRunId = String(run?.runId ?? run?.id ?? '');
  if (!syncRunId) throw new Error('no sync run for the access tests');
  return { caseId, customerId, notebook, block, syncRunId };
}

/** A route id or API path with sample values in place of its parameters. */
export function samplePath(route: string, samples: Samples): string {
  return route
    .replace('/collections/cases/[id]', `/collections/cases/${samples.caseId}`)
    .replace('/customers/[id]', `/customers/${encodeURIComponent(samples.customerId)}`)
    .replace('[token]', 'not-an-invite-token')
    .replace('[name]', samples.notebook)
    .replace('[block]', encodeURIComponent(samples.block))
    .replace(':runId', samples.syncRunId)
    .replace(':dataset', 'revenue_monthly')
    // An outbox id no entry has: acknowledging a real one is tests/collections' business.
    .replace(':id', '999999999');
}

/** Runs `task` on each item, at most `width` at once (one server on 2 cores: a few requests in flight). */
export async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}
