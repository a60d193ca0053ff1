import { describe, expect, it } from 'vitest';
import { backtestCash, cashSchedule, learnShares, predictCash, ratioBand, SHRINK, trainingDays, type CashClassRow } from './cash.ts';
import { computeCashForecasts } from './cash-series.ts';

const paid = (...weeks: number[]) => Array.from({ length: 13 }, (_, i) => BigInt(weeks[i] ?? 0));
const row = (over: Partial<CashClassRow>): CashClassRow => ({
  ref_day: '2026-01-01', currency: 'RUB', segment: 'smb', age_bucket: '1-7', size_band: 'small', payer: 'prompt',
  invoices: 100, open_minor: 1000n, paid_minor: paid(), ...over,
});

describe('cash-collection schedule', () => {
  it('trains each origin on weekly days whose 13 weeks were over by then', () => {
    const s = cashSchedule('2026-11-20');
    expect(s.backtestOrigins.slice(0, 2)).toEqual(['2026-08-21', '2026-07-24']);
    expect(s.backtestOrigins).toHaveLength(8);
    expect(trainingDays('2026-11-20').slice(0, 2)).toEqual(['2026-08-21', '2026-08-14']);
    for (const o of [s.origin, ...s.backtestOrigins]) for (const d of trainingDays(o)) expect(s.refDays).toContain(d);
    expect(s.refDays).toEqual([...s.refDays].sort());
  });
});

describe('cash-collection shares', () => {
  it('prices an open balance with the paid shares of its class', () => {
    const shares = learnShares([row({ paid_minor: paid(500, 250) }), row({ ref_day: '2025-12-25', paid_minor: paid(500, 250) })]);
    const { weekly, unpriced } = predictCash([row({ open_minor: 200n })], shares);
    expect(weekly.slice(0, 3)).toEqual([100, 50, 0]);
    expect(unpriced).toBe(0);
  });

  it('shrinks a class towards its parent by SHRINK pseudo-observations', () => {
    // Two segments, same age and payer: the parent pools them (paid 1000 of 2000 → 0.5).
    const training = [
      row({ segment: 'smb', invoices: SHRINK, paid_minor: paid(800) }),
      row({ segment: 'consumer', invoices: SHRINK, paid_minor: paid(200) }),
    ];
    const { weekly } = predictCash([row({ segment: 'smb', open_minor: 100n })], learnShares(training));
    // (200 · 0.8 + 200 · 0.5) / 400 = 0.65
    expect(weekly[0]).toBeCloseTo(65, 10);
    // A segment never seen takes the parent's share.
    expect(predictCash([row({ segment: 'enterprise', open_minor: 100n })], learnShares(training)).weekly[0]).toBeCloseTo(50, 10);
  });

  it('expects nothing of a balance with no comparable history, and says how much', () => {
    const { weekly, unpriced } = predictCash([row({ age_bucket: '91+', open_minor: 700n })], learnShares([]));
    expect(weekly.every((w) => w === 0)).toBe(true);
    expect(unpriced).toBe(700);
  });

  it('builds a band only from enough ratios', () => {
    expect(ratioBand(new Array(10).fill(1))).toBeNull();
    const band = ratioBand(Array.from({ length: 101 }, (_, i) => 0.5 + i / 100))!;
    expect(band.lower80).toBeCloseTo(0.6, 10);
    expect(band.upper80).toBeCloseTo(1.4, 10);
    expect(band.lower95).toBeCloseTo(0.525, 10);
    expect(band.upper95).toBeCloseTo(1.475, 10);
  });
});

describe('cash-collection backtest', () => {
  const schedule = cashSchedule('2026-11-20');
  // A stationary book: every day 1000 open, an eighth paid in each of the first 8 weeks.
  const eighths = paid(125, 125, 125, 125, 125, 125, 125, 125);
  const steady = schedule.refDays.map((d) => row({ ref_day: d, paid_minor: eighths }));

  it('is exact on a book that behaves the same at every date', () => {
    const b = backtestCash(steady, schedule);
    expect(b.origins).toHaveLength(8);
    expect(b.wape).toBe(0);
    expect(b.bias).toBe(0);
    expect(b.byWeek.slice(7, 9).map((w) => [w.forecast, w.actual])).toEqual([[125, 125], [0, 0]]);
    expect(b.coverage80).toBe(1);
    expect(b.coverage95).toBe(1);
  });

  it('measures the error when behaviour changes: payments slow down after the training window', () => {
    const late = schedule.backtestOrigins[0];
    const slowed = steady.map((r) => (r.ref_day === late ? { ...r, paid_minor: paid(0, 0, 0, 0, 125, 125, 125, 125) } : r));
    const b = backtestCash(slowed, schedule);
    const o = b.origins.find((x) => x.origin === late)!;
    expect(o.forecast.slice(0, 5)).toEqual([125, 125, 125, 125, 125]);
    expect(o.actual.slice(0, 5)).toEqual([0, 0, 0, 0, 125]);
    // 500 off out of 8 origins × 1000 actually paid less 500
    expect(b.wape).toBeCloseTo(500 / (8 * 1000 - 500), 12);
    expect(b.bias).toBeCloseTo(500 / (8 * 1000 - 500), 12);
  });

  it('stores one weekly forecast per currency from the book open at the run date, chosen by backtest WAPE', () => {
    const rows = [...steady, ...steady.map((r) => ({ ...r, currency: 'EUR', open_minor: 400n, paid_minor: paid(100, 100, 200) }))];
    const asOfRun = rows.filter((r) => r.ref_day === schedule.origin).length;
    expect(asOfRun).toBe(2);
    const [eur, rub] = computeCashForecasts(rows, schedule);
    expect([eur.forecast.currency, rub.forecast.currency]).toEqual(['EUR', 'RUB']);
    expect(rub.forecast.seriesKey).toBe('cash_collection|RUB|all');
    expect(rub.forecast.frequency).toBe('week');
    expect(rub.forecast.points.map((p) => p.mean).slice(6, 10)).toEqual([125, 125, 0, 0]);
    expect(rub.forecast.points[0]).toEqual({ period: '2026-11-20', mean: 125, lower80: 125, upper80: 125, lower95: 125, upper95: 125 });
    expect(rub.forecast.points.map((p) => p.period).slice(0, 2)).toEqual(['2026-11-20', '2026-11-27']);
    expect(rub.forecast.params.open_minor).toBe(1000);
    expect(eur.forecast.points[2].mean).toBe(200);
    expect(rub.backtest.wape).toBeLessThanOrEqual(rub.alternative.wape!);
  });

  it('caps the band at what is open: no week brings in more than the book', () => {
    // Other days pay 0.8 % over 8 weeks, the backtest origins' books pay everything: ratios far above 1.
    const jumpy = steady.map((r) => ({ ...r, paid_minor: schedule.backtestOrigins.includes(r.ref_day) ? eighths : paid(1, 1, 1, 1, 1, 1, 1, 1) }));
    const [rub] = computeCashForecasts(jumpy, schedule);
    const uppers = rub.forecast.points.map((p) => p.upper95);
    expect(Math.max(...uppers)).toBe(1000);
    expect(rub.forecast.points[0].mean).toBeLessThan(1000);
  });
});
