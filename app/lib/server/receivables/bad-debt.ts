import type { Warehouse } from '../../../../pipelines/warehouse/connection.ts';
import { sqlQuery } from '../../../../pipelines/warehouse/sql-files.ts';
import { ReceivablesInputError } from './errors.ts';
import type { AgingReport } from './types.ts';

type Db = Pick<Warehouse, 'query'>;

/** Observed loss rate of one bucket in one currency: lost / open over the month ends looked at. */
export interface LossRate {
  readonly currency: string;
  readonly bucket: number;
  readonly openMinor: bigint;
  readonly lostMinor: bigint;
  /** Fraction 0–1; null when nothing was open in that bucket at those month ends. */
  readonly rate: number | null;
}

export interface ReserveLine {
  readonly currency: string;
  readonly bucket: number;
  readonly openMinor: bigint;
  /** Fraction 0–1 applied to the bucket. */
  readonly rate: number;
  /** open × rate, rounded half up to the minor unit. */
  readonly reserveMinor: bigint;
}

/**
 * Loss rates per bucket from the company's own history: for each month end from `from` to `to`
 * (business time zone, YYYY-MM-DD month ends whose outcome is known — the caller keeps them at
 * least six months back), what was open in each bucket and how much of it was written off later.
 */
export async function observedLossRates(db: Db, monthEnds: readonly string[], bounds: readonly number[]): Promise<LossRate[]> {
  const sums = new Map<string, { currency: string; bucket: number; open: bigint; lost: bigint }>();
  for (const asOf of monthEnds) {
    const rows = await db.query<{ currency: string; bucket: bigint; open_minor: bigint; lost_minor: bigint }>(
      `WITH aging AS (${sqlQuery('aging_invoices')}) SELECT * FROM (${sqlQuery('bad_debt_outcomes')})`,
      [asOf, 'due_date', bounds.join(','), null],
    );
    for (const r of rows) {
      const key = `${r.currency}|${r.bucket}`;
      const s = sums.get(key) ?? { currency: r.currency, bucket: Number(r.bucket), open: 0n, lost: 0n };
      s.open += r.open_minor;
      s.lost += r.lost_minor;
      sums.set(key, s);
    }
  }
  return [...sums.values()]
    .sort((a, b) => a.currency.localeCompare(b.currency) || a.bucket - b.bucket)
    .map((s) => ({ currency: s.currency, bucket: s.bucket, openMinor: s.open, lostMinor: s.lost, rate: s.open > 0n ? Number((s.lost * 1_000_000n) / s.open) / 1_000_000 : null }));
}

/**
 * The reserve for an aging report: each bucket's open balance × its loss rate, per currency.
 * `rates` maps bucket index to a fraction (edited by the user, or the observed rates); buckets
 * without a rate reserve nothing.
 */
export function badDebtReserve(report: AgingReport, rates: ReadonlyMap<string, readonly (number | null)[]>): ReserveLine[] {
  const lines: ReserveLine[] = [];
  for (const total of report.totals) {
    const currencyRates = rates.get(total.currency) ?? rates.get('*') ?? [];
    total.buckets.forEach((open, bucket) => {
      const rate = currencyRates[bucket] ?? null;
      if (rate === null) return;
      if (!(rate >= 0 && rate <= 1)) throw new ReceivablesInputError('BAD_BUCKETS', `loss rate ${rate} must be a fraction from 0 to 1`, 'rates');
      lines.push({ currency: total.currency, bucket, openMinor: open, rate, reserveMinor: timesFraction(open, rate) });
    });
  }
  return lines;
}

/** amount × rate, exact to six decimals of the rate, rounded half up (away from zero) to the minor unit. */
function timesFraction(amount: bigint, rate: number): bigint {
  const micro = BigInt(Math.round(rate * 1_000_000));
  const product = amount * micro;
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  return sign * ((abs + 500_000n) / 1_000_000n);
}
