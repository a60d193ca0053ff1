import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../money.ts';
import { fraction } from './fraction.ts';
import { computeInvoiceLateFee, computeLateFees } from './late-fee.ts';
import type { CaseInvoice, LateFeeRule, StepRecord } from './types.ts';

const m = minorUnits;

function invoice(overrides: Partial<CaseInvoice> & Pick<CaseInvoice, 'id' | 'currency' | 'dueDate' | 'amountMinor'>): CaseInvoice {
  return { balanceChanges: [], disputed: false, ...overrides };
}

const PENYA: LateFeeRule = { kind: 'daily_key_rate_fraction', fraction: fraction(1n, 300n), rateTableId: 'cbr-key-rate' };
const ERPNEXT_12: LateFeeRule = { kind: 'annual_rate_pro_rata', annualRate: fraction(12n, 100n), dayCount: 365 };

describe('1/300 of the key rate per day', () => {
  // 100 000.00 RUB due 2024-10-20; key rate 19 % to 2024-10-27, 21 % from 2024-10-28.
  const rub = invoice({ id: 'R-1', currency: 'RUB', dueDate: '2024-10-20', amountMinor: m(10_000_000n) });

  it('splits the accrual at a mid-period rate change', () => {
    // 10-21..10-27: 7 days at 19 %; 10-28..11-05: 9 days at 21 %.
    // 10 000 000 × (0.19 × 7 + 0.21 × 9) / 300 = 32 200 000 / 300 = 107 333.33… → 107 333 kopecks.
    const fee = computeInvoiceLateFee(PENYA, rub, '2024-11-05');
    expect(fee.daysPastDue).toBe(16);
    expect(fee.chargeableDays).toBe(16);
    expect(fee.periods.map((p) => [p.from, p.to, p.days, p.baseMinor])).toEqual([
      ['2024-10-21', '2024-10-27', 7, 10_000_000n],
      ['2024-10-28', '2024-11-05', 9, 10_000_000n],
    ]);
    expect(fee.periods.map((p) => p.rate)).toEqual([fraction(19n, 100n), fraction(21n, 100n)]);
    expect(fee.exactMinor).toEqual(fraction(32_200_000n, 300n));
    expect(fee.feeMinor).toBe(107_333n);
  });

  it('uses the calculation day\'s rate for every day when the rule says as_of', () => {
    // 10 000 000 × 0.21 × 16 / 300 = 112 000 exactly.
    expect(computeInvoiceLateFee({ ...PENYA, rateOn: 'as_of' }, rub, '2024-11-05').feeMinor).toBe(112_000n);
  });

  it('lowers the base after a partial payment, counting the payment day on the old balance', () => {
    // 40 000.00 paid on 2024-10-25. 10-21..10-25: 5 d × 10 000 000 × 19 %; 10-26..10-27: 2 d × 6 000 000 × 19 %;
    // 10-28..11-05: 9 d × 6 000 000 × 21 %. (9 500 000 + 2 280 000 + 11 340 000) / 300 = 77 066.67 → 77 067.
    const paid = { ...rub, balanceChanges: [{ on: '2024-10-25', deltaMinor: m(-4_000_000n) }] };
    const fee = computeInvoiceLateFee(PENYA, paid, '2024-11-05');
    expect(fee.periods.map((p) => [p.from, p.to, p.baseMinor])).toEqual([
      ['2024-10-21', '2024-10-25', 10_000_000n],
      ['2024-10-26', '2024-10-27', 6_000_000n],
      ['2024-10-28', '2024-11-05', 6_000_000n],
    ]);
    expect(fee.feeMinor).toBe(77_067n);
  });

  it('stops accruing after full payment', () => {
    // Paid in full on 2024-10-23: 3 days at 19 %: 10 000 000 × 0.19 × 3 / 300 = 19 000.
    const paid = { ...rub, balanceChanges: [{ on: '2024-10-23', deltaMinor: m(-10_000_000n) }] };
    expect(computeInvoiceLateFee(PENYA, paid, '2024-12-31').feeMinor).toBe(19_000n);
  });

  it('caps the fee at a share of the principal and at an absolute amount', () => {
    // 10 000.00 RUB due 2024-01-01, to 2024-12-31: 209 d at 16 %, 49 d at 18 %, 42 d at 19 %, 65 d at 21 %.
    // 1 000 000 × 63.89 / 300 = 212 966.67 → 212 967 uncapped.
    const year = invoice({ id: 'R-2', currency: 'RUB', dueDate: '2024-01-01', amountMinor: m(1_000_000n) });
    const uncapped = computeInvoiceLateFee(PENYA, year, '2024-12-31');
    expect(uncapped.periods.map((p) => p.days)).toEqual([209, 49, 42, 65]);
    expect(uncapped.feeMinor).toBe(212_967n);
    expect(uncapped.capped).toBe(false);

    const tenPercent = computeInvoiceLateFee({ ...PENYA, cap: { fractionOfPrincipal: fraction(1n, 10n) } }, year, '2024-12-31');
    expect(tenPercent).toMatchObject({ uncappedFeeMinor: 212_967n, capMinor: 100_000n, capped: true, feeMinor: 100_000n });

    const both = computeInvoiceLateFee({ ...PENYA, cap: { fractionOfPrincipal: fraction(1n, 10n), absolute: { RUB: m(50_000n) } } }, year, '2024-12-31');
    expect(both.feeMinor).toBe(50_000n);
  });

  it('refuses a day before the table starts', () => {
    const old = invoice({ id: 'R-3', currency: 'RUB', dueDate: '2014-01-01', amountMinor: m(100n) });
    expect(() => computeInvoiceLateFee(PENYA, old, '2014-02-01')).toThrowError(expect.objectContaining({ code: 'NO_RATE_FOR_DATE' }));
  });
});

