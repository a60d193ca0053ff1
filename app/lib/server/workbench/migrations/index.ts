import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_policy_and_disputes.ts';

/**
 * The workbench migrations, in code (no folder scanning, so they bundle with the app). Names sort
 * in order: add `0002_…` below; never edit one that has shipped.
 */
export const WORKBENCH_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_policy_and_disputes': m0002,
};

export const workbenchMigrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...WORKBENCH_MIGRATIONS }),
};
