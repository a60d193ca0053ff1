/**
 * `npm run bench -- ladder [--scale S|M|XS]`
 *
 * The policy replay and the ladder analytics on the generated demo, in one run:
 *   load      the replay's inputs from the warehouse (sql/queries/ladder_replay_invoices.sql)
 *   simulate  the engine per customer and overdue day, 12 months plus the warm-up
 *   everyday  the same, calling the engine on every overdue day (the skip must give the same steps)
 *   replay    a whole run as the page's button does it: load, simulate, write to an embedded workbench
 *   analytics the ladder page's figures over that run
 * and ends with:
 *   ladder: scale=S replay_ms=… simulate_ms=… everyday_ms=… steps=… analytics_ms=…
 * Goal: scale S replays 12 months in well under a minute, and under 5 s to run at the demo's first start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addDays } from '../app/lib/server/escalation/dates.ts';
import { defaultPolicy } from '../app/lib/server/escalation/index.ts';
import { ladderReport } from '../app/lib/server/ladder/analytics.ts';
import { loadReplayCustomers } from '../app/lib/server/ladder/replay-data.ts';
import { replayCustomer } from '../app/lib/server/ladder/replay.ts';
import { replayWarmUpDays, startReplay } from '../app/lib/server/ladder/replay-run.ts';
import { openWorkbench } from '../app/lib/server/workbench/index.ts';
import { isScale } from '../pipelines/generate/generate.ts';
import { createBillingPool } from '../pipelines/source/type-mapping.ts';
import { runSync } from '../pipelines/sync/run-sync.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { AS_OF, ensureTemplate, TZ, urlFor } from './support/billing-template.ts';

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string', default: 'S' } } });
  const scale = values.scale!;
  if (!isScale(scale)) throw new Error(`--scale must be XS, S or M, not ${scale}`);
  const template = await ensureTemplate(scale);
  const source = createBillingPool(urlFor(template), 2);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-ladder-'));
  const file = path.join(workDir, 'warehouse.duckdb');
  const warehouse = await openWarehouse(file);
  const workbench = await openWorkbench({ dataDir: workDir, workbenchDatabaseUrl: null });
  try {
    console.log('building the warehouse (full sync) …');
    await runSync({ source, warehouse, timezone: TZ, workDir, mode: 'full' });
    const policy = defaultPolicy();
    const to = AS_OF.toISOString().slice(0, 10);
    const from = addDays(to, -364);
    const window = { from: addDays(from, -replayWarmUpDays(policy)), to };

    let t = performance.now();
    const customers = await loadReplayCustomers(warehouse, window);
    const loadMs = performance.now() - t;
    const simulate = (everyDay: boolean) => {
      const began = performance.now();
      const steps = customers.flatMap((c) => replayCustomer(policy, c, window, { everyDay }));
      return { ms: performance.now() - began, key: steps.map((s) => `${s.idempotencyKey}@${s.takenOn}`).join('\n') };
    };
    const skip = simulate(false);
    const every = simulate(true);
    if (skip.key !== every.key) throw new Error('skipping quiet days changed the replayed steps');
    console.log(`load ${loadMs.toFixed(0)} ms (${customers.length} customers), simulate ${skip.ms.toFixed(0)} ms, every day ${every.ms.toFixed(0)} ms`);

    t = performance.now();
    const { done } = await startReplay({ warehouse, workbench }, { from, to, requestedBy: 'bench' }, to);
    const run = await done;
    const replayMs = performance.now() - t;
    if (run.status !== 'succeeded') throw new Error(`replay failed: ${run.error}`);
    console.log(`replay run ${replayMs.toFixed(0)} ms, ${run.steps} steps (warm-up from ${run.warm_up_from})`);

    t = performance.now();
    const report = await ladderReport({ connect: () => openWarehouse(file), workbench: workbench.db, timezone: TZ }, policy,
      { source: 'replay', runId: run.id, from, to, observedUntil: to });
    const analyticsMs = performance.now() - t;
    console.log(`analytics ${analyticsMs.toFixed(0)} ms, ${report.funnel.length} funnel rows`);
    console.log(`ladder: scale=${scale} replay_ms=${replayMs.toFixed(0)} simulate_ms=${skip.ms.toFixed(0)} everyday_ms=${every.ms.toFixed(0)} steps=${run.steps} analytics_ms=${analyticsMs.toFixed(0)}`);
  } finally {
    await workbench.close();
    warehouse.close();
    await source.end();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