describe('annual rate pro rata (ERPNext dunning: amount × rate × days / 365)', () => {
  const usd = invoice({ id: 'U-1', currency: 'USD', dueDate: '2025-03-01', amountMinor: m(100_000n) });

  it('matches ERPNext for a constant balance', () => {
    // 100 000 × 0.12 × 30 / 365 = 986.30 → 986 cents.
    expect(computeInvoiceLateFee(ERPNEXT_12, usd, '2025-03-31').feeMinor).toBe(986n);
  });

  it('rounds half up once, at the end', () => {
    // 3.65 USD × 10 % × 5 / 365 = 0.5 cent → 1 cent.
    const small = invoice({ id: 'U-2', currency: 'USD', dueDate: '2025-03-01', amountMinor: m(365n) });
    const fee = computeInvoiceLateFee({ ...ERPNEXT_12, annualRate: fraction(1n, 10n) }, small, '2025-03-06');
    expect(fee.exactMinor).toEqual(fraction(1n, 2n));
    expect(fee.feeMinor).toBe(1n);
  });

  it('charges nothing inside grace, then counts from the day after grace by default', () => {
    const graced: LateFeeRule = { ...ERPNEXT_12, graceDays: 10 };
    expect(computeInvoiceLateFee(graced, usd, '2025-03-11').feeMinor).toBe(0n);
    // Days 11..30 = 20 days: 100 000 × 0.12 × 20 / 365 = 657.53 → 658.
    const after = computeInvoiceLateFee(graced, usd, '2025-03-31');
    expect(after.chargeableDays).toBe(20);
    expect(after.periods[0]!.from).toBe('2025-03-12');
    expect(after.feeMinor).toBe(658n);
  });

  it('counts back to the due date once grace is exceeded when the rule says from_due_date', () => {
    const retro: LateFeeRule = { ...ERPNEXT_12, graceDays: 10, graceCounting: 'from_due_date' };
    expect(computeInvoiceLateFee(retro, usd, '2025-03-11').feeMinor).toBe(0n);
    expect(computeInvoiceLateFee(retro, usd, '2025-03-31').feeMinor).toBe(986n);
    // Paid in full inside grace: nothing, however late the calculation.
    const paidInGrace = { ...usd, balanceChanges: [{ on: '2025-03-08', deltaMinor: m(-100_000n) }] };
    expect(computeInvoiceLateFee(retro, paidInGrace, '2025-06-30').feeMinor).toBe(0n);
  });

  it('rounds a zero-decimal currency (JPY) to whole yen', () => {
    // ¥123 625 × 0.146 × 30 / 365 = ¥123 625 × 0.012 = ¥1 483.5 → ¥1 484.
    const jpy = invoice({ id: 'J-1', currency: 'JPY', dueDate: '2025-01-31', amountMinor: m(123_625n) });
    const fee = computeInvoiceLateFee({ ...ERPNEXT_12, annualRate: fraction(146n, 1000n) }, jpy, '2025-03-02');
    expect(fee.daysPastDue).toBe(30);
    expect(fee.feeMinor).toBe(1_484n);
  });
});

