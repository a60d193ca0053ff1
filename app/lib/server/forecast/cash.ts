import { sortedQuantile } from '../../../../models/forecast/intervals.ts';
import { addDays } from '../escalation/dates.ts';

/**
 * Cash-collection forecast: when will today's open receivables be paid?
 *
 * Each open invoice falls in a class (segment × days past due × size × the customer's own payment
 * record, sql/queries/cash_collection_classes.sql). From reference days in the past whose next 13
 * weeks are already known, the share of a class's open balance paid in week w after the reference
 * is Σ paid_w / Σ open. Today's expected cash in week w = Σ over classes open × share_w. A class with
 * few past observations borrows most of its shares from a coarser one (age × payer, then age, then all).
 * The band comes from the method's own errors: the ratios actual / forecast of the backtest origins.
 */

export const CASH_WEEKS = 13;
/** Weekly reference days whose outcomes train one forecast (half a year of history). */
export const TRAINING_REFS = 26;
/** Backtest origins, this many days apart, the latest 13 weeks before the run date. */
export const BACKTEST_ORIGINS = 8;
export const BACKTEST_SPACING_DAYS = 28;
/** Pseudo-observations of the parent class in each class's shares (see sharesFor). */
export const SHRINK = 200;
/** Reported as "priced at this level" when a class has at least this many invoice-observations. */
export const MIN_SUPPORT = 50;
/** The band needs at least this many (origin, week) ratios; otherwise the forecast has none and says so. */
const MIN_RATIOS = 24;

const HORIZON_DAYS = 7 * CASH_WEEKS;

/** One row of sql/queries/cash_collection_classes.sql. Money: minor units of `currency`. */
export interface CashClassRow {
  readonly ref_day: string;
  readonly currency: string;
  readonly segment: string;
  readonly age_bucket: string;
  readonly size_band: string;
  readonly payer: string;
  readonly invoices: number;
  readonly open_minor: bigint;
  readonly paid_minor: readonly bigint[];
}

type ClassKey = Pick<CashClassRow, 'segment' | 'age_bucket' | 'size_band' | 'payer'>;

/** From the most specific class to the whole book: the fallback order. */
const LEVELS: readonly (readonly (keyof ClassKey)[])[] = [
  ['segment', 'age_bucket', 'size_band', 'payer'],
  ['age_bucket', 'payer'],
  ['age_bucket'],
  [],
];
export const LEVEL_NAMES = ['segment × age × size × payer', 'age × payer', 'age', 'whole book'] as const;

/** The reference days one run needs: the run date, the backtest origins and every training day. */
export interface CashSchedule {
  readonly origin: string;
  readonly backtestOrigins: readonly string[];
  readonly refDays: readonly string[];
}

/** Training days for an origin: weekly, the latest one 13 weeks before it (its outcome fully known by then). */
export function trainingDays(origin: string, count = TRAINING_REFS): string[] {
  return Array.from({ length: count }, (_, j) => addDays(origin, -HORIZON_DAYS - 7 * j));
}

export function cashSchedule(runDate: string, origins = BACKTEST_ORIGINS): CashSchedule {
  const backtestOrigins = Array.from({ length: origins }, (_, i) => addDays(runDate, -HORIZON_DAYS - BACKTEST_SPACING_DAYS * i));
  const days = new Set<string>([runDate, ...backtestOrigins]);
  for (const o of [runDate, ...backtestOrigins]) for (const d of trainingDays(o)) days.add(d);
  return { origin: runDate, backtestOrigins, refDays: [...days].sort() };
}

interface Tally {
  observations: number;
  open: number;
  paid: number[];
}

const keyAt = (row: ClassKey, level: number) => LEVELS[level].map((k) => row[k]).join('|');

/** Shares per class and level, learned from the rows of the training days. */
export interface CashShares {
  readonly tallies: readonly Map<string, Tally>[];
}

export function learnShares(training: readonly CashClassRow[]): CashShares {
  const tallies = LEVELS.map(() => new Map<string, Tally>());
  for (const row of training) {
    for (let level = 0; level < LEVELS.length; level++) {
      const key = keyAt(row, level);
      let t = tallies[level].get(key);
      if (!t) tallies[level].set(key, (t = { observations: 0, open: 0, paid: new Array(CASH_WEEKS).fill(0) }));
      t.observations += row.invoices;
      t.open += Number(row.open_minor);
      for (let w = 0; w < CASH_WEEKS; w++) t.paid[w] += Number(row.paid_minor[w] ?? 0n);
    }
  }
  return { tallies };
}

