import { sql, type Kysely } from 'kysely';

/** Forecasts by plan (MRR per plan code) beside the segment breakdown; null = all plans. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table workbench.forecasts add column plan text').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table workbench.forecasts drop column plan').execute(db);
}