describe('fixed fee per reminder', () => {
  const rule: LateFeeRule = { kind: 'fixed_per_reminder', amount: { RUB: m(50_000n), JPY: m(500n) }, graceDays: 3 };
  const rub = invoice({ id: 'R-9', currency: 'RUB', dueDate: '2025-05-01', amountMinor: m(2_000_000n) });
  const record = (key: string, on: string, status: StepRecord['status'], invoiceIds = ['R-9']): StepRecord => ({
    idempotencyKey: key,
    stepId: key,
    kind: 'reminder',
    invoiceIds,
    cycle: 1,
    on,
    status,
  });

  it('charges each reminder sent after grace, once', () => {
    const history = [
      record('r1', '2025-05-02', 'approved'), // inside grace (day 1): free
      record('r2', '2025-05-11', 'proposed'),
      record('r2', '2025-05-11', 'approved'), // the same reminder, recorded twice: charged once
      record('r3', '2025-05-21', 'approved'),
      record('r4', '2025-05-25', 'skipped'),
      record('r5', '2025-05-26', 'approved', ['OTHER']),
      record('r6', '2025-06-30', 'approved'), // after asOf
    ];
    const fee = computeInvoiceLateFee(rule, rub, '2025-06-01', { history });
    expect(fee.reminderDates).toEqual(['2025-05-11', '2025-05-21']);
    expect(fee.feeMinor).toBe(100_000n);
  });

  it('applies an absolute cap and refuses a currency the rule does not price', () => {
    const history = [record('a', '2025-05-10', 'approved'), record('b', '2025-05-20', 'approved'), record('c', '2025-05-30', 'approved')];
    const capped = computeInvoiceLateFee({ ...rule, cap: { absolute: { RUB: m(120_000n) } } }, rub, '2025-06-01', { history });
    expect(capped).toMatchObject({ uncappedFeeMinor: 150_000n, feeMinor: 120_000n, capped: true });
    const usd = { ...rub, currency: 'USD' };
    expect(() => computeInvoiceLateFee(rule, usd, '2025-06-01', { history })).toThrowError(expect.objectContaining({ code: 'CURRENCY_NOT_IN_RULE' }));
  });
});

describe('computeLateFees', () => {
  it('lists every invoice and totals per currency, never across currencies', () => {
    const invoices = [
      invoice({ id: 'U-1', currency: 'USD', dueDate: '2025-03-01', amountMinor: m(100_000n) }), // 986
      invoice({ id: 'U-2', currency: 'USD', dueDate: '2025-03-16', amountMinor: m(50_000n) }), // 50 000 × 0.12 × 15 / 365 = 246.58 → 247
      invoice({ id: 'J-1', currency: 'JPY', dueDate: '2025-03-01', amountMinor: m(100_000n) }), // 100 000 × 0.12 × 30 / 365 = 986.30 → 986
      invoice({ id: 'U-3', currency: 'USD', dueDate: '2025-04-30', amountMinor: m(10_000n) }), // not yet due
    ];
    const result = computeLateFees(ERPNEXT_12, invoices, '2025-03-31');
    expect(result.invoices.map((fee) => [fee.invoiceId, fee.feeMinor])).toEqual([
      ['U-1', 986n],
      ['U-2', 247n],
      ['J-1', 986n],
      ['U-3', 0n],
    ]);
    expect(result.totals).toEqual([
      { currency: 'JPY', feeMinor: 986n },
      { currency: 'USD', feeMinor: 1_233n },
    ]);
  });
});
