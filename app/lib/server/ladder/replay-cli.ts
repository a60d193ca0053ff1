/**
 * `npm run collections:replay -- --from YYYY-MM-DD [--to YYYY-MM-DD]`: replays the default
 * escalation policy over the warehouse's past and stores the simulated steps in the workbench
 * (tables ladder_replay_*; never collection actions or the outbox). --to defaults to today and
 * --from to 12 months before it (business time zone). Needs the app stopped: the warehouse and the
 * embedded workbench are opened by one process at a time. Exits 1 if the replay failed, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../../pipelines/config.ts';
import { openWarehouse } from '../../../../pipelines/warehouse/connection.ts';
import { addDays } from '../escalation/dates.ts';
import { businessToday } from '../receivables/dates.ts';
import { openWorkbench } from '../workbench/index.ts';
import { LadderInputError } from './errors.ts';
import { startReplay } from './replay-run.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
const config = loadConfig();
const today = businessToday(config.timezone);
const to = values.to ?? today;
const from = values.from ?? addDays(to, -364);
const warehouse = await openWarehouse(config.warehousePath);
const workbench = await openWorkbench(config).catch((err: unknown) => {
  warehouse.close();
  throw err;
});
const began = Date.now();
try {
  const { run, done } = await startReplay({ warehouse, workbench }, { from, to, requestedBy: 'cli' }, today, (p) => {
    process.stdout.write(JSON.stringify({ event: 'ladder.replay.progress', customersDone: p.customersDone, customersTotal: p.customersTotal }) + '\n');
  });
  process.stdout.write(JSON.stringify({ event: 'ladder.replay.started', runId: run.id.toString(), from, to, warmUpFrom: run.warm_up_from }) + '\n');
  const finished = await done;
  process.stdout.write(JSON.stringify({ event: 'ladder.replay', runId: finished.id.toString(), status: finished.status, steps: finished.steps, error: finished.error, ms: Date.now() - began }) + '\n');
  if (finished.status !== 'succeeded') process.exitCode = 1;
} catch (err) {
  console.error(`replay not started: ${(err as Error).message}`);
  process.exitCode = err instanceof LadderInputError ? 2 : 1;
} finally {
  warehouse.close();
  await workbench.close();
}
