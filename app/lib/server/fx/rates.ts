import { m } from '$lib/paraglide/messages.js';
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { isCurrencyCode } from '../../money.ts';
import type { FxRate } from '../../fx/types.ts';
import type { WorkbenchDb } from '../workbench/database.ts';
import { parseRate } from './convert.ts';
import { FxError } from './errors.ts';

/** One row that could not be accepted, with its 1-based line in the input (header = line 1). */
export interface RateRowProblem {
  readonly line: number;
  readonly message: string;
}

export class FxInputError extends FxError {
  constructor(readonly problems: readonly RateRowProblem[]) {
    const listed = problems.slice(0, 5).map((p) => m.dt_fx_problem_line({ line: String(p.line), message: p.message })).join('; ');
    const count = String(problems.length);
    super('FX_BAD_INPUT', problems.length === 1 ? m.dt_fx_err_rejected_one({ count, problems: listed }) : m.dt_fx_err_rejected({ count, problems: listed }));
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PLAIN_DECIMAL = /^\d{1,12}(?:\.\d{1,12})?$/;

function isRealDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks one rate as typed (trimmed, codes upper-cased); returns the clean rate or the reason it is wrong. */
export function validateRate(input: Partial<Record<keyof FxRate, string | undefined>>): FxRate | string {
  const date = input.date?.trim() ?? '';
  const currency = input.currency?.trim().toUpperCase() ?? '';
  const quote = input.quote?.trim().toUpperCase() ?? '';
  const rate = input.rate?.trim() ?? '';
  const source = input.source?.trim() || 'entered by hand';
  if (!isRealDay(date)) return m.dt_fx_err_date({ date });
  if (!isCurrencyCode(currency)) return m.dt_fx_err_currency({ currency });
  if (!isCurrencyCode(quote)) return m.dt_fx_err_quote({ quote });
  if (currency === quote) return m.dt_fx_err_same({ currency });
  try {
    parseRate(rate);
  } catch {
    // parseRate refuses text that is not a plain decimal, and zero.
    return PLAIN_DECIMAL.test(rate) ? m.dt_fx_err_rate_zero({ rate }) : m.dt_fx_err_rate_format({ rate });
  }
  return { date, currency, quote, rate, source };
}

/** Every rate, oldest first. */
export async function listRates(db: WorkbenchDb): Promise<FxRate[]> {
  const rows = await db.selectFrom('fx_rates').select(['rate_date', 'currency', 'quote', 'rate', 'source']).orderBy('rate_date').orderBy('currency').orderBy('quote').execute();
  return rows.map((r) => ({ date: r.rate_date, currency: r.currency, quote: r.quote, rate: trimZeros(r.rate), source: r.source }));
}

function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}

/**
 * Saves rates in one transaction: all or nothing. A rate for a pair and day that exists already is
 * replaced (a correction), so loading the same file twice changes nothing.
 */
export async function saveRates(db: WorkbenchDb, rates: readonly FxRate[], enteredBy: string): Promise<number> {
  if (rates.length === 0) return 0;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rates.length; i += 500) {
      await tx
        .insertInto('fx_rates')
        .values(rates.slice(i, i + 500).map((r) => ({ rate_date: r.date, currency: r.currency, quote: r.quote, rate: r.rate, source: r.source, entered_by: enteredBy })))
        .onConflict((oc) =>
          oc.columns(['currency', 'quote', 'rate_date']).doUpdateSet({
            rate: (eb) => eb.ref('excluded.rate'),
            source: (eb) => eb.ref('excluded.source'),
            entered_by: (eb) => eb.ref('excluded.entered_by'),
            entered_at: sql<Date>`now()`,
          }),
        )
        .execute();
    }
  });
  return rates.length;
}

export const RATES_CSV_COLUMNS = ['date', 'currency', 'quote', 'rate', 'source'] as const;

/**
 * Reads a rates CSV (header `date,currency,quote,rate[,source]`) with DuckDB's CSV reader, which
 * handles quoting, BOMs and line ends; every value stays text so no rate passes through a float.
 * Throws FxInputError listing each bad line; nothing is returned unless every row is good.
 */
export async function parseRatesCsv(text: string): Promise<FxRate[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-fx-'));
  const file = path.join(dir, 'rates.csv');
  fs.writeFileSync(file, text);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    let rows: Record<string, string | null>[];
    try {
      const reader = await connection.runAndReadAll(`select * from read_csv(?, header = true, all_varchar = true, auto_detect = true)`, [file]);
      rows = reader.getRowObjectsJS() as Record<string, string | null>[];
    } catch (err) {
      throw new FxInputError([{ line: 1, message: m.dt_fx_err_not_csv({ reason: (err as Error).message.split('\n')[0] ?? '' }) }]);
    }
    const header = rows.length > 0 ? Object.keys(rows[0]!).map((h) => h.trim().toLowerCase()) : [];
    const missing = RATES_CSV_COLUMNS.slice(0, 4).filter((c) => rows.length > 0 && !header.includes(c));
    if (rows.length === 0) throw new FxInputError([{ line: 1, message: m.dt_fx_err_no_rows() }]);
    if (missing.length > 0) throw new FxInputError([{ line: 1, message: m.dt_fx_err_header({ missing: missing.join(', ') }) }]);
    const rates: FxRate[] = [];
    const problems: RateRowProblem[] = [];
    rows.forEach((raw, index) => {
      const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.trim().toLowerCase(), v ?? undefined]));
      const checked = validateRate(row);
      if (typeof checked === 'string') problems.push({ line: index + 2, message: checked });
      else rates.push(checked);
    });
    if (problems.length > 0) throw new FxInputError(problems);
    return rates;
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
