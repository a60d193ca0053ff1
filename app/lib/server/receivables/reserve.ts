import { badDebtReserve, type LossRate } from './bad-debt.ts';
import { monthEndsUntil } from './dates.ts';
import { ReceivablesInputError } from './errors.ts';
import type { AgingReport } from './types.ts';

/** How many month ends the observed loss rates average over, and how far back the latest one must be. */
export const LOSS_RATE_MONTHS = 12;
export const LOSS_RATE_LAG_MONTHS = 6;

/** The query parameter carrying edited loss rates: `lr.RUB=0.5&lr.RUB=2&…`, one per bucket in order, percentages; empty = observed. */
export const RATE_PARAM_PREFIX = 'lr.';

export const RESERVE_DEFINITION =
  'observed loss rate = later written off / open at past month ends; reserve = open × rate, half-up to the minor unit';

/**
 * The month ends the observed loss rates look at: the `LOSS_RATE_MONTHS` month ends that are at
 * least `LOSS_RATE_LAG_MONTHS` months before `asOf` (so their outcome is known), oldest first.
 * e.g. '2026-03-31' → 2024-10-31 … 2025-09-30; '2026-03-15' → 2024-09-30 … 2025-08-31.
 */
export function lossRateMonthEnds(asOf: string): string[] {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  // asOf minus the lag, the day clamped to that month's length (31 Aug − 6 months = 28/29 Feb).
  const lastDay = new Date(Date.UTC(y, m - 1 - LOSS_RATE_LAG_MONTHS + 1, 0)).getUTCDate();
  const lagged = new Date(Date.UTC(y, m - 1 - LOSS_RATE_LAG_MONTHS, Math.min(d, lastDay))).toISOString().slice(0, 10);
  return monthEndsUntil(lagged, LOSS_RATE_MONTHS);
}

/**
 * A percentage typed by the user ("2", "0.5", "12,25") as a fraction 0–1, exact to six decimals of
 * the fraction (four of the percentage). Empty: null (use the observed rate).
 */
export function parseRatePercent(text: string, currency: string, bucket: number): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(t);
  const micro = match ? Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0')) : NaN;
  if (!match || micro > 1_000_000) {
    throw new ReceivablesInputError('BAD_RATES', `loss rate "${text}" for ${currency} bucket ${bucket + 1} is not a percentage from 0 to 100 (up to 4 decimals)`, 'rates');
  }
  return micro / 1_000_000;
}

/** Edited loss rates from the URL, per currency: one entry per bucket (null = not edited). */
export function parseEditedRates(search: URLSearchParams, bucketCount: number): Map<string, (number | null)[]> {
  const edited = new Map<string, (number | null)[]>();
  for (const name of new Set(search.keys())) {
    if (!name.startsWith(RATE_PARAM_PREFIX)) continue;
    const currency = name.slice(RATE_PARAM_PREFIX.length);
    if (!/^[A-Z]{3}$/.test(currency)) throw new ReceivablesInputError('BAD_RATES', `"${name}" does not name a currency (like lr.RUB)`, 'rates');
    const values = search.getAll(name);
    if (values.length > bucketCount) throw new ReceivablesInputError('BAD_RATES', `${values.length} loss rates for ${currency}, but there are ${bucketCount} buckets`, 'rates');
    const rates = Array.from({ length: bucketCount }, (_, bucket) => parseRatePercent(values[bucket] ?? '', currency, bucket));
    if (rates.some((r) => r !== null)) edited.set(currency, rates);
  }
  return edited;
}

export interface ReserveBucketLine {
  readonly bucket: number;
  readonly label: string;
  readonly openMinor: bigint;
  /** Observed fraction 0–1; null when nothing was open in the bucket at those month ends. */
  readonly observedRate: number | null;
  /** The fraction applied: edited, else observed; null (no reserve) when neither exists. */
  readonly rate: number | null;
  readonly edited: boolean;
  readonly reserveMinor: bigint;
}

export interface CurrencyReserve {
  readonly currency: string;
  readonly lines: readonly ReserveBucketLine[];
  /** Sum of the lines' reserves (minor units). */
  readonly totalMinor: bigint;
  readonly openMinor: bigint;
}

/**
 * The reserve per currency and bucket for a due-date aging report: open × (edited rate, else the
 * observed one); the total is the sum of the lines, so it always matches what is shown.
 */
export function reserveTable(report: AgingReport, observed: readonly LossRate[], edited: ReadonlyMap<string, readonly (number | null)[]>): CurrencyReserve[] {
  return report.totals.map((total) => {
    const observedRates = report.buckets.map((_, bucket) => observed.find((r) => r.currency === total.currency && r.bucket === bucket)?.rate ?? null);
    const editedRates = edited.get(total.currency) ?? [];
    const rates = observedRates.map((o, bucket) => editedRates[bucket] ?? o);
    const reserves = badDebtReserve({ ...report, totals: [total] }, new Map([[total.currency, rates]]));
    const lines = report.buckets.map((b, bucket) => ({
      bucket,
      label: b.label,
      openMinor: total.buckets[bucket] ?? 0n,
      observedRate: observedRates[bucket]!,
      rate: rates[bucket]!,
      edited: editedRates[bucket] != null,
      reserveMinor: reserves.find((l) => l.bucket === bucket)?.reserveMinor ?? 0n,
    }));
    return { currency: total.currency, lines, totalMinor: lines.reduce((s, l) => s + l.reserveMinor, 0n), openMinor: total.total };
  });
}
