/**
 * The churn step of the after-sync run: scores customers, reads the outcomes of retention bonuses
 * whose window ended and proposes today's bonuses. It logs and swallows its own failure so that
 * the collections run that follows still happens: a missing or broken model must not stop the queue.
 */
import type { LedgerlensServices, ServiceLog } from '../../../../pipelines/services.ts';
import { businessToday } from '../receivables/dates.ts';
import { proposeRetentionBonuses, recordBonusOutcomes } from './bonuses.ts';
import { scoreChurn } from './score-run.ts';

const jsonLog: ServiceLog = (event) => process.stdout.write(JSON.stringify({ at: new Date().toISOString(), ...event }) + '\n');

export async function runChurnAfterSync(services: Pick<LedgerlensServices, 'warehouse' | 'workbench' | 'config'>, log: ServiceLog = jsonLog): Promise<void> {
  try {
    const result = await scoreChurn({ warehouse: services.warehouse, workbench: services.workbench.db, dataDir: services.config.dataDir });
    if (result?.created) log({ event: 'churn.scored', runId: String(result.runId), customers: result.customers, model: result.modelId });
    const today = businessToday(services.config.timezone);
    const outcomes = await recordBonusOutcomes(services.warehouse, services.workbench.db, today);
    const proposed = await proposeRetentionBonuses(services.workbench.db, today);
    if (outcomes || proposed.offers || proposed.holdouts) log({ event: 'churn.bonuses', today, outcomes, offers: proposed.offers, holdouts: proposed.holdouts });
  } catch (err) {
    log({ event: 'churn.failed', error: err instanceof Error ? err.message : String(err) });
  }
}
