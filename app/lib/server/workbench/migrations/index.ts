import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_policy_and_disputes.ts';
import * as m0003 from './0003_ladder_replay.ts';
import * as m0004 from './0004_fx_rates.ts';
import * as m0005 from './0005_forecasts.ts';
import * as m0006 from './0006_churn.ts';
import * as m0007 from './0007_forecast_plans.ts';
import * as m0008 from './0008_report_schedules.ts';
import * as m0009 from './0009_access.ts';
import * as m0010 from './0010_webhooks.ts';

/**
 * The workbench migrations, in code (no folder scanning, so they bundle with the app). Names sort
 * in order: add `0002_…` below; never edit one that has shipped.
 */
export const WORKBENCH_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_policy_and_disputes': m0002,
  '0003_ladder_replay': m0003,
  '0004_fx_rates': m0004,
  '0005_forecasts': m0005,
  '0006_churn': m0006,
  '0007_forecast_plans': m0007,
  '0008_report_schedules': m0008,
  '0009_access': m0009,
  '0010_webhooks': m0010,
};

export const workbenchMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...WORKBENCH_MIGRATIONS }),
};