/**
 * Shares of one class, each level shrunk towards its parent's: (n · own + SHRINK · parent) / (n + SHRINK)
 * with n the level's invoice-observations, so a class seen a few times borrows most of its
 * shares from the coarser class and a well-observed one speaks for itself. null: no history at all.
 */
function sharesFor(row: ClassKey, shares: CashShares): { share: number[]; level: number } | null {
  let share: number[] | null = null;
  let level = LEVELS.length;
  for (let l = LEVELS.length - 1; l >= 0; l--) {
    const t = shares.tallies[l].get(keyAt(row, l));
    if (!t || t.open <= 0) break;
    const own = t.paid.map((p) => p / t.open);
    share = share === null ? own : own.map((v, w) => (t.observations * v + SHRINK * share![w]) / (t.observations + SHRINK));
    if (t.observations >= MIN_SUPPORT) level = l;
  }
  return share === null ? null : { share, level: Math.min(level, LEVELS.length - 1) };
}

/** Expected cash per week (minor units, unrounded) from the open book at an origin, and the open balance per most specific level with enough support. */
export function predictCash(book: readonly CashClassRow[], shares: CashShares): { weekly: number[]; openByLevel: number[]; unpriced: number } {
  const weekly = new Array<number>(CASH_WEEKS).fill(0);
  const openByLevel = new Array<number>(LEVELS.length).fill(0);
  let unpriced = 0;
  for (const row of book) {
    const open = Number(row.open_minor);
    const found = sharesFor(row, shares);
    if (!found) {
      // No comparable history at all: nothing is expected rather than a guess (the page says how much).
      unpriced += open;
      continue;
    }
    openByLevel[found.level] += open;
    for (let w = 0; w < CASH_WEEKS; w++) weekly[w] += open * found.share[w];
  }
  return { weekly, openByLevel, unpriced };
}

/** Sum of the paid lists of a book: what its invoices actually brought in, per week. */
export function actualCash(book: readonly CashClassRow[]): number[] {
  const weekly = new Array<number>(CASH_WEEKS).fill(0);
  for (const row of book) for (let w = 0; w < CASH_WEEKS; w++) weekly[w] += Number(row.paid_minor[w] ?? 0n);
  return weekly;
}

export interface CashOriginResult {
  readonly origin: string;
  readonly openMinor: number;
  readonly forecast: number[];
  readonly actual: number[];
}

export interface CashBacktest {
  readonly variant: CashVariant;
  readonly origins: readonly CashOriginResult[];
  /** Σ|actual − forecast| / Σ actual over all origins and weeks (weighted absolute percentage error). */
  readonly wape: number | null;
  /** Σ(forecast − actual) / Σ actual: above 0 means too optimistic. */
  readonly bias: number | null;
  readonly smape: number | null;
  /** Leave-one-origin-out: each origin's band comes from the other origins' ratios. */
  readonly coverage80: number | null;
  readonly coverage95: number | null;
  /** Per week ahead: mean forecast, mean actual, WAPE. */
  readonly byWeek: readonly { week: number; forecast: number; actual: number; wape: number | null }[];
}

export interface CashBand {
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
}

/** Multiplicative band from ratios actual / forecast: quantiles 10–90 % and 2.5–97.5 %. */
export function ratioBand(ratios: readonly number[]): CashBand | null {
  if (ratios.length < MIN_RATIOS) return null;
  const sorted = [...ratios].sort((a, b) => a - b);
  return {
    lower80: sortedQuantile(sorted, 0.1), upper80: sortedQuantile(sorted, 0.9),
    lower95: sortedQuantile(sorted, 0.025), upper95: sortedQuantile(sorted, 0.975),
  };
}

const ratiosOf = (results: readonly CashOriginResult[]) =>
  results.flatMap((r) => r.forecast.flatMap((f, w) => (f > 0 ? [r.actual[w] / f] : [])));

