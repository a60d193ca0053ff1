import path from 'node:path';
import { Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, type MigrationResultSet } from 'kysely';
import type pg from 'pg';
import type { LedgerlensConfig } from '../../../../pipelines/config.ts';
import { openEmbeddedPglite, servePglite, type ServedPglite } from '../../../../pipelines/source/embedded.ts';
import { createPool, pgTypeParsers } from '../../../../pipelines/source/type-mapping.ts';
import { WorkbenchMigrationError, WorkbenchUnavailableError } from './errors.ts';
import { workbenchMigrationProvider } from './migrations/index.ts';
import type { WorkbenchDatabase } from './schema.ts';

export type { WorkbenchDatabase as Database } from './schema.ts';

/** The schema that holds every workbench table, kysely's migration tables included. */
export const WORKBENCH_SCHEMA = 'workbench';

/** Kysely over the workbench database, table names resolved in schema `workbench`. */
export type WorkbenchDb = Kysely<WorkbenchDatabase>;

/**
 * Ledgerlens's own state (collections cases, notes, promises, actions). Never the billing DB
 * (loadConfig refuses WORKBENCH_DATABASE_URL = BILLING_DATABASE_URL).
 */
export interface Workbench {
  readonly db: WorkbenchDb;
  /** True for the embedded PGlite under `<dataDir>/workbench`. */
  readonly embedded: boolean;
  /** Closes the pool (and the embedded database); idempotent. */
  close(): Promise<void>;
}

/**
 * Workbench values in JS: int8 → bigint, timestamptz → Date (an instant; milliseconds are plenty for
 * case history, and pg's parser reads the offset so the session TimeZone does not matter), date and
 * numeric → text. Per pool, never process-wide.
 */
export const workbenchTypeParsers = pgTypeParsers({ timestamptz: 'date' });

export interface OpenWorkbenchOptions {
  /**
   * Pool size; default 10 for a real Postgres (a department signing in at once: every request checks
   * its session there, and Postgres allows 100 connections), 2 for the embedded one (it answers one
   * query at a time anyway).
   */
  readonly maxConnections?: number;
  /** Run pending migrations (default true). Tests turn it off to drive the Migrator themselves. */
  readonly migrate?: boolean;
}

/**
 * Opens the workbench database: WORKBENCH_DATABASE_URL when set, else the embedded PGlite under
 * `<dataDir>/workbench` (created on first use) served on a loopback port; either way kysely talks
 * to it through a `pg` pool. Pending migrations run before it resolves.
 * Throws WorkbenchUnavailableError (cannot connect) or WorkbenchMigrationError (a migration failed).
 */
export async function openWorkbench(
  config: Pick<LedgerlensConfig, 'dataDir' | 'workbenchDatabaseUrl'>,
  options: OpenWorkbenchOptions = {},
): Promise<Workbench> {
  let served: ServedPglite | null = null;
  let url = config.workbenchDatabaseUrl;
  const where = url ? `WORKBENCH_DATABASE_URL (${redactUrl(url)})` : `the embedded database in ${path.join(config.dataDir, 'workbench')}`;
  if (!url) {
    try {
      served = await servePglite(await openEmbeddedPglite(path.join(config.dataDir, 'workbench')));
    } catch (err) {
      throw new WorkbenchUnavailableError(`Could not open ${where}: ${(err as Error).message}. Is another Ledgerlens process using this data folder?`, { cause: err });
    }
    url = served.url;
  }
  const pool: pg.Pool = createPool(url, {
    max: options.maxConnections ?? (served ? 2 : 10),
    types: workbenchTypeParsers,
    idleLossEvent: 'workbench_db.idle_connection_lost',
  });
  const db: WorkbenchDb = new Kysely<WorkbenchDatabase>({ dialect: new PostgresDialect({ pool }) }).withSchema(WORKBENCH_SCHEMA);
  let closed: Promise<void> | null = null;
  const workbench: Workbench = {
    db,
    embedded: served !== null,
    close() {
      closed ??= (async () => {
        await pool.end().catch(() => undefined);
        await served?.stop();
      })();
      return closed;
    },
  };
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await workbench.close();
    throw new WorkbenchUnavailableError(`Could not connect to ${where}: ${(err as Error).message}`, { cause: err });
  }
  if (options.migrate ?? true) {
    try {
      await migrateWorkbench(db, 'latest');
    } catch (err) {
      await workbench.close();
      throw err;
    }
  }
  return workbench;
}

/** The kysely Migrator for the workbench (in-code migrations, tables in schema `workbench`). */
export function workbenchMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: workbenchMigrationProvider, migrationTableSchema: WORKBENCH_SCHEMA });
}

/**
 * Migrates to the latest version, or to a named one (`null` undoes every migration; the schema and
 * kysely's tables stay). Throws WorkbenchMigrationError naming the migration that failed.
 */
export async function migrateWorkbench(db: Kysely<any>, target: 'latest' | string | null): Promise<MigrationResultSet> {
  const migrator = workbenchMigrator(db);
  const result = target === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(target ?? NO_MIGRATIONS);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? null;
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new WorkbenchMigrationError(
      failed,
      failed ? `Workbench migration ${failed} failed (${cause}); the database was left as it was before it` : `Workbench migrations could not run: ${cause}`,
      { cause: result.error },
    );
  }
  return result;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparsable URL';
  }
}
