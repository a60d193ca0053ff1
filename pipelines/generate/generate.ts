import { CONTRACT_TABLE_NAMES, type ContractTableName } from '../source/contract.ts';
import { writeBadRows } from './bad-rows.ts';
import { monthIndexAt, monthRef } from './calendar.ts';
import { PLANS, planId, priceIn, type Currency } from './catalog.ts';
import { Random } from './random.ts';
import { RowWriter, type CsvSink } from './row-writer.ts';
import { iso, simulateCustomer } from './simulate-customer.ts';

/** Demo sizes: XS for tests, S the demo (~2,000 customers), M the benchmark (~50,000). */
export const SCALES = { XS: 150, S: 2_000, M: 50_000 } as const;
export type Scale = keyof typeof SCALES;
export const HISTORY_MONTHS = 24;

export interface GenerateOptions {
  readonly scale: Scale;
  readonly seed?: number;
  /** The instant "now" in the generated history; nothing later exists. Default: the current time. */
  readonly asOf?: Date;
  /** Business time zone: invoices are issued at local midnight on the 1st. */
  readonly timezone: string;
  readonly sink: CsvSink;
  /** Add rows that break the contract, to exercise quarantine (default true). */
  readonly badRows?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  readonly rows: Record<ContractTableName, number>;
  readonly badRows: number;
  readonly asOf: Date;
}

export class GenerateError extends Error {
  readonly code = 'GENERATE_FAILED';
}

export function isScale(value: string): value is Scale {
  return Object.hasOwn(SCALES, value);
}

/** Fills the contract tables with a deterministic history: same seed, scale and as-of, same rows. */
export async function generateDemoData(options: GenerateOptions): Promise<GenerateResult> {
  const { scale, seed = 42, timezone, sink } = options;
  const asOf = options.asOf ?? new Date();
  const customers = SCALES[scale];
  const out = new RowWriter(sink);
  const last = monthRef(monthIndexAt(timezone, asOf.getTime()));
  const window = { firstMonth: monthRef(last.index - HISTORY_MONTHS + 1), lastMonth: last, asOfMs: asOf.getTime(), timezone };

  const catalogTime = iso(Date.UTC(window.firstMonth.year - 3, 0, 1));
  for (const currency of ['RUB', 'USD', 'EUR'] as Currency[]) {
    for (const plan of PLANS) {
      out.write('plans', [planId(plan.code, currency), plan.code, plan.name, plan.kind, plan.billingPeriodMonths, priceIn(currency, plan.priceRubMinor), currency, catalogTime]);
    }
  }
  for (let i = 1; i <= customers; i++) {
    simulateCustomer(i, Random.forStream(seed, i), window, out);
    if (out.needsFlush) {
      await out.flush();
      options.onProgress?.(i, customers);
    }
  }
  let bad = 0;
  if (options.badRows ?? true) {
    const invoice = out.firstRows.get('invoices');
    const payment = out.firstRows.get('payments');
    if (!invoice || !payment) throw new GenerateError('no invoice or payment was generated to base the bad rows on');
    bad = writeBadRows(out, Math.max(1, Math.round(customers / 2_000)), { invoice, payment });
  }
  await out.flush();
  options.onProgress?.(customers, customers);
  const rows = Object.fromEntries(CONTRACT_TABLE_NAMES.map((t) => [t, out.counts.get(t) ?? 0])) as Record<ContractTableName, number>;
  return { rows, badRows: bad, asOf };
}
