import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCashClasses } from '../../app/lib/server/forecast/cash-series.ts';
import type { CashClassRow } from '../../app/lib/server/forecast/cash.ts';
import { openReceivablesFixture, type ReceivablesFixture } from '../receivables/fixture.ts';

// The receivables fixture (../receivables/fixture.ts), seen from the start of 2 March 2026, Moscow
// time (2026-03-01T21:00Z). Week w after it = [ref + 7(w − 1) days, ref + 7w days).
//   A  RUB 10000 open, due 10 Mar (−8 dpd): 4000 on 5 Mar (week 1), 6000 on 10 Apr (day 39: week 6)
//   B  RUB  4000 open after its credit note, due 15 Jan (46 dpd): nothing paid
//   D  RUB  2000 open, due 15 Feb (15 dpd): voided 2 Apr, which is not cash
//   E  USD   700 open, due 15 Oct 2025 (138 dpd)
//   F  RUB  1000 open, due 15 Mar (−13 dpd): paid 10 Mar (day 8: week 2)
//   H  RUB   800 open, due 1 Mar (1 dpd): paid 1 Apr 01:00 Moscow (day 30: week 5)
//   C  issued 20 Mar: not open yet
// Payer records (invoices due 15–180 days before): c_rub1 has none (new); c_rub2 has B, still open
// 15 days after its due date (chronic); c_usd has E (chronic).
// Size terciles of the invoices issued before 2 Mar: RUB totals 800, 1000, 2000, 5000, 10000 →
// quantile_disc at 1/3 and 2/3 = 1000 and 5000 (a total at a bound belongs to the band below):
// F, H small; D, B medium; A large. USD has E alone (700, 700): small.

const week = (entries: Record<number, bigint>) => Array.from({ length: 13 }, (_, i) => entries[i + 1] ?? 0n);

describe('cash collection classes (sql/queries/cash_collection_classes.sql)', () => {
  let fixture: ReceivablesFixture;
  let rows: CashClassRow[];

  beforeAll(async () => {
    fixture = await openReceivablesFixture();
    rows = await loadCashClasses(fixture.warehouse, { origin: '2026-03-02', backtestOrigins: [], refDays: ['2026-03-02', '2026-04-20'] });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('classes each invoice open at the reference and sums its payments by week after it', () => {
    const at = rows.filter((r) => r.ref_day === '2026-03-02').map((r) => ({ ...r, paid_minor: [...r.paid_minor] }));
    expect(at).toEqual([
      { ref_day: '2026-03-02', currency: 'RUB', segment: 'consumer', age_bucket: 'due in 8-14', size_band: 'large', payer: 'new', invoices: 1, open_minor: 10000n, paid_minor: week({ 1: 4000n, 6: 6000n }) },
      { ref_day: '2026-03-02', currency: 'RUB', segment: 'consumer', age_bucket: 'due in 8-14', size_band: 'small', payer: 'new', invoices: 1, open_minor: 1000n, paid_minor: week({ 2: 1000n }) },
      { ref_day: '2026-03-02', currency: 'RUB', segment: 'smb', age_bucket: '1-7', size_band: 'small', payer: 'chronic', invoices: 1, open_minor: 800n, paid_minor: week({ 5: 800n }) },
      { ref_day: '2026-03-02', currency: 'RUB', segment: 'smb', age_bucket: '15-30', size_band: 'medium', payer: 'chronic', invoices: 1, open_minor: 2000n, paid_minor: week({}) },
      { ref_day: '2026-03-02', currency: 'RUB', segment: 'smb', age_bucket: '31-60', size_band: 'medium', payer: 'chronic', invoices: 1, open_minor: 4000n, paid_minor: week({}) },
      { ref_day: '2026-03-02', currency: 'USD', segment: 'enterprise', age_bucket: '91+', size_band: 'small', payer: 'chronic', invoices: 1, open_minor: 700n, paid_minor: week({}) },
    ]);
  });

  it('sees later days as they were: voided and paid invoices are gone, the new one is open', () => {
    // 20 Apr: A, F, H paid, D voided; B (4000, 95 dpd), C (3000, due 5 Apr: 15 dpd) and E remain.
    const later = rows.filter((r) => r.ref_day === '2026-04-20');
    expect(later.map((r) => [r.currency, r.age_bucket, r.open_minor]).sort()).toEqual([
      ['RUB', '15-30', 3000n],
      ['RUB', '91+', 4000n],
      ['USD', '91+', 700n],
    ]);
    for (const r of later) expect(r.paid_minor.every((p) => p === 0n)).toBe(true);
  });
});
