/**
 * `npm run bench -- aging [--scale M|S|XS] [--repeat 5]`
 *
 * At scale M, measures in one run, on the same data:
 *   aging     the aging report (all currencies, by segment, default buckets, by due date) from the
 *             warehouse, as of three dates (median of --repeat runs each, after one warm-up)
 *   postgres  the same aging computed by one SQL query on the billing database itself
 *   queue     the collections queue page's first page, as /collections loads it (loadQueuePage: the
 *             ranked, filtered, paged warehouse query, the page's cases from the workbench, the filter choices)
 * and ends with:
 *   aging: scale=M aging_ms=<median of the three dates> postgres_ms=<same on Postgres> speedup=<ratio> queue_ms=<first page>
 * The warehouse is built by a full sync from the cached template database (see bench/sync.ts) into
 * a temporary folder, removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadQueuePage, parseQueueFilter } from '../app/lib/server/collections/queue.ts';
import { agingReport } from '../app/lib/server/receivables/aging.ts';
import { openWorkbench } from '../app/lib/server/workbench/database.ts';
import { DEFAULT_BOUNDS } from '../app/lib/server/receivables/params.ts';
import { isScale } from '../pipelines/generate/generate.ts';
import { createBillingPool } from '../pipelines/source/type-mapping.ts';
import { runSync } from '../pipelines/sync/run-sync.ts';
import { openWarehouse } from '../pipelines/warehouse/connection.ts';
import { ensureTemplate, TZ, urlFor } from './support/billing-template.ts';

/** Month ends before the generated history's as-of instant (2026-11-20): recent, mid-year, a year back. */
const AS_OF_DATES = ['2026-10-31', '2026-06-30', '2025-12-31'];

/**
 * The same figures straight from the billing tables: open balance at the end of the day (business
 * time zone) per finalized invoice, aged by due date into the default buckets, summed by segment,
 * currency and bucket. (No quarantine here: the billing DB has no notion of it.)
 */
export const POSTGRES_AGING = `
with cutoff as (select (($1::date + 1)::timestamp at time zone $2) as end_of_day),
alloc as (
  select a.invoice_id, sum(a.amount_minor) as paid from billing.payment_allocations a, cutoff k
  where a.allocated_at < k.end_of_day group by a.invoice_id
),
credit as (
  select n.invoice_id, sum(n.amount_minor) as credited from billing.credit_notes n, cutoff k
  where n.status = 'issued' and n.issued_at < k.end_of_day group by n.invoice_id
),
open as (
  select i.id, i.customer_id, i.currency, i.due_at, i.total_minor - coalesce(a.paid, 0) - coalesce(c.credited, 0) as open_minor
  from billing.invoices i cross join cutoff k
  left join alloc a on a.invoice_id = i.id
  left join credit c on c.invoice_id = i.id
  where i.status in ('open', 'paid', 'uncollectible', 'void') and i.issued_at < k.end_of_day
    and not (i.status = 'void' and i.voided_at < k.end_of_day)
)
select cu.segment, o.currency,
  width_bucket($1::date - (o.due_at at time zone $2)::date, array[1, 31, 61, 91, 121]) as bucket,
  sum(o.open_minor) as open_minor
from open o join billing.customers cu on cu.id = o.customer_id
where o.open_minor <> 0
group by 1, 2, 3`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timeIt(repeat: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: caches and plans, as a page that has been opened once
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string', default: 'M' }, repeat: { type: 'string', default: '5' } } });
  const scale = values.scale!;
  if (!isScale(scale)) throw new Error(`--scale must be XS, S or M, not ${scale}`);
  const repeat = Math.max(1, Number(values.repeat));
  const template = await ensureTemplate(scale);
  const source = createBillingPool(urlFor(template), 2);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlens-bench-aging-'));
  const warehouse = await openWarehouse(path.join(workDir, 'warehouse.duckdb'));
  try {
    console.log('building the warehouse (full sync) …');
    const sync = await runSync({ source, warehouse, timezone: TZ, workDir, mode: 'full' });
    console.log(`  ${sync.rowsExtracted} rows in ${(sync.timings.totalMs / 1000).toFixed(1)} s`);

    const duck: number[] = [];
    const pg: number[] = [];
    for (const asOf of AS_OF_DATES) {
      const params = { asOf, basis: 'due_date' as const, bounds: DEFAULT_BOUNDS.due_date, groupBy: 'segment' as const };
      const d = await timeIt(repeat, () => agingReport(warehouse, params));
      const p = await timeIt(Math.min(repeat, 3), () => source.query(POSTGRES_AGING, [asOf, TZ]));
      // the two must agree on the open total per currency (they differ only by the quarantined rows)
      const report = await agingReport(warehouse, params);
      const { rows } = await source.query<{ currency: string; open: string }>(`select currency, sum(open_minor)::text as open from (${POSTGRES_AGING}) x group by 1`, [asOf, TZ]);
      const agreement = rows.map((r) => `${r.currency} warehouse ${report.totals.find((t) => t.currency === r.currency)?.total ?? 0n} / postgres ${r.open}`).join(', ');
      console.log(`as of ${asOf}: warehouse ${d.toFixed(1)} ms, postgres ${p.toFixed(1)} ms (${agreement})`);
      duck.push(d);
      pg.push(p);
    }
    const workbench = await openWorkbench({ dataDir: workDir, workbenchDatabaseUrl: null });
    let queueMs: number;
    try {
      const filter = parseQueueFilter(new URLSearchParams());
      queueMs = await timeIt(repeat, () => loadQueuePage(warehouse, workbench.db, { asOf: '2026-11-20', filter, me: null, staff: [] }));
    } finally {
      await workbench.close();
    }
    const agingMs = median(duck);
    const postgresMs = median(pg);
    console.log(`aging: scale=${scale} aging_ms=${agingMs.toFixed(1)} postgres_ms=${postgresMs.toFixed(1)} speedup=${(postgresMs / agingMs).toFixed(1)} queue_ms=${queueMs.toFixed(1)}`);
  } finally {
    warehouse.close();
    await source.end();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