export function byRef(rows: readonly CashClassRow[]): Map<string, CashClassRow[]> {
  const m = new Map<string, CashClassRow[]>();
  for (const r of rows) {
    let list = m.get(r.ref_day);
    if (!list) m.set(r.ref_day, (list = []));
    list.push(r);
  }
  return m;
}

/**
 * The two ways of classing invoices that compete on the backtest: every class dimension, or the
 * days-past-due bucket alone (the usual collections-curve baseline). Which one is used is decided per
 * currency by backtest WAPE and named on the page.
 */
export type CashVariant = 'classes' | 'age';
export const VARIANT_NAMES: Record<CashVariant, string> = {
  classes: 'Empirical payment-delay shares by segment × days past due × size × payer record',
  age: 'Empirical payment-delay shares by days past due (collection curve)',
};

const asVariant = (rows: readonly CashClassRow[], variant: CashVariant) =>
  variant === 'classes' ? rows : rows.map((r) => ({ ...r, segment: '*', size_band: '*', payer: '*' }));

/** The forecast from the book at `origin`, trained on its training days. */
export function forecastAt(rowsByRef: Map<string, CashClassRow[]>, origin: string, variant: CashVariant = 'classes') {
  const training = asVariant(trainingDays(origin).flatMap((d) => rowsByRef.get(d) ?? []), variant);
  const book = asVariant(rowsByRef.get(origin) ?? [], variant);
  return { training, book, ...predictCash(book, learnShares(training)) };
}

/** Backtest and band for one currency's rows (all reference days of a schedule). */
export function backtestCash(rows: readonly CashClassRow[], schedule: CashSchedule, variant: CashVariant = 'classes'): CashBacktest {
  const refs = byRef(rows);
  const results: CashOriginResult[] = [];
  for (const origin of schedule.backtestOrigins) {
    const f = forecastAt(refs, origin, variant);
    if (f.book.length === 0 || f.training.length === 0) continue;
    results.push({ origin, openMinor: f.book.reduce((s, r) => s + Number(r.open_minor), 0), forecast: f.weekly, actual: actualCash(f.book) });
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const all = (pick: (r: CashOriginResult) => number[]) => results.flatMap(pick);
  const actual = all((r) => r.actual);
  const forecast = all((r) => r.forecast);
  const totalActual = sum(actual);
  const wapeOf = (f: number[]) => (totalActual > 0 ? sum(f.map((v, i) => Math.abs(actual[i] - v))) / totalActual : null);

  let inside80 = 0;
  let inside95 = 0;
  let tested = 0;
  for (const r of results) {
    const band = ratioBand(ratiosOf(results.filter((o) => o !== r)));
    if (!band) continue;
    r.forecast.forEach((f, w) => {
      tested += 1;
      const a = r.actual[w];
      if (a >= f * band.lower80 && a <= f * band.upper80) inside80 += 1;
      if (a >= f * band.lower95 && a <= f * band.upper95) inside95 += 1;
    });
  }
  const smapeTerms = forecast.map((f, i) => (Math.abs(actual[i]) + Math.abs(f) === 0 ? 0 : (200 * Math.abs(actual[i] - f)) / (Math.abs(actual[i]) + Math.abs(f))));
  const byWeek = Array.from({ length: CASH_WEEKS }, (_, w) => {
    const a = sum(results.map((r) => r.actual[w]));
    const f = sum(results.map((r) => r.forecast[w]));
    const err = sum(results.map((r) => Math.abs(r.actual[w] - r.forecast[w])));
    const n = Math.max(results.length, 1);
    return { week: w + 1, forecast: f / n, actual: a / n, wape: a > 0 ? err / a : null };
  });
  return {
    variant,
    origins: results,
    wape: wapeOf(forecast),
    bias: totalActual > 0 ? (sum(forecast) - totalActual) / totalActual : null,
    smape: smapeTerms.length > 0 ? sum(smapeTerms) / smapeTerms.length : null,
    coverage80: tested > 0 ? inside80 / tested : null,
    coverage95: tested > 0 ? inside95 / tested : null,
    byWeek,
  };
}

/** The band for the live forecast: every backtest origin's ratios. */
export function liveBand(backtest: CashBacktest): CashBand | null {
  return ratioBand(ratiosOf(backtest.origins));
}
