import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIntoDuckDB } from '../../tests/support/generated-warehouse.ts';
import { tempDataDir } from '../../tests/support/warehouse.ts';
import type { Warehouse } from '../warehouse/connection.ts';
import { generateDemoData, type GenerateOptions } from './generate.ts';

const AS_OF = new Date('2026-11-20T09:30:00Z');
const TZ = 'Europe/Moscow';

async function digest(options: Omit<GenerateOptions, 'sink'>): Promise<string> {
  const hash = createHash('sha256');
  await generateDemoData({ ...options, sink: { async copy(table, csv) { hash.update(table).update(csv); } } });
  return hash.digest('hex');
}

describe('demo data generator', () => {
  it('is deterministic: same seed and as-of give the same rows, another seed other rows', async () => {
    const a = await digest({ scale: 'XS', seed: 7, asOf: AS_OF, timezone: TZ });
    const b = await digest({ scale: 'XS', seed: 7, asOf: AS_OF, timezone: TZ });
    const c = await digest({ scale: 'XS', seed: 8, asOf: AS_OF, timezone: TZ });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  describe('scale S history', () => {
    const tmp = tempDataDir();
    let w: Warehouse;
    const one = async <T = Record<string, unknown>>(sql: string) => (await w.query<T>(sql))[0]!;

    beforeAll(async () => {
      ({ warehouse: w } = await generateIntoDuckDB({ scale: 'S', seed: 42, asOf: AS_OF, timezone: TZ }, tmp.dir));
    });
    afterAll(() => {
      w.close();
      tmp.remove();
    });

    it('has about 2,000 customers over 24 months in three segments and three currencies', async () => {
      expect(await one('SELECT count(*) AS n FROM raw.customers')).toEqual({ n: 2000n });
      const months = await one<{ n: bigint }>("SELECT count(DISTINCT date_trunc('month', timezone('Europe/Moscow', issued_at))) AS n FROM raw.invoices WHERE id NOT LIKE 'bad_%'");
      expect(months.n).toBe(24n);
      const segments = await w.query<{ segment: string }>('SELECT DISTINCT segment FROM raw.customers ORDER BY 1');
      expect(segments.map((s) => s.segment)).toEqual(['consumer', 'enterprise', 'smb']);
      const currencies = await w.query<{ currency: string; n: bigint }>("SELECT currency, count(*) AS n FROM raw.invoices WHERE id NOT LIKE 'bad_%' GROUP BY 1 ORDER BY 2 DESC");
      expect(currencies.map((c) => c.currency)).toEqual(['RUB', 'USD', 'EUR']);
      expect(Number(currencies[0]!.n) / Number(currencies.reduce((s, c) => s + c.n, 0n))).toBeGreaterThan(0.8);
    });

    it('keeps the contract identities I1–I4 on every row it did not break on purpose', async () => {
      const i1 = await one("SELECT count(*) AS n FROM raw.invoices WHERE total_minor <> subtotal_minor + tax_minor - credits_applied_minor");
      const i2 = await one(`SELECT count(*) AS n FROM raw.invoices i JOIN (SELECT invoice_id, sum(amount_minor) a, sum(tax_minor) t FROM raw.invoice_lines GROUP BY 1) l
        ON l.invoice_id = i.id WHERE l.a <> i.subtotal_minor OR l.t <> i.tax_minor`);
      const i3 = await one(`SELECT count(*) AS n FROM raw.payments p JOIN (SELECT payment_id, sum(amount_minor) a FROM raw.payment_allocations WHERE id NOT LIKE 'bad_%' GROUP BY 1) x
        ON x.payment_id = p.id WHERE x.a > p.amount_minor - p.refunded_minor`);
      const balances = `SELECT i.id, i.status, i.total_minor - coalesce(a.s, 0) - coalesce(c.s, 0) AS due FROM raw.invoices i
        LEFT JOIN (SELECT invoice_id, sum(amount_minor) s FROM raw.payment_allocations WHERE id NOT LIKE 'bad_%' GROUP BY 1) a ON a.invoice_id = i.id
        LEFT JOIN (SELECT invoice_id, sum(amount_minor) s FROM raw.credit_notes WHERE status = 'issued' GROUP BY 1) c ON c.invoice_id = i.id
        WHERE i.id NOT LIKE 'bad_%'`;
      const i4 = await one(`SELECT count(*) FILTER (WHERE due < 0) AS negative, count(*) FILTER (WHERE status = 'paid' AND due <> 0) AS paid_with_balance,
        count(*) FILTER (WHERE status = 'open' AND due = 0) AS open_without_balance FROM (${balances})`);
      expect({ i1, i2, i3, i4 }).toEqual({ i1: { n: 0n }, i2: { n: 0n }, i3: { n: 0n }, i4: { negative: 0n, paid_with_balance: 0n, open_without_balance: 0n } });
    });

    it('has nothing dated after the as-of instant, and issues invoices at local midnight on the 1st', async () => {
      const latest = await one<{ t: Date }>(`SELECT greatest(
        (SELECT max(updated_at) FROM raw.invoices), (SELECT max(received_at) FROM raw.payments), (SELECT max(allocated_at) FROM raw.payment_allocations),
        (SELECT max(issued_at) FROM raw.credit_notes), (SELECT max(updated_at) FROM raw.usage_records), (SELECT max(updated_at) FROM raw.customers)) AS t`);
      expect(latest.t.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
      const offGrid = await one(`SELECT count(*) AS n FROM raw.invoices WHERE id NOT LIKE 'bad_%' AND
        (day(timezone('Europe/Moscow', issued_at)) <> 1 OR hour(timezone('Europe/Moscow', issued_at)) <> 0)`);
      expect(offGrid).toEqual({ n: 0n });
    });

    it('has every payment behaviour the collections work needs', async () => {
      const s = await one<Record<string, bigint>>(`SELECT
        (SELECT count(*) FROM raw.invoices WHERE status = 'open') AS open,
        (SELECT count(*) FROM raw.invoices WHERE status = 'void') AS void,
        (SELECT count(*) FROM raw.invoices WHERE status = 'uncollectible') AS uncollectible,
        (SELECT count(*) FROM raw.invoices WHERE status = 'draft') AS draft,
        (SELECT count(*) FROM (SELECT invoice_id FROM raw.payment_allocations GROUP BY 1 HAVING count(*) > 1)) AS partially_paid,
        (SELECT count(*) FROM raw.payments WHERE status = 'failed') AS failed,
        (SELECT count(*) FROM raw.payments WHERE status = 'charged_back') AS charged_back,
        (SELECT count(*) FROM raw.payments WHERE status = 'succeeded' AND refunded_minor > 0) AS refunded_overpayments,
        (SELECT count(*) FROM raw.payments p WHERE p.amount_minor > (SELECT coalesce(sum(amount_minor), 0) FROM raw.payment_allocations a WHERE a.payment_id = p.id) + p.refunded_minor) AS unallocated_credit,
        (SELECT count(*) FROM raw.credit_notes WHERE reason = 'write_off') AS write_offs,
        (SELECT count(*) FROM raw.credit_notes WHERE reason <> 'write_off') AS credit_notes,
        (SELECT count(*) FROM raw.invoice_lines WHERE kind = 'late_fee') AS late_fees,
        (SELECT count(*) FROM raw.invoice_lines WHERE kind = 'discount') AS discounts,
        (SELECT count(*) FROM raw.subscription_versions WHERE change_kind = 'upgrade') AS upgrades,
        (SELECT count(*) FROM raw.subscription_versions WHERE change_kind = 'downgrade') AS downgrades,
        (SELECT count(*) FROM raw.subscription_versions WHERE change_kind = 'reactivation') AS reactivations,
        (SELECT count(*) FROM raw.customers WHERE closed_at IS NOT NULL) AS churned`);
      for (const [k, v] of Object.entries(s)) expect(v, k).toBeGreaterThan(0n);
      // how late invoices are paid spreads from early to months late
      const lateness = await one<{ early: number; late_30: number }>(`WITH paid AS (
          SELECT i.id, max(a.allocated_at) AS paid_at, any_value(i.due_at) AS due_at FROM raw.invoices i JOIN raw.payment_allocations a ON a.invoice_id = i.id
          WHERE i.status = 'paid' GROUP BY i.id)
        SELECT avg(CASE WHEN paid_at <= due_at THEN 1 ELSE 0 END) AS early, avg(CASE WHEN paid_at > due_at + INTERVAL 30 DAY THEN 1 ELSE 0 END) AS late_30 FROM paid`);
      expect(lateness.early).toBeGreaterThan(0.5);
      expect(lateness.late_30).toBeGreaterThan(0.03);
    });

    it('puts usage peaks in consumer evenings and weekends', async () => {
      const hours = await one<{ evening: number; night: number }>(`SELECT
        sum(quantity) FILTER (WHERE hour(timezone('Europe/Moscow', u.bucket_start)) BETWEEN 18 AND 22) / 5 AS evening,
        sum(quantity) FILTER (WHERE hour(timezone('Europe/Moscow', u.bucket_start)) BETWEEN 2 AND 5) / 4 AS night
        FROM raw.usage_records u JOIN raw.customers c ON c.id = u.customer_id WHERE c.segment = 'consumer' AND u.bucket_hours = 1 AND u.service = 'data'`);
      expect(Number(hours.evening)).toBeGreaterThan(Number(hours.night) * 4);
      const days = await one<{ weekend: number; weekday: number }>(`SELECT
        sum(quantity) FILTER (WHERE isodow(timezone('Europe/Moscow', u.bucket_start)) >= 6) / 2 AS weekend,
        sum(quantity) FILTER (WHERE isodow(timezone('Europe/Moscow', u.bucket_start)) < 6) / 5 AS weekday
        FROM raw.usage_records u JOIN raw.customers c ON c.id = u.customer_id WHERE c.segment = 'consumer' AND u.service = 'data'`);
      expect(Number(days.weekend)).toBeGreaterThan(Number(days.weekday) * 1.1);
    });

    it('lets churners fade: usage falls and payments slip in the months before they leave', async () => {
      const fade = await one<{ before: number; last: number }>(`WITH churners AS (SELECT id, closed_at FROM raw.customers WHERE closed_at IS NOT NULL),
        u AS (SELECT c.id, date_diff('month', u.bucket_start, c.closed_at) AS months_before, u.quantity FROM raw.usage_records u JOIN churners c ON c.id = u.customer_id
              WHERE u.service = 'voice')
        SELECT sum(quantity) FILTER (WHERE months_before BETWEEN 4 AND 6) / 3 AS before, sum(quantity) FILTER (WHERE months_before BETWEEN 1 AND 2) / 2 AS last FROM u`);
      expect(Number(fade.last)).toBeLessThan(Number(fade.before) * 0.85);
    });

    it('adds the deliberately bad rows, each named for what is wrong', async () => {
      const bad = await w.query<{ id: string }>(`SELECT id FROM raw.invoices WHERE id LIKE 'bad_%' UNION ALL SELECT id FROM raw.payments WHERE id LIKE 'bad_%'
        UNION ALL SELECT id FROM raw.payment_allocations WHERE id LIKE 'bad_%' UNION ALL SELECT id FROM raw.invoice_lines WHERE id LIKE 'bad_%'
        UNION ALL SELECT id FROM raw.usage_records WHERE id LIKE 'bad_%' ORDER BY 1`);
      expect(bad.map((b) => b.id)).toEqual([
        'bad_due_before_issue_1', 'bad_duplicate_number_1', 'bad_negative_total_1', 'bad_negative_usage_1', 'bad_orphan_customer_1',
        'bad_orphan_invoice_1', 'bad_orphan_payment_1', 'bad_over_allocation_1', 'bad_unknown_currency_1',
      ]);
    });
  });
});
