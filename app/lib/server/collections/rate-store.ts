/**
 * Dated rate tables as workbench data (tables rate_tables, rate_table_entries), so an admin adds a
 * new key-rate decision without a deploy. Entries are append-only: a correction is a new row for
 * the same date, and the latest row per date is in force. The built-in tables (escalation/key-rates.ts)
 * seed the store: any built-in date with no row yet is added, so a release that extends the
 * built-in table extends the store too, and never overrides an admin's correction.
 */
import { sql } from 'kysely';
import { BUILT_IN_RATE_TABLES, fractionFromDecimal, toDecimalString, type DatedRateTable, type RateTableRegistry } from '../escalation/index.ts';
import { dayNumber } from '../escalation/dates.ts';
import type { RateTableEntry, WorkbenchDb } from '../workbench/index.ts';
import { RateInputError } from './policy-errors.ts';

/** Who the built-in rows are attributed to. */
export const BUILT_IN = 'system:built-in';

/** Decimal text for numeric(12,8) from an exact fraction (the built-in tables are short decimals). */
function rateText(rate: { numerator: bigint; denominator: bigint }): string {
  return toDecimalString(rate, 8);
}

/** Adds the built-in tables and any of their dates the store lacks; idempotent, safe when two processes race (advisory lock). */
export async function seedRateTables(db: WorkbenchDb, builtIn: RateTableRegistry = BUILT_IN_RATE_TABLES): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('ledgerlens.rate-tables.seed'))`.execute(trx);
    for (const table of Object.values(builtIn)) {
      await trx
        .insertInto('rate_tables')
        .values({ id: table.id, name: table.name, source: table.source, reviewed_on: table.reviewedOn })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const known = new Set((await trx.selectFrom('rate_table_entries').select('effective_from').where('table_id', '=', table.id).execute()).map((r) => r.effective_from));
      const missing = table.rates.filter((r) => !known.has(r.from));
      if (missing.length === 0) continue;
      await trx
        .insertInto('rate_table_entries')
        .values(missing.map((r) => ({ table_id: table.id, effective_from: r.from, rate: rateText(r.rate), note: `built in (${table.source})`, created_by: BUILT_IN })))
        .execute();
      await trx.updateTable('rate_tables').set({ reviewed_on: sql<string>`greatest(reviewed_on, ${table.reviewedOn}::date)` }).where('id', '=', table.id).execute();
    }
  });
}

/** One table as the editor shows it: the entries in force (latest row per date) and every row ever added. */
export interface StoredRateTable {
  readonly table: DatedRateTable;
  /** Every row, newest first: the audit trail of the table. */
  readonly entries: readonly RateTableEntry[];
}

/** Every stored table with its entries in force; the registry the engine computes late fees with. */
export async function loadRateTables(db: WorkbenchDb): Promise<{ readonly registry: RateTableRegistry; readonly tables: readonly StoredRateTable[] }> {
  const tables = await db.selectFrom('rate_tables').selectAll().orderBy('id').execute();
  const entries = await db.selectFrom('rate_table_entries').selectAll().orderBy('table_id').orderBy('effective_from').orderBy('id').execute();
  const stored: StoredRateTable[] = tables.map((t) => {
    const own = entries.filter((e) => e.table_id === t.id);
    const inForce = new Map<string, RateTableEntry>();
    for (const e of own) inForce.set(e.effective_from, e); // ordered by id: the latest row per date wins
    const table: DatedRateTable = {
      id: t.id,
      name: t.name,
      source: t.source,
      reviewedOn: t.reviewed_on,
      rates: [...inForce.values()].map((e) => ({ from: e.effective_from, rate: fractionFromDecimal(e.rate, `rateTables.${t.id}.${e.effective_from}`) })),
    };
    return { table, entries: [...own].reverse() };
  });
  return { registry: Object.fromEntries(stored.map((s) => [s.table.id, s.table])), tables: stored };
}

export interface NewRate {
  readonly tableId: string;
  /** 'YYYY-MM-DD', the day the rate takes effect. */
  readonly effectiveFrom: string;
  /** The rate as a percentage, decimal text: "16.5" for 16.5 %. */
  readonly percent: string;
  readonly note?: string;
  readonly actor: string;
}

/**
 * Adds a dated rate (or corrects the rate of a date already in the table: the new row wins).
 * Throws RateInputError naming the field. Marks the table reviewed today (UTC date).
 */
export async function addRate(db: WorkbenchDb, input: NewRate): Promise<RateTableEntry> {
  if (!input.actor.trim()) throw new RateInputError('actor', 'Adding a rate needs an actor (who adds it)');
  try {
    dayNumber(input.effectiveFrom, 'effectiveFrom');
  } catch {
    throw new RateInputError('effectiveFrom', `"${input.effectiveFrom}" is not a date written YYYY-MM-DD`);
  }
  const percentText = input.percent.trim().replace(',', '.');
  const match = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(percentText);
  if (!match) throw new RateInputError('percent', `"${input.percent}" is not a percentage such as 16.5 (at most 6 decimals)`);
  const digits = match[2] ?? '';
  const asFraction = fractionFromDecimal(`${match[1]}${digits ? `.${digits}` : ''}`);
  const rate = { numerator: asFraction.numerator, denominator: asFraction.denominator * 100n };
  if (rate.numerator >= rate.denominator) throw new RateInputError('percent', `${percentText} % is not a plausible rate (it must be below 100 %)`);
  return db.transaction().execute(async (trx) => {
    const table = await trx.selectFrom('rate_tables').select(['id', 'name']).where('id', '=', input.tableId).forUpdate().executeTakeFirst();
    if (!table) throw new RateInputError('tableId', `There is no rate table "${input.tableId}"`);
    const entry = await trx
      .insertInto('rate_table_entries')
      .values({ table_id: table.id, effective_from: input.effectiveFrom, rate: rateText(rate), note: input.note?.trim() ?? '', created_by: input.actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('rate_tables').set({ reviewed_on: sql<string>`greatest(reviewed_on, current_date)` }).where('id', '=', table.id).execute();
    return entry;
  });
}
